"""The "Entities" section of the text report: the entities the article casts in a role (with the role,
the probability that the article casts the entity at all, the mentions and the sentences that cast it),
then those marked "weak", where the model is unsure of either, a line each (what an analyst should quote
is the confident ones; the weak ones' mentions and evidence are in the JSON output and on the article
page), then, on a few lines, the entities it only mentions."""
from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.text import Text

from narrascope.document import Analysis, Entity
from narrascope.report.common import attribution_note, quote

MAX_ENTITIES = 15  # the text report shows the most-mentioned cast entities; JSON output has them all
MAX_MENTIONED = 20
MAX_MENTIONS_SHOWN = 6
MAX_EVIDENCE_SHOWN = 2
ROLE_STYLE = {"Protagonist": "green", "Antagonist": "red", "Innocent": "blue"}


WEAK_NOTE = ("  weak roles (in training, annotators cast under half of such entities, or the role is unsure; "
             "mentions and evidence: --format json, article page):")


def _order(e: Entity) -> tuple[bool, int, float]:
    """Confident entities first, then the most mentioned."""
    return (e.weak, -len(e.mentions), -e.main_score)


def display_name(e: Entity) -> str:
    """The canonical name, with the article's own spellings when they differ ("Russia (Россию, России)")."""
    def bare(name: str) -> str:
        name = name.lower()
        return name.removeprefix("the ")

    # A full name with an office before it ("German Chancellor Olaf Scholz") adds nothing to the name.
    full = " " in e.name
    others = [f for f in e.surface_forms
              if bare(f) != bare(e.name) and not (full and bare(f).endswith(" " + bare(e.name)))][:3]
    return f"{e.name} ({', '.join(others)})" if others else e.name


def roles_ran(a: Analysis) -> bool:
    """Whether a roles analyzer (the default or the accurate mode) decided which entities are cast."""
    return "roles" in a.analyzers or "roles-accurate" in a.analyzers


def entities_section(a: Analysis) -> Iterable[RenderableType]:
    if "entities" not in a.analyzers:
        return
    # Which mode cast the entities decides which model card's figures apply.
    yield Text.assemble(("Entities", "bold underline"),
                        ("  (roles: accurate mode)", "dim") if "roles-accurate" in a.analyzers else "")
    if not a.entities:
        yield Text("  no named entities found", style="dim")
        return
    cast = sorted((e for e in a.entities if e.main_role), key=_order)
    mentioned = sorted((e for e in a.entities if not e.main_role), key=lambda e: -len(e.mentions))
    text = a.document.text
    if roles_ran(a) and not cast:
        yield Text("  no entity is cast in a role", style="dim")
    shown = cast[:MAX_ENTITIES]
    for k, e in enumerate(shown):
        if e.weak and (k == 0 or not shown[k - 1].weak):
            yield Text(WEAK_NOTE, style="dim")
        # "NAME" says only that a name was found: a type is shown where the finder tells one (PER, ORG, LOC)
        typed = f"{e.type}, " if e.type and e.type != "NAME" else ""
        kind = f" ({typed}{len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''})"
        # Given entities (SemEval mentions) are cast by definition: no probability to show.
        cast_p = f" cast {e.salience:.2f}" if 0.0 < e.salience < 1.0 else ""
        fines = ", ".join(f"{f.label} {f.score:.2f}" for f in e.fine_roles)
        weak = ("weak ", "yellow") if e.weak else ""
        yield Text.assemble(
            "  ", (f"{e.main_score:.2f} ", "cyan"), weak, (f"{e.main_role:<11} ", ROLE_STYLE.get(e.main_role, "")),
            (display_name(e), "dim bold" if e.weak else "bold"), (kind + cast_p, "dim"), f"  — {fines}",
        )
        if e.weak:
            continue
        spans = ", ".join(f"{text[m.start:m.end]} [{m.start}:{m.end}]" for m in e.mentions[:MAX_MENTIONS_SHOWN])
        more = f" … +{len(e.mentions) - MAX_MENTIONS_SHOWN}" if len(e.mentions) > MAX_MENTIONS_SHOWN else ""
        yield Text(f"      mentions: {spans}{more}", style="dim")
        for ev in e.evidence[:MAX_EVIDENCE_SHOWN]:
            yield Text.assemble(f"      “{quote(text, ev)}” [{ev.start}:{ev.end}] ", (attribution_note(ev), "dim"),
                                style="italic green")
    if len(cast) > MAX_ENTITIES:
        yield Text(f"  … {len(cast) - MAX_ENTITIES} more cast entities (see --format json)", style="dim")
    if mentioned:
        label = "mentioned, no role" if roles_ran(a) else "mentioned"
        names = ", ".join(f"{display_name(e)} ×{len(e.mentions)}" if len(e.mentions) > 1 else display_name(e)
                          for e in mentioned[:MAX_MENTIONED])
        more = f" … +{len(mentioned) - MAX_MENTIONED}" if len(mentioned) > MAX_MENTIONED else ""
        yield Text.assemble(("  " + label + ": ", "dim bold"), (names + more, "dim"))
