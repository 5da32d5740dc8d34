"""The documentation checklist: placeholder, being written."""
