"""What the report sections share: quoting a span of the article on one line, and saying who makes its claim."""
from __future__ import annotations

from narrascope.document import Span
from narrascope.nlp.text import nest_quotes

MAX_EVIDENCE_CHARS = 240


def quote(text: str, span: Span, limit: int = MAX_EVIDENCE_CHARS) -> str:
    """The span's text on one line, shortened in the middle if long (between whole words: a reader may quote
    either end), its own quotation marks nested inside the report's “…” (“a ‘dangerous escalation’ and …”)."""
    s = nest_quotes(" ".join(text[span.start : span.end].split()))
    if len(s) > limit:
        head, tail = s[: limit - 20], s[-15:]
        head = head[: head.rfind(" ")] if " " in head else head
        tail = tail[tail.find(" ") + 1 :] if " " in tail[:-1] else tail
        s = f"{head} … {tail}"
    return s


def attribution_note(span: Span) -> str:
    """Who makes the claim of an evidence span: the article itself, or someone it reports."""
    if span.attribution == "attributed":
        return f"(attributed to {span.attributed_to})" if span.attributed_to else "(attributed: reported speech)"
    if span.attribution == "stated":
        return "(stated by the article)"
    return ""
