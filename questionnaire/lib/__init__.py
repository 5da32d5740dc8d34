"""Small shared helpers with no knowledge of assessments: key files and key loading."""
