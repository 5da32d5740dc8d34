from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from questionnaire.accounts import views as account_views
from questionnaire.accounts.forms import PasswordChangeForm
from questionnaire.accounts.language import language_set

# The sign-in pages, named as django.contrib.auth.urls names them. Password reset is left out
# on purpose: Django's reset sends its e-mail inside the request (a silent mail server would
# hold a worker; the app's own e-mail goes through the outbox, questionnaire.notifications),
# and a reset by e-mail would get round the second factor. Signing in is throttled
# (django-axes) and asks for the second factor of those who have one (questionnaire.accounts).
accounts = [
    path("login/", account_views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("two-factor/", account_views.two_factor_overview, name="two_factor"),
    path("two-factor/setup/", account_views.two_factor_setup, name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        account_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/verify/", account_views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/disable/", account_views.two_factor_disable, name="two_factor_disable"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    # The language switcher of every page (base.html): a plain form POST, no JavaScript; it
    # sets Django's language cookie, stores a signed-in person's choice, and goes back to the
    # page. URLs carry no language. POST only: a GET would change nothing.
    path("i18n/setlang/", language_set, name="set_language"),
    path("", include("questionnaire.urls")),
]
