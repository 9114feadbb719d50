"""The analyzer interface every pipeline component follows.

An analyzer is a small object with
- `name`: how pipelines and configs refer to it;
- `requires`: names of analyzers whose output it reads (the pipeline orders and checks them);
- `pipe(analyses)`: fills its own fields of a batch of `Analysis` objects and yields them back, in
  order (batching is where the speed comes from: vectorise over the batch);
- for trained analyzers, `fit(examples)` / `save(path)` / `load(path)` in the scikit-learn spirit:
  nothing is learned before `fit`, and `load` restores exactly what `save` wrote.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from ..document import Analysis


class Analyzer:
    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()

    def pipe(self, analyses: Iterable[Analysis], batch_size: int = 64) -> Iterator[Analysis]:
        batch: list[Analysis] = []
        for a in analyses:
            batch.append(a)
            if len(batch) >= batch_size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        """Annotate a batch in place and return it. Subclasses implement this (or `pipe`)."""
        raise NotImplementedError

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.process_batch([analysis])[0]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
