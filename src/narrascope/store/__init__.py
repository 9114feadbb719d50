"""SQLite storage of analyses: write, query, aggregate, export."""
from narrascope.store.database import KEY_CHARS, Store, StoreError
from narrascope.store.query import Filters

__all__ = ["KEY_CHARS", "Filters", "Store", "StoreError"]
