"""The "Entities" section of the text report: each entity, its role, its mentions and the sentences
that cast it so."""
from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.text import Text

from narrascope.document import Analysis, Entity
from narrascope.report.common import quote

MAX_ENTITIES = 15  # the text report shows the most-mentioned entities; JSON output has them all
MAX_MENTIONS_SHOWN = 6
MAX_EVIDENCE_SHOWN = 2
ROLE_STYLE = {"Protagonist": "green", "Antagonist": "red", "Innocent": "blue"}


def _salience(e: Entity) -> tuple[int, float]:
    return (len(e.mentions), e.main_score)


def entities_section(a: Analysis) -> Iterable[RenderableType]:
    if "entities" not in a.analyzers:
        return
    yield Text("Entities", style="bold underline")
    if not a.entities:
        yield Text("  no named entities found", style="dim")
        return
    shown = sorted(a.entities, key=_salience, reverse=True)[:MAX_ENTITIES]
    text = a.document.text
    for e in shown:
        kind = f" ({e.type}, {len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''})"
        if e.main_role:
            fines = ", ".join(f"{f.label} {f.score:.2f}" for f in e.fine_roles)
            yield Text.assemble(
                "  ", (f"{e.main_score:.2f} ", "cyan"), (f"{e.main_role:<11} ", ROLE_STYLE.get(e.main_role, "")),
                (e.name, "bold"), (kind, "dim"), f"  — {fines}",
            )
        else:
            yield Text.assemble("  ", (e.name, "bold"), (kind, "dim"))
        spans = ", ".join(f"{text[m.start:m.end]} [{m.start}:{m.end}]" for m in e.mentions[:MAX_MENTIONS_SHOWN])
        more = f" … +{len(e.mentions) - MAX_MENTIONS_SHOWN}" if len(e.mentions) > MAX_MENTIONS_SHOWN else ""
        yield Text(f"      mentions: {spans}{more}", style="dim")
        for ev in e.evidence[:MAX_EVIDENCE_SHOWN]:
            yield Text(f"      “{quote(text, ev)}” [{ev.start}:{ev.end}]", style="italic green")
    if len(a.entities) > len(shown):
        yield Text(f"  … {len(a.entities) - len(shown)} more entities (see --format json)", style="dim")
