"""The data model: a `Document` goes in, an `Analysis` comes out.

Every piece of evidence is a `Span`: character offsets into `Document.text` exactly as it was read
(CRLF kept), `start` inclusive and `end` exclusive, like Python slices, so
`doc.text[span.start:span.end]` is always the evidence. Result types are plain dataclasses that
serialise to JSON through `to_dict()` and back through `from_dict()`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# A str can hold UTF-16 surrogates that are not part of any character: JSON's "\ud800" escape makes
# one. No UTF-8 encoder takes them (SQLite, files, HTTP responses all refuse), so every Document
# replaces them with U+FFFD when it is made: one code point for one, so offsets do not move.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPAIRS_KEY = "text_repairs"  # in Document.meta: what was replaced, so readers of the output can tell
_MAX_SCRUB_DEPTH = 64


def count_lone_surrogates(value: str) -> int:
    return 0 if value.isascii() else len(_SURROGATE.findall(value))


def replace_lone_surrogates(value: Any, depth: int = 0) -> tuple[Any, int]:
    """`value` (a str, or lists/dicts of them) with every lone surrogate replaced by U+FFFD, and
    how many were replaced."""
    if isinstance(value, str):
        if value.isascii():
            return value, 0
        return _SURROGATE.subn("\ufffd", value)
    if depth >= _MAX_SCRUB_DEPTH or not isinstance(value, list | tuple | dict):
        return value, 0
    total = 0
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            k2, n1 = replace_lone_surrogates(k, depth + 1)
            v2, n2 = replace_lone_surrogates(v, depth + 1)
            out[k2] = v2
            total += n1 + n2
        return (out, total) if total else (value, 0)
    items = []
    for v in value:
        v2, n = replace_lone_surrogates(v, depth + 1)
        items.append(v2)
        total += n
    return (type(value)(items), total) if total else (value, 0)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of a document's text (end exclusive).

    `attribution` (narrative, entity and explanation evidence): "stated" when the article makes the claim itself, "attributed"
    when it reports someone else making it (`attributed_to`: who, as the article names them, when it
    does); None where nobody asked (technique spans, mentions)."""

    start: int
    end: int
    label: str = ""
    score: float = 1.0
    attribution: str | None = None
    attributed_to: str | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets ({self.start}, {self.end})")

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Document:
    """One article. `text` is kept byte-for-byte as read so offsets stay valid."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given
    lang: str | None = None  # set by the reader if known; otherwise detected
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._replace_lone_surrogates()
        if not self.id:
            self.id = "doc-" + self.content_hash[:12]

    def _replace_lone_surrogates(self) -> None:
        repaired = []
        for name in ("text", "id", "title", "url", "source", "published", "lang"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.isascii():
                fixed, n = replace_lone_surrogates(value)
                if n:
                    setattr(self, name, fixed)
                    repaired.append(f"{n} lone surrogate{'s' if n > 1 else ''} in {name}")
        meta, n = replace_lone_surrogates(self.meta)
        if n:
            repaired.append(f"{n} lone surrogate{'s' if n > 1 else ''} in other fields")
        if repaired:
            note = f"{', '.join(repaired)} (invalid UTF-16, e.g. a JSON \\ud800 escape) replaced with U+FFFD"
            self.meta = {**meta, REPAIRS_KEY: note}

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class LabelScore:
    """A label (narrative, sub-narrative, fine role, a paragraph's technique) with its evidence.

    `weak` (narratives, sub-narratives, techniques): the label is given, but labels with its score are
    wrong more often than right in training's out-of-fold labels (below the model's `weak_below`); readers
    see it set apart. A fine role's `weak` is its entity's."""

    label: str
    score: float
    parent: str | None = None
    evidence: list[Span] = field(default_factory=list)
    weak: bool = False


@dataclass(slots=True)
class ParagraphLabels:
    """Labels of one paragraph (a non-empty line; `number` is its 1-based line number, as in the
    SemEval-2023 Task 3 templates), each with the spans inside the paragraph as evidence."""

    number: int
    start: int
    end: int
    labels: list[LabelScore] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A named entity, its mentions, and the role the article casts it in, if it casts it in one.

    `name` is the canonical name, the same in every article and language (`Russia` for `Россию`,
    `Русия`, `Russia`); `surface_forms` are the names as this article writes them. `main_role` is None
    for an entity the article only mentions (`salience`, the probability that it is cast, is under the
    roles model's cut); `weak` marks a role given with low confidence, or given to an entity under the
    salience from which shown entities were cast at least half the time in training."""

    name: str
    type: str = ""  # PER, ORG, LOC, GPE, GROUP, ... as the NER backend reports it
    main_role: str | None = None
    main_score: float = 0.0
    fine_roles: list[LabelScore] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    surface_forms: list[str] = field(default_factory=list)
    salience: float = 0.0
    weak: bool = False


