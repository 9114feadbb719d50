"""The "Explanation" section of the text report (see narrascope.report.render.SECTIONS)."""
from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.text import Text

from narrascope.document import Analysis


def explanation_section(a: Analysis) -> Iterable[RenderableType]:
    exp = a.explanation
    if exp is None:
        if "explain" in a.analyzers and "narratives" in a.analyzers:
            yield Text("Explanation", style="bold underline")
            yield Text("  not explained: no sentence of the text can be quoted for it (see the warning)" if a.narratives
                       else "  no dominant narrative to explain", style="dim")
        return
    yield Text("Explanation", style="bold underline")
    label = exp.narrative + (f" → {exp.subnarrative.split(': ')[-1]}" if exp.subnarrative else "")
    yield Text.assemble("  ", ("why ", "dim"), (label, "bold"), (f"  ({exp.method}, {len(exp.text.split())} words)", "dim"))
    if any(n.label == exp.narrative and n.weak for n in a.narratives):
        yield Text("  the narrative explained is weak: read this as a lead, not a finding", style="yellow")
    yield Text(f"  {exp.text}")
    spans = ", ".join(f"[{s.start}:{s.end}]" for s in exp.evidence)
    if spans:
        yield Text(f"  evidence {spans}", style="dim")
