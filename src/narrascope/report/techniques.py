"""The "Techniques" section of the text report: paragraphs with their technique spans highlighted.

Each labelled paragraph is shown as an excerpt (long paragraphs are cut around the spans) with the
spans highlighted in the colour of their technique group, followed by one line per technique: its
display name, confidence, the quoted span(s) and a short definition from the taxonomy.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rich.console import RenderableType
from rich.text import Text

from narrascope.document import Analysis, Span
from narrascope.nlp.text import nest_quotes

MAX_EXCERPT_CHARS = 420
GROUP_STYLES = {
    "Attack on Reputation": "on dark_red",
    "Justification": "on dark_blue",
    "Simplification": "on dark_green",
    "Distraction": "on dark_magenta",
    "Call": "on dark_orange3",
    "Manipulative Wording": "on grey30",
}
DEFAULT_STYLE = "on grey23"


@lru_cache(maxsize=1)
def technique_info() -> dict[str, dict]:
    """name -> {display, group, definition} from the techniques taxonomy (empty if it is missing)."""
    from narrascope.errors import TaxonomyError
    from narrascope.taxonomy import load_yaml

    try:
        data = load_yaml("techniques") or {}
    except TaxonomyError:
        return {}
    return {str(e["name"]): e for e in data.get("labels") or [] if isinstance(e, dict) and e.get("name")}


def display_name(name: str) -> str:
    return str(technique_info().get(name, {}).get("display") or name.replace("_", " "))


def definition(name: str) -> str:
    return str(technique_info().get(name, {}).get("definition") or "")


def style_of(name: str) -> str:
    return GROUP_STYLES.get(str(technique_info().get(name, {}).get("group")), DEFAULT_STYLE)


def _excerpt(text: str, start: int, end: int, spans: list[Span]) -> Text:
    """text[start:end] with `spans` highlighted; cut to about MAX_EXCERPT_CHARS around them."""
    lo, hi = start, end
    if end - start > MAX_EXCERPT_CHARS and spans:
        first, last = min(s.start for s in spans), max(s.end for s in spans)
        lo = max(start, first - 60)
        hi = min(end, max(last + 60, lo + MAX_EXCERPT_CHARS))
    out = Text("…" if lo > start else "")
    offset = len(out)
    out.append(text[lo:hi].replace("\r", " ").replace("\n", " "))
    for s in spans:
        a, b = max(s.start, lo), min(s.end, hi)
        if b > a:
            out.stylize(style_of(s.label) + " bold", offset + a - lo, offset + b - lo)
    if hi < end:
        out.append("…")
    return out


def _short(quote: str, limit: int = 80) -> str:
    quote = nest_quotes(" ".join(quote.split()))
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def techniques_section(a: Analysis) -> Iterable[RenderableType]:
    if "techniques" not in a.analyzers:
        return
    yield Text("Persuasion techniques", style="bold underline")
    if not a.paragraph_techniques:
        yield Text("  no persuasion technique detected", style="dim")
        return
    counts = Counter(lab.label for p in a.paragraph_techniques for lab in p.labels)
    summary = ", ".join(f"{display_name(n)} ×{c}" for n, c in counts.most_common())
    yield Text(f"  {len(a.paragraph_techniques)} paragraph(s): {summary}", style="dim")
    text = a.document.text
    for par in a.paragraph_techniques:
        spans = [s for lab in par.labels for s in lab.evidence]
        line = Text(f"  ¶{par.number} ", style="cyan")
        line.append_text(_excerpt(text, par.start, par.end, spans))
        yield line
        for lab in par.labels:
            quoted = "; ".join(f"“{_short(text[s.start:s.end])}” [{s.start}:{s.end}]" for s in lab.evidence[:3])
            row = Text("     ")
            row.append(f" {display_name(lab.label)} ", style=style_of(lab.label) + " bold")
            row.append(f" {lab.score:.2f}  ", style="cyan")
            row.append(quoted, style="italic green")
            yield row
            if definition(lab.label):
                yield Text(f"        {definition(lab.label)}", style="dim")
