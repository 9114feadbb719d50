"""One exception family, so callers can catch everything narrascope raises with one clause.

Messages name the input and the problem (and the fix, where there is one), because they are printed
to users as they are.
"""
from __future__ import annotations


class NarrascopeError(Exception):
    """Base class of every error narrascope raises on purpose."""


class InputError(NarrascopeError):
    """An input (file, line, URL, text) cannot be read or analysed.

    `source` names the input (a path, `path:line`, a URL or a document id) so that a batch can
    report which of its inputs failed and carry on with the rest.
    """

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelError(NarrascopeError):
    """A trained artifact is missing, stale or unreadable."""


class TaxonomyError(NarrascopeError):
    """A taxonomy file is malformed."""


class ConfigError(NarrascopeError):
    """A setting (analyzer name, option value) is not valid."""
