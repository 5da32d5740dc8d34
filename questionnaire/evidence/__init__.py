"""Evidence on answers: files (PDF, images, spreadsheets, text) and links attached to one
answer of a draft, each with who added it and when.

- ``content``: what a file may be, judged by its bytes, never by its name; the name kept.
- ``selectors``: the evidence a user may see (404 for any other).
- ``services``: attaching a file or a link, removing one while the assessment is unsigned.
- ``review``, ``forms``, ``views``: the forms beside each answer on the review step, the
  page of one answer's evidence, the download.

Signing puts each file's SHA-256, name and size in the record (``records.payload``);
``verify_records --files`` and the regulator bundle's verifier check the stored files
against it (``records.stored_files``, ``documents.bundle``).
"""
