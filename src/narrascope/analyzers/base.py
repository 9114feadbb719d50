"""The analyzer interface every pipeline component follows, and the protocol of their learned parts.

An analyzer (after spaCy's pipeline components) declares
- `name`: how pipelines and configs refer to it;
- `requires`: the analyzers whose output it reads (the pipeline adds and orders them);
- `assigns`: the `Analysis` fields it fills, and no others (the contract test checks it);
and implements `process_batch(batch)`, which fills those fields for a batch of `Analysis` objects in
place and returns the batch (batching is where the speed comes from: vectorise over the batch).
`load_default()` builds the analyzer the pipeline uses: trained analyzers load their committed model
from `models/<name>/`, the others take no arguments.

A trained analyzer's learned part is a `Model` (after scikit-learn's estimators): nothing learned before
`fit`, fitted attributes end in `_` where the model is an estimator, and `save`/`load` of a folder in
the one format of `artifacts.py` (.npz + .json, never pickle). Each trained analyzer package has the
same shape: `analyzer.py` (the component), `model.py` (the learned part), `train.py`
(`train_and_save`, `cross_validate`), `metrics.py` (the task's official measures).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar, Protocol, Self, runtime_checkable

from narrascope.document import Analysis

# Fields of `Analysis` an analyzer may declare in `assigns` (the rest belong to the pipeline).
ANALYSIS_FIELDS = frozenset({
    "language", "language_score", "domain", "domain_score", "narratives", "subnarratives", "entities",
    "techniques", "paragraph_techniques", "explanation",
})


@runtime_checkable
class Model(Protocol):
    """The learned part of a trained analyzer, stored as a folder (see `artifacts.py`)."""

    def save(self, path: Path) -> None: ...

    @classmethod
    def load(cls, path: Path) -> Self: ...


class Analyzer:
    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def load_default(cls) -> Self:
        """The analyzer as the default pipeline runs it (trained analyzers load their committed model)."""
        return cls()

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        """Fill this analyzer's `assigns` fields of every `Analysis` in `batch`; return the batch."""
        raise NotImplementedError

    def pipe(self, analyses: Iterable[Analysis], batch_size: int = 64) -> Iterator[Analysis]:
        batch: list[Analysis] = []
        for a in analyses:
            batch.append(a)
            if len(batch) >= batch_size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.process_batch([analysis])[0]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
