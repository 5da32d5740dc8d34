"""Django's user and group admin, with each permission named in the reader's language
(``questionnaire.accounts.package_names.permission_label``). Registered in place of
Django's own by ``questionnaire.admin``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import ManyToManyField
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest

from questionnaire.accounts.package_names import permission_label


class PermissionNames:
    """Lists a form's permissions by ``permission_label``, their content types read with
    them (one query, not one per permission)."""

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field  # type: ignore[no-any-return]


class NamedPermissionsUserAdmin(PermissionNames, UserAdmin):  # type: ignore[type-arg]
    pass


class NamedPermissionsGroupAdmin(PermissionNames, GroupAdmin):
    pass


def register(site: admin.AdminSite) -> None:
    for model, model_admin in (
        (User, NamedPermissionsUserAdmin),
        (Group, NamedPermissionsGroupAdmin),
    ):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
