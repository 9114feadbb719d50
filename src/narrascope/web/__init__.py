"""Web UI assets and the helpers that turn analyses into HTML (labels, highlighting, charts)."""