@dataclass(slots=True)
class Explanation:
    """A short grounded explanation of why the dominant narrative was chosen."""

    narrative: str
    subnarrative: str | None
    text: str
    evidence: list[Span] = field(default_factory=list)
    method: str = ""


@dataclass(slots=True)
class Analysis:
    """Everything narrascope found in one document. Analyzers fill their own fields."""

    document: Document
    language: str | None = None
    language_score: float = 0.0
    domain: str | None = None  # "URW", "CC" or None (neither)
    domain_score: float = 0.0
    narratives: list[LabelScore] = field(default_factory=list)
    subnarratives: list[LabelScore] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    techniques: list[Span] = field(default_factory=list)
    paragraph_techniques: list[ParagraphLabels] = field(default_factory=list)
    explanation: Explanation | None = None
    warnings: list[str] = field(default_factory=list)
    analyzers: list[str] = field(default_factory=list)  # names of the analyzers that ran, in order

    @property
    def id(self) -> str:
        return self.document.id

    def weak_techniques(self) -> list[str]:
        """Techniques the article is given only as weak labels (a technique confident in any paragraph
        is confident for the article), in the order they first occur."""
        labels = [lab for p in self.paragraph_techniques for lab in p.labels]
        confident = {lab.label for lab in labels if not lab.weak}
        return list(dict.fromkeys(lab.label for lab in labels if lab.weak and lab.label not in confident))

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not include_text:
            data["document"].pop("text", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return _analysis_from_dict(data)


def _spans(items: list[dict[str, Any]] | None) -> list[Span]:
    return [Span(**s) for s in items or []]


def _labels(items: list[dict[str, Any]] | None) -> list[LabelScore]:
    return [
        LabelScore(label=i["label"], score=i["score"], parent=i.get("parent"), evidence=_spans(i.get("evidence")),
                   weak=i.get("weak", False))
        for i in items or []
    ]


def _analysis_from_dict(data: dict[str, Any]) -> Analysis:
    entities = [
        Entity(
            name=e["name"],
            type=e.get("type", ""),
            main_role=e.get("main_role"),
            main_score=e.get("main_score", 0.0),
            fine_roles=_labels(e.get("fine_roles")),
            mentions=_spans(e.get("mentions")),
            evidence=_spans(e.get("evidence")),
            surface_forms=list(e.get("surface_forms") or []),  # absent in JSON written before 2026-11
            salience=e.get("salience", 0.0),
            weak=e.get("weak", False),
        )
        for e in data.get("entities") or []
    ]
    exp = data.get("explanation")
    explanation = (
        Explanation(
            narrative=exp["narrative"],
            subnarrative=exp.get("subnarrative"),
            text=exp["text"],
            evidence=_spans(exp.get("evidence")),
            method=exp.get("method", ""),
        )
        if exp
        else None
    )
    return Analysis(
        document=Document.from_dict(data["document"]),
        language=data.get("language"),
        language_score=data.get("language_score", 0.0),
        domain=data.get("domain"),
        domain_score=data.get("domain_score", 0.0),
        narratives=_labels(data.get("narratives")),
        subnarratives=_labels(data.get("subnarratives")),
        entities=entities,
        techniques=_spans(data.get("techniques")),
        paragraph_techniques=[
            ParagraphLabels(number=p["number"], start=p["start"], end=p["end"], labels=_labels(p.get("labels")))
            for p in data.get("paragraph_techniques") or []
        ],
        explanation=explanation,
        warnings=list(data.get("warnings") or []),
        analyzers=list(data.get("analyzers") or []),
    )
