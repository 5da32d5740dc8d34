"""The people of the tests: organisation "acme" with alice, an attester who starts the
drafts, and bob, a member; eve administers "other" and must see nothing of acme's."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from questionnaire.models import Membership, Organisation

PASSWORD = "correct horse battery staple 42"


def make_member(username: str, organisation: Organisation, role: str) -> User:
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.com", password=PASSWORD
    )
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
