"""The article view's marked-up text: every span of an `Analysis` as one layer over the text.

Spans overlap freely (a technique inside an evidence sentence containing an entity mention), so
the text is cut at every span boundary into segments, and each segment lists the annotations
covering it. A segment becomes one `<span>` whose classes draw the layers (technique tint, entity
role colour, evidence marker) and whose `data-a` names the annotations the tooltip shows.
"""
from __future__ import annotations

import itertools
from typing import Any

from markupsafe import Markup, escape

from narrascope.document import Analysis, Span
from narrascope.nlp.furniture import furniture
from narrascope.web.labels import describe, role_class

# What the page says of a range that is not the article's voice (`nlp.furniture`): the analyzers read no
# evidence, technique span or entity there, and a reader should not quote it as the article's.
_NOTHING_READ = "No evidence, technique or entity is read from here."
NOT_THE_ARTICLE = {
    "comments": ("Reader comments", "Posted under the article by its readers, not the article's voice. " + _NOTHING_READ),
    "byline": ("Byline", "Who wrote or published the article. " + _NOTHING_READ),
    "furniture": ("Site furniture", "Credits, links, and calls to share, subscribe or read more: the site's, not the "
                  "article's. " + _NOTHING_READ),
}


def not_the_article(text: str) -> list[dict[str, Any]]:
    """The ranges of `text` that are not the article's voice, as the article page's JSON twin lists them."""
    return [{"start": s, "end": e, "kind": kind, "display": NOT_THE_ARTICLE[kind][0]} for s, e, kind in furniture(text)]


def annotations(a: Analysis, not_article: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every span of the analysis as a plain dict (what the page's script reads), ids in order; `not_article`:
    the text's `not_the_article` ranges where the caller has them already."""
    text_len = len(a.document.text)
    out: list[dict[str, Any]] = []

    def add(kind: str, start: int, end: int, label: str, score: float, **extra: Any) -> None:
        if 0 <= start < end <= text_len:
            out.append({"id": len(out), "kind": kind, "start": start, "end": end, "label": label,
                        "score": round(float(score), 3), **extra})

    weak = weak_technique_spans(a)
    for t in a.techniques:
        info = describe("technique", t.label)
        add("technique", t.start, t.end, t.label, t.score, display=info["display"],
            definition=info["definition"], group=info.get("group"), color=info["color"], weak=t in weak,
            **({"label_score": round(weak[t], 3)} if t in weak else {}))
    located = {t.label for t in a.techniques}
    for p in a.paragraph_techniques:
        for lab in p.labels:
            if lab.label in located:
                continue  # its spans inside the paragraph already show it, more precisely
            info = describe("technique", lab.label)
            add("paragraph", p.start, p.end, lab.label, lab.score, display=info["display"],
                definition=info["definition"], group=info.get("group"), color=info["color"], paragraph=p.number,
                weak=lab.weak)
    for i, e in enumerate(a.entities):
        role = describe("role", e.main_role) if e.main_role else None
        fine = [{"label": r.label, "score": round(r.score, 3)} for r in e.fine_roles]
        for m in e.mentions:
            add("mention", m.start, m.end, e.name, e.main_score, entity=i, role=e.main_role,
                role_definition=role["definition"] if role else "", fine_roles=fine, type=e.type,
                # not `weak`, which hides a technique's tooltip: a weak role's mention still names the entity
                weak_role=bool(e.main_role and e.weak), cast=round(float(e.salience), 3))
    for level, items in (("narrative", a.narratives), ("subnarrative", a.subnarratives)):
        for n in items:
            info = describe("narrative", n.label)
            for ev in n.evidence:
                add("evidence", ev.start, ev.end, n.label, n.score, level=level, display=info["display"],
                    definition=info["definition"])
    if a.explanation:
        for ev in a.explanation.evidence:
            add("explanation", ev.start, ev.end, a.explanation.narrative, ev.score)
    for r in not_article if not_article is not None else not_the_article(a.document.text):
        add("furniture", r["start"], r["end"], r["kind"], 1.0, display=r["display"],
            definition=NOT_THE_ARTICLE[r["kind"]][1])
    return out


def weak_technique_spans(a: Analysis) -> dict[Span, float]:
    """The technique spans that are the evidence of a paragraph label marked weak, with that label's score."""
    return {s: lab.score for p in a.paragraph_techniques for lab in p.labels if lab.weak for s in lab.evidence}


def segments(text_len: int, anns: list[dict[str, Any]]) -> list[tuple[int, int, list[int]]]:
    """(start, end, annotation ids) for consecutive pieces of the text, covering all of it."""
    cuts = {0, text_len}
    for ann in anns:
        cuts.add(ann["start"])
        cuts.add(ann["end"])
    points = sorted(cuts)
    starts: dict[int, list[int]] = {}
    for ann in anns:
        starts.setdefault(ann["start"], []).append(ann["id"])
    active: list[int] = []
    out = []
    for s, e in itertools.pairwise(points):
        active = [i for i in active if anns[i]["end"] > s] + starts.get(s, [])
        out.append((s, e, list(active)))
    return out


def render_text(text: str, anns: list[dict[str, Any]]) -> Markup:
    """The article text as HTML with one `<span>` per annotated segment (plain text elsewhere)."""
    parts: list[str] = []
    opened: set[int] = set()
    for s, e, ids in segments(len(text), anns):
        piece = escape(text[s:e])
        if not ids:
            parts.append(piece)
            continue
        classes = []
        style = ""
        techniques = sorted((anns[i] for i in ids if anns[i]["kind"] == "technique"), key=lambda x: -x["score"])
        if techniques:
            classes.append("t" if len(techniques) == 1 else "t t2")
            style = f' style="--c:{techniques[0]["color"]}"'
            if all(t.get("weak") for t in techniques):
                classes.append("tw")  # tinted only when the reader asks for weak labels too
        kinds = {anns[i]["kind"] for i in ids}
        if "paragraph" in kinds:
            classes.append("p")
        mentions = [anns[i] for i in ids if anns[i]["kind"] == "mention"]
        if mentions:
            classes += ["m", "m-" + role_class(mentions[0]["role"])]
            if mentions[0].get("weak_role"):
                classes.append("mw")  # drawn as a mention without a role unless weak labels are shown
        if "evidence" in kinds:
            classes.append("ev")
        if "explanation" in kinds:
            classes.append("xev")
        for i in ids:
            if anns[i]["kind"] == "furniture":
                classes += ["nv", "nv-" + anns[i]["label"]]
                if i not in opened:  # its first piece carries the heading ("Reader comments")
                    opened.add(i)
                    classes.append("nv-start")
        data = " ".join(str(i) for i in ids)
        parts.append(f'<span class="{" ".join(classes)}" data-a="{data}"{style}>{piece}</span>')
    return Markup("".join(parts))
