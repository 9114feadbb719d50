"""The human-readable text report of an `Analysis` (what `narrascope analyze` prints).

One function per section; `SECTIONS` lists them in order. A section gets the analysis and returns
rich renderables (or nothing when it has nothing to say).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from narrascope.document import Analysis, Span
from narrascope.report.common import attribution_note, quote
from narrascope.report.entities import entities_section
from narrascope.report.explanation import explanation_section
from narrascope.report.techniques import techniques_section


def header_section(a: Analysis) -> Iterable[RenderableType]:
    doc = a.document
    line = Text()
    line.append(doc.title or doc.id, style="bold")
    yield line
    meta = [f"id {doc.id}", f"language {a.language or '?'} ({a.language_score:.2f})"]
    if a.domain or "narratives" in a.analyzers:
        meta.append(f"domain {a.domain or 'none'} ({a.domain_score:.2f})")
    for key in ("source", "published", "url"):
        value = getattr(doc, key)
        if value:
            meta.append(f"{key} {value}")
    yield Text(" · ".join(meta), style="dim")


# A label the model chose but that is wrong more often than right at its probability (the model's cut).
WEAK = ("weak ", "yellow")


def narratives_section(a: Analysis) -> Iterable[RenderableType]:
    if "narratives" not in a.analyzers:
        return
    yield Text("Narratives", style="bold underline")
    if not a.narratives:
        yield Text("  none of the taxonomy's narratives (Other)", style="dim")
        return
    subs_by_parent: dict[str, list] = {}
    for s in a.subnarratives:
        subs_by_parent.setdefault(s.parent or "", []).append(s)
    for n in a.narratives:
        yield Text.assemble("  ", (f"{n.score:.2f} ", "cyan"), WEAK if n.weak else "", (n.label, "dim" if n.weak else "bold"))
        if reported_only(n.evidence):
            yield Text("      reported: all its evidence is attributed to someone, not stated by the article", style="yellow")
        for s in subs_by_parent.get(n.label, []):
            name = s.label[len(n.label) + 2 :] if s.label.startswith(n.label + ": ") else s.label
            yield Text.assemble("      ", (f"{s.score:.2f} ", "cyan"), WEAK if s.weak else "", (name, "dim" if s.weak else ""))
        for ev in n.evidence[:3]:
            yield Text.assemble(f"      “{quote(a.document.text, ev)}” [{ev.start}:{ev.end}] ",
                                (attribution_note(ev), "dim"), style="italic green")


def reported_only(evidence: list[Span]) -> bool:
    """True when every evidence span of a label reports someone else's claim: the article may report the
    narrative rather than push it (the probability cannot tell: the annotations label both alike)."""
    return bool(evidence) and all(ev.attribution == "attributed" for ev in evidence)


def warnings_section(a: Analysis) -> Iterable[RenderableType]:
    for w in a.warnings:
        yield Text(f"warning: {w}", style="yellow")


SECTIONS: list[Callable[[Analysis], Iterable[RenderableType]]] = [
    header_section,
    narratives_section,
    entities_section,
    explanation_section,
    techniques_section,
    warnings_section,
]


def render(a: Analysis) -> RenderableType:
    parts: list[RenderableType] = []
    for section in SECTIONS:
        parts.extend(section(a))
    return Panel(Group(*parts), expand=True)


def render_text(a: Analysis, console: Console | None = None) -> None:
    (console or Console(soft_wrap=False)).print(render(a))
