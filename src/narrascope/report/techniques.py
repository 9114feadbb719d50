"""The "Techniques" section of the text report: paragraphs with their technique spans highlighted.

Each labelled paragraph is shown as an excerpt (long paragraphs are cut around the spans) with the
spans highlighted in the colour of their technique group, followed by one line per technique: its
display name, confidence, the quoted span(s) and a short definition from the taxonomy. Labels marked
weak (wrong more often than right in training at their score) are dimmed, and paragraphs with only weak
labels are listed in one line each at the end.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rich.console import RenderableType
from rich.text import Text

from narrascope.document import Analysis, LabelScore, Span
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
        lo = _word_start(text, max(start, first - 60), first)
        hi = _word_end(text, min(end, max(last + 60, lo + MAX_EXCERPT_CHARS)), last)
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


def _word_start(text: str, at: int, limit: int) -> int:
    """`at`, moved on to the start of a word where it falls inside one (never past `limit`), so that an
    excerpt opens on a whole word ("…lved in the" became "…in the")."""
    if at == 0 or text[at - 1].isspace():
        return at
    space = next((i for i in range(at, limit) if text[i].isspace()), None)
    return at if space is None else space + 1


def _word_end(text: str, at: int, limit: int) -> int:
    """`at`, moved back to the end of a word where it falls inside one (never before `limit`)."""
    if at >= len(text) or text[at].isspace():
        return at
    space = next((i for i in range(at - 1, limit, -1) if text[i].isspace()), None)
    return at if space is None else space


def _short(quote: str, limit: int = 80) -> str:
    """The quote on one line, cut after a whole word if longer than `limit`."""
    quote = nest_quotes(" ".join(quote.split()))
    if len(quote) <= limit:
        return quote
    head = quote[: limit - 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > limit // 2 else head).rstrip(" ,;:") + "…"


def techniques_section(a: Analysis) -> Iterable[RenderableType]:
    if "techniques" not in a.analyzers:
        return
    yield Text("Persuasion techniques", style="bold underline")
    if not a.paragraph_techniques:
        yield Text("  no persuasion technique detected", style="dim")
        return
    counts = Counter(lab.label for p in a.paragraph_techniques for lab in p.labels if not lab.weak)
    n_weak = sum(lab.weak for p in a.paragraph_techniques for lab in p.labels)
    summary = ", ".join(f"{display_name(n)} ×{c}" for n, c in counts.most_common()) or "none confident"
    weak_note = f"; {n_weak} weak label(s), dimmed" if n_weak else ""
    yield Text(f"  {len(a.paragraph_techniques)} paragraph(s): {summary}{weak_note}", style="dim")
    text = a.document.text
    weak_only = []
    for par in a.paragraph_techniques:
        if all(lab.weak for lab in par.labels):
            weak_only.append(par)
            continue
        spans = [s for lab in par.labels if not lab.weak for s in lab.evidence]
        line = Text(f"  ¶{par.number} ", style="cyan")
        line.append_text(_excerpt(text, par.start, par.end, spans))
        yield line
        for lab in par.labels:
            yield from _label_rows(text, lab)
    if weak_only:
        yield Text("  Weak labels (at these scores the model was wrong more often than right in training):", style="dim")
        for par in weak_only:
            for lab in par.labels:
                quoted = "; ".join(f"“{_short(text[s.start:s.end], 60)}”" for s in lab.evidence[:1])
                yield Text(f"   ¶{par.number} {display_name(lab.label)} {lab.score:.2f} {quoted}", style="dim")


def _label_rows(text: str, lab: LabelScore) -> Iterable[RenderableType]:
    """One technique label of a shown paragraph: name, confidence (and the weak mark), its quoted spans,
    and the technique's definition."""
    quoted = "; ".join(f"“{_short(text[s.start:s.end])}” [{s.start}:{s.end}]" for s in lab.evidence[:3])
    row = Text("     ")
    row.append(f" {display_name(lab.label)} ", style=("dim" if lab.weak else style_of(lab.label) + " bold"))
    row.append(f" {lab.score:.2f}  ", style="cyan")
    if lab.weak:
        row.append("weak ", style="yellow")
    row.append(quoted, style="dim italic" if lab.weak else "italic green")
    yield row
    if definition(lab.label) and not lab.weak:
        yield Text(f"        {definition(lab.label)}", style="dim")
