"""The PDF report of a signed record: its restricted URL fetcher (``fetcher``), HTML → PDF
(``render``), the PAdES signature and its check (``pades``) and the document certificates
(``certificates``).
"""
