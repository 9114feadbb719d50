"""REST API and web UI over a corpus database (`narrascope serve`)."""
from narrascope.api.app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
