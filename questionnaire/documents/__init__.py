"""The documents a provider files (shared/spec/documents.md): the Model Documentation Form,
the public summary of training content and the Art. 52 notification, prefilled from an
assessment's answers and completed in the app, with their exports; and the regulator
bundle of a signed record, which anyone can verify offline.

The documentation checklist (Annex XI and XII) is ``questionnaire.checklist``: pure data,
also printed in the signed PDF report, which sits below this package."""
