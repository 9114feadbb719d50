"""Taxonomies are data: YAML files beside this module, loaded into small typed objects.

A user taxonomy is one more file in the same format (see `narratives.yaml`):

    name: my-taxonomy
    labels:
      - name: "Elections are rigged"
        definition: "The article claims ..."
        examples: ["...", "..."]
      - name: "Elections are rigged: Postal votes"
        parent: "Elections are rigged"
        definition: "..."

Top-level labels are narratives; labels with a `parent` are sub-narratives. For every narrative the
loader adds the catch-all `"<narrative>: Other"` (narrative present, no specific sub-narrative), and
the taxonomy has the label `Other` (no narrative applies), as in SemEval-2025 Task 10.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from narrascope.errors import TaxonomyError

HERE = Path(__file__).parent
OTHER = "Other"
# The languages narrascope's models are trained and measured on (ISO 639-1); others are best-effort.
LANGUAGES = ("bg", "en", "hi", "pt", "ru")


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    definition: str = ""
    examples: tuple[str, ...] = ()
    parent: str | None = None
    domain: str | None = None

    @property
    def short_name(self) -> str:
        """The name without its parent/domain prefix (what a person reads)."""
        if self.parent and self.name.startswith(self.parent + ": "):
            return self.name[len(self.parent) + 2 :]
        if self.domain and self.name.startswith(self.domain + ": "):
            return self.name[len(self.domain) + 2 :]
        return self.name


@dataclass
class NarrativeTaxonomy:
    """A two-level label set: narratives and their sub-narratives."""

    name: str
    narratives: list[Label]
    subnarratives: list[Label]  # includes the derived "<narrative>: Other" labels
    domains: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        self._by_name = {lab.name: lab for lab in self.narratives + self.subnarratives}

    def __getitem__(self, name: str) -> Label:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> Label | None:
        return self._by_name.get(name)

    def parent_of(self, sub: str) -> str | None:
        lab = self._by_name.get(sub)
        return lab.parent if lab else None

    def other_of(self, narrative: str) -> str:
        return f"{narrative}: {OTHER}"

    def domain_of(self, name: str) -> str | None:
        lab = self._by_name.get(name)
        return lab.domain if lab else None

    @property
    def narrative_names(self) -> list[str]:
        return [n.name for n in self.narratives]

    @property
    def subnarrative_names(self) -> list[str]:
        return [s.name for s in self.subnarratives]


def _label(entry: dict, source: str) -> Label:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise TaxonomyError(f"{source}: every label needs a 'name' (got {entry!r})")
    examples = entry.get("examples") or []
    if isinstance(examples, str):
        examples = [examples]
    return Label(
        name=str(entry["name"]).strip(),
        definition=str(entry.get("definition") or "").strip(),
        examples=tuple(str(e) for e in examples),
        parent=entry.get("parent"),
        domain=entry.get("domain"),
    )


def load_narratives(path: str | Path | None = None) -> NarrativeTaxonomy:
    """Load a narrative taxonomy (YAML or JSON; the built-in SemEval-2025 one by default)."""
    path = Path(path) if path else HERE / "narratives.yaml"
    return _load_narratives_cached(str(path))


@lru_cache(maxsize=8)
def _load_narratives_cached(path: str) -> NarrativeTaxonomy:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: taxonomy file not found") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: not valid YAML/JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list):
        raise TaxonomyError(f"{path}: expected a mapping with a 'labels' list")
    labels = [_label(e, path) for e in data["labels"]]
    tops = [lab for lab in labels if not lab.parent]
    top_names = {t.name for t in tops}
    subs: list[Label] = []
    for lab in labels:
        if lab.parent and lab.parent not in top_names:
            raise TaxonomyError(f"{path}: label {lab.name!r} names unknown parent {lab.parent!r}")
    for top in tops:
        subs.extend(lab for lab in labels if lab.parent == top.name)
        subs.append(
            Label(
                name=f"{top.name}: {OTHER}",
                definition=f"{top.short_name}, without any of its specific sub-narratives.",
                parent=top.name,
                domain=top.domain,
            )
        )
    seen: set[str] = set()
    for lab in labels:
        if lab.name in seen:
            raise TaxonomyError(f"{path}: label {lab.name!r} is defined twice")
        seen.add(lab.name)
    return NarrativeTaxonomy(
        name=str(data.get("name") or Path(path).stem),
        narratives=tops,
        subnarratives=subs,
        domains=dict(data.get("domains") or {}),
        description=str(data.get("description") or ""),
    )


def load_yaml(name: str) -> dict:
    """Load one of the built-in taxonomy files (`entity_roles`, `techniques`) as plain data."""
    path = HERE / f"{name}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: taxonomy file not found") from None
