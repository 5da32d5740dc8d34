"""Format overrides by language (FORMAT_MODULE_PATH): English keeps British dates and numbers."""
