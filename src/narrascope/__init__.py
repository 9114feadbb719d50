"""narrascope: offline analysis of propaganda narratives, entity framing and persuasion techniques.

    >>> import narrascope
    >>> result = narrascope.analyze("Macron wants to send NATO troops to Ukraine ...")
    >>> [(n.label, round(n.score, 2)) for n in result.narratives]
"""
from narrascope._version import __version__
from narrascope.document import Analysis, Document, Entity, Explanation, LabelScore, Span
from narrascope.errors import InputError, NarrascopeError
from narrascope.pipeline import Pipeline, analyze

__all__ = [
    "Analysis",
    "Document",
    "Entity",
    "Explanation",
    "InputError",
    "LabelScore",
    "NarrascopeError",
    "Pipeline",
    "Span",
    "__version__",
    "analyze",
]
