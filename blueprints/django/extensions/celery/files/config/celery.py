"""The Celery app, for work done outside the request/response cycle.

A worker runs the tasks: `celery -A config worker --loglevel INFO`. Every Django setting whose name
starts with CELERY_ configures it (CELERY_BROKER_URL is Celery's broker_url, and so on), and each
installed app's tasks.py is found on its own. config/__init__.py imports this module, so
@shared_task functions bind to this app in every process that starts Django.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
