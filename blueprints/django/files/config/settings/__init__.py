"""Settings per environment: base.py is shared; dev.py, test.py and prod.py start from it.

manage.py uses config.settings.dev unless DJANGO_SETTINGS_MODULE says otherwise (.env may set it);
pytest uses config.settings.test; the Docker image uses config.settings.prod.
"""
