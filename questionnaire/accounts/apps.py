"""The admin application, with the admin site that asks staff for their second factor.

Listed in INSTALLED_APPS in place of ``django.contrib.admin``: the ``admin.site`` every
``ModelAdmin`` registers with is then a ``SecondFactorAdminSite``.
"""

from django.contrib.admin.apps import AdminConfig


class SecondFactorAdminConfig(AdminConfig):
    default_site = "questionnaire.accounts.admin_site.SecondFactorAdminSite"
