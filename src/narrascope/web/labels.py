"""Human-facing names, definitions and colours of labels, read from the package taxonomies.

Everything degrades gracefully: a label the taxonomy does not know (a user taxonomy, a renamed
technique, a taxonomy file not written yet) still gets a readable name and a stable colour.
"""
from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

# One hue per technique group: a highlight says "attack on reputation" at a glance, the tooltip
# names the technique. Unknown groups get a colour derived from their name.
GROUP_COLORS = {
    "Attack on Reputation": "#e4572e",
    "Justification": "#2e86ab",
    "Simplification": "#7b2cbf",
    "Distraction": "#f18f01",
    "Call": "#2a9d8f",
    "Manipulative Wording": "#c9184a",
}
ROLE_COLORS = {"Protagonist": "#1a7f37", "Antagonist": "#c62828", "Innocent": "#1565c0"}
SERIES_COLORS = ["#2e86ab", "#e4572e", "#2a9d8f", "#7b2cbf", "#f18f01", "#c9184a", "#5c677d", "#6a994e",
                 "#bc6c25", "#3a86ff"]


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-/,]+", " ", name).strip().lower()


def hashed_color(name: str) -> str:
    digest = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:6], 16)
    return f"hsl({digest % 360}, 55%, 45%)"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, dict[str, Any]]]:
    """{"technique"|"role"|"narrative": {normalised name: {name, display, definition, group, ...}}}."""
    out: dict[str, dict[str, dict[str, Any]]] = {"technique": {}, "role": {}, "narrative": {}}
    from narrascope.taxonomy import OTHER, load_narratives, load_yaml

    try:
        for t in load_yaml("techniques").get("labels") or []:
            out["technique"][_norm(t["name"])] = {
                "name": t["name"], "display": t.get("display") or t["name"].replace("_", " "),
                "definition": t.get("definition", ""), "group": t.get("group")}
    except Exception as exc:  # noqa: BLE001 - a missing/broken taxonomy must not break the UI
        log.warning("technique definitions unavailable: %s", exc)
    try:
        roles = load_yaml("entity_roles")
        for r in roles.get("main_roles") or []:
            out["role"][_norm(r["name"])] = {"name": r["name"], "display": r["name"],
                                             "definition": r.get("definition", ""), "main": r["name"]}
        for r in roles.get("fine_roles") or []:
            out["role"][_norm(r["name"])] = {"name": r["name"], "display": r["name"],
                                             "definition": r.get("definition", ""), "main": r.get("main")}
    except Exception as exc:  # noqa: BLE001
        log.warning("role definitions unavailable: %s", exc)
    try:
        tax = load_narratives()
        for lab in tax.narratives + tax.subnarratives:
            display = lab.short_name
            if lab.parent and display == OTHER:  # every narrative has one: a flat list says whose (with the
                display = f"{OTHER} ({lab.parent})"  # domain: two narratives have the same name in URW and CC
            out["narrative"][_norm(lab.name)] = {"name": lab.name, "display": display,
                                                 "definition": lab.definition, "parent": lab.parent,
                                                 "domain": lab.domain}
    except Exception as exc:  # noqa: BLE001
        log.warning("narrative definitions unavailable: %s", exc)
    return out


@lru_cache(maxsize=8192)
def describe(kind: str, name: str) -> dict[str, Any]:
    """Display name, definition, group and colour of a label (fallbacks for unknown ones).

    Cached (a corpus page asks for a few hundred): treat the returned dict as read-only.
    """
    table = "narrative" if kind == "subnarrative" else kind
    info = dict(catalog().get(table, {}).get(_norm(name or ""), {}))
    info.setdefault("name", name)
    info.setdefault("display", (name or "").replace("_", " "))
    info.setdefault("definition", "")
    if kind == "technique":
        group = info.get("group")
        info["color"] = GROUP_COLORS.get(group or "", hashed_color(group or name))
    elif kind == "role":
        main = info.get("main") or name
        info["color"] = ROLE_COLORS.get(main, "#5c677d")
    else:
        info["color"] = hashed_color(name)
    return info


def role_class(role: str | None) -> str:
    """CSS class for a main role (unknown roles share one neutral class)."""
    return {"Protagonist": "pro", "Antagonist": "ant", "Innocent": "inn"}.get(role or "", "unk")


def technique_groups() -> list[dict[str, str]]:
    """The technique groups with their colours, for legends."""
    groups = {v.get("group") for v in catalog()["technique"].values() if v.get("group")}
    return [{"name": g, "color": GROUP_COLORS.get(g, hashed_color(g))} for g in sorted(groups)]
