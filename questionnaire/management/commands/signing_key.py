"""``manage.py signing_key create|rotate|list``: the keys that sign records and reports.

``create`` makes the Ed25519 record signing key (in ``RECORD_SIGNING_KEY_FILE``, mode
0600) and the document certificate that signs PDF reports (a self-signed one in
``RECORD_DOCUMENT_CERT_FILE``, or an organisation's PKCS#12 with ``--pkcs12``), and
publishes both in the database. ``rotate`` replaces them; old public keys and certificates
stay published, so every record signed before still verifies.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from questionnaire import services
from questionnaire.models import DocumentCertificate, SigningKey


class Command(BaseCommand):
    help = "Create, rotate or list the keys that sign assessment records and PDF reports."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|rotate|list")
        for name, text in (("create", "create the keys"), ("rotate", "replace the keys")):
            action = actions.add_parser(name, help=text)
            action.add_argument(
                "--pkcs12", type=Path, help="sign reports with this PKCS#12 (key and certificate)"
            )
            action.add_argument("--pkcs12-password", default="", help="password of the PKCS#12")
        actions.choices["create"].add_argument(
            "--if-missing",
            action="store_true",
            help="succeed quietly when the keys exist already (for set-up scripts)",
        )
        actions.add_parser("list", help="list published keys and certificates")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                self._create(options)
            elif options["action"] == "rotate":
                self._rotate(options)
            else:
                self._list()
        except (ImproperlyConfigured, OSError, ValueError) as error:
            raise CommandError(str(error)) from None

    def _create(self, options: dict[str, Any]) -> None:
        key_file: Path = settings.RECORD_SIGNING_KEY_FILE
        existed = key_file.exists() and SigningKey.objects.exists()
        if existed and not options["if_missing"] and options["pkcs12"] is None:
            raise CommandError(
                f"A record signing key exists already in {key_file}; use `signing_key rotate`."
            )
        key, made_key = services.signing_key_create(path=key_file)
        certificate, made_certificate = services.document_certificate_set(
            path=settings.RECORD_DOCUMENT_CERT_FILE,
            password=settings.RECORD_DOCUMENT_CERT_PASSWORD,
            pkcs12=options["pkcs12"],
            pkcs12_password=options["pkcs12_password"],
        )
        verb = "Created" if made_key else "Using"
        self.stdout.write(f"{verb} record signing key {key.key_id} ({key_file}).")
        verb = "Installed" if made_certificate else "Using"
        self.stdout.write(
            f"{verb} document certificate {certificate.subject} ({certificate.fingerprint[:16]})."
        )

    def _rotate(self, options: dict[str, Any]) -> None:
        key = services.signing_key_rotate(path=settings.RECORD_SIGNING_KEY_FILE)
        certificate, _ = services.document_certificate_set(
            path=settings.RECORD_DOCUMENT_CERT_FILE,
            password=settings.RECORD_DOCUMENT_CERT_PASSWORD,
            pkcs12=options["pkcs12"],
            pkcs12_password=options["pkcs12_password"],
            replace=True,
        )
        self.stdout.write(
            f"New record signing key {key.key_id}; older keys retired, still published."
        )
        self.stdout.write(
            f"New document certificate {certificate.subject} ({certificate.fingerprint[:16]})."
        )

    def _list(self) -> None:
        for key in SigningKey.objects.all():
            status = f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "active"
            self.stdout.write(
                f"key\t{key.key_id}\t{key.algorithm}\t{key.created_at:%Y-%m-%d}\t{status}"
            )
        for certificate in DocumentCertificate.objects.all():
            status = (
                f"retired {certificate.retired_at:%Y-%m-%d}" if certificate.retired_at else "active"
            )
            self.stdout.write(
                f"certificate\t{certificate.fingerprint[:16]}\t{certificate.subject}\t"
                f"{certificate.created_at:%Y-%m-%d}\t{status}"
            )
