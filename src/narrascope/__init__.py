"""narrascope: offline analysis of propaganda narratives, entity framing and persuasion techniques.

    >>> import narrascope
    >>> result = narrascope.analyze("Macron wants to send NATO troops to Ukraine ...")
    >>> [(n.label, round(n.score, 2)) for n in result.narratives]
"""
from .document import Analysis, Document, Entity, Explanation, LabelScore, Span
from .errors import InputError, NarrascopeError
from .pipeline import Pipeline, analyze

__version__ = "0.1.0"
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
    "analyze",
]
