from django.urls import include, path

from . import views

# Django's auth views keep their own URL names (login, logout, password_change,
# password_reset, ...) without a namespace: they reverse each other by those names.
urlpatterns = [
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("", include("django.contrib.auth.urls")),
]
