"""The store's errors (one family with every narrascope error)."""
from __future__ import annotations

from narrascope.errors import NarrascopeError


class StoreError(NarrascopeError):
    """The corpus database cannot be opened, is of another version, or a lookup failed."""


class DamagedStore(StoreError):
    """The database file is damaged: SQLite's integrity check failed, or reading it did."""
