from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

# The sign-in pages, named as django.contrib.auth.urls names them. Password reset is left out
# on purpose: no mail is configured, and live reset pages would only accept requests whose
# e-mail never arrives (or hold a worker on a silent mail server). Add them together with
# EMAIL_* settings.
accounts = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    path("", include("questionnaire.urls")),
]
