"""The plain baselines every role model is scored beside (issue 17): answers that read no context.

- `MajorityPair`: per language, the most frequent main role and the most frequent fine-role set of the
  training mentions (each the best constant answer for its own measure: main-role accuracy, EMR);
- `NamePrior`: per language and name, the main role and the fine-role set the name got most often in
  training (names compared by their canonical key, so `Путина` and `Путин` are one name), falling back to
  the language's majority answer for a name never seen.

Both work on `(language, name key, main role, fine roles)` rows, so the same code scores mentions given
by SemEval and entities found by the pipeline.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

Pair = tuple[str, tuple[str, ...]]  # (main role, fine roles sorted)


@dataclass(slots=True)
class LabelledName:
    lang: str
    key: str  # the name's canonical key (see narrascope.nlp.names.name_key)
    main_role: str
    fine_roles: list[str]

    @property
    def pair(self) -> Pair:
        return self.main_role, tuple(sorted(self.fine_roles))


def _most_common(counts: Counter) -> object:
    # Ties broken by the value itself, so that a rerun gives the same answer.
    return min(counts, key=lambda p: (-counts[p], p))


def _majority(rows: list[LabelledName]) -> Pair:
    """The most frequent main role and, separately, the most frequent fine-role set."""
    return (_most_common(Counter(r.main_role for r in rows)),  # type: ignore[return-value]
            _most_common(Counter(r.pair[1] for r in rows)))


@dataclass(slots=True)
class MajorityPair:
    by_lang: dict[str, Pair] = field(default_factory=dict)
    overall: Pair = ("Antagonist", ("Instigator",))

    @classmethod
    def fit(cls, rows: Iterable[LabelledName]) -> MajorityPair:
        rows = list(rows)
        if not rows:
            return cls()
        per_lang: dict[str, list[LabelledName]] = defaultdict(list)
        for r in rows:
            per_lang[r.lang].append(r)
        return cls({lang: _majority(group) for lang, group in per_lang.items()}, _majority(rows))

    def predict(self, lang: str, key: str = "") -> Pair:
        return self.by_lang.get(lang, self.overall)


@dataclass(slots=True)
class NamePrior:
    by_name: dict[tuple[str, str], Pair] = field(default_factory=dict)
    fallback: MajorityPair = field(default_factory=MajorityPair)

    @classmethod
    def fit(cls, rows: Iterable[LabelledName]) -> NamePrior:
        rows = list(rows)
        by_name: dict[tuple[str, str], list[LabelledName]] = defaultdict(list)
        for r in rows:
            by_name[(r.lang, r.key)].append(r)
        return cls({k: _majority(group) for k, group in by_name.items()}, MajorityPair.fit(rows))

    def predict(self, lang: str, key: str) -> Pair:
        return self.by_name.get((lang, key)) or self.fallback.predict(lang)
