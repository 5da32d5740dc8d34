"""Signed assessment records: the payload (``payload``), canonical JSON and signatures
(``signing``), the export document (``export``), chain checks (``chain``) and the public check
of an uploaded file (``verification``)."""
