"""Build an analyzer chain from names and run it over documents in batches.

Analyzers are looked up by name in the registry of `narrascope.analyzers` and built with their
`load_default()` (trained analyzers load their committed model), once per process.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from narrascope.analyzers import DEFAULT_ANALYZERS, analyzer_class
from narrascope.analyzers.base import Analyzer
from narrascope.document import Analysis, Document
from narrascope.errors import ConfigError

log = logging.getLogger(__name__)

_LOADED: dict[str, Analyzer] = {}


def get_analyzer(name: str) -> Analyzer:
    """The analyzer registered as `name`, loaded once per process."""
    if name not in _LOADED:
        _LOADED[name] = analyzer_class(name).load_default()
    return _LOADED[name]


def _resolve_order(items: Sequence[str | Analyzer]) -> list[Analyzer]:
    """The analyzers in the order given, each moved after what it `requires`; a requirement not asked for
    is pulled in (asking for `roles` means you want entities), one asked for is used as given."""
    given = [get_analyzer(i) if isinstance(i, str) else i for i in items]
    by_name = {a.name: a for a in given}
    ordered: list[Analyzer] = []
    placed: set[str] = set()

    def place(analyzer: Analyzer, chain: tuple[str, ...]) -> None:
        if analyzer.name in placed:
            return
        if analyzer.name in chain:
            cycle = " -> ".join((*chain[chain.index(analyzer.name):], analyzer.name))
            raise ConfigError(f"analyzers require each other in a cycle: {cycle}")
        for req in analyzer.requires:
            place(by_name.get(req) or get_analyzer(req), (*chain, analyzer.name))
        placed.add(analyzer.name)
        ordered.append(analyzer)

    for analyzer in given:
        place(analyzer, ())
    return ordered


class Pipeline:
    """Runs analyzers over documents, `batch_size` documents at a time.

    A failure inside an analyzer is retried document by document, so one bad document costs only
    itself: it keeps the results of the other analyzers and a warning saying what failed.
    """

    def __init__(self, analyzers: Sequence[str | Analyzer] | None = None, batch_size: int = 32):
        self.analyzers = _resolve_order(list(analyzers or DEFAULT_ANALYZERS))
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    def __call__(self, doc: Document | str) -> Analysis:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document | str], batch_size: int | None = None) -> Iterator[Analysis]:
        size = batch_size or self.batch_size
        batch: list[Analysis] = []
        for doc in docs:
            batch.append(Analysis(document=doc if isinstance(doc, Document) else Document(text=doc)))
            if len(batch) >= size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Analysis]) -> list[Analysis]:
        for analyzer in self.analyzers:
            try:
                analyzer.process_batch(batch)
            except Exception:
                log.debug("analyzer %s failed on a batch; retrying one by one", analyzer.name, exc_info=True)
                for a in batch:
                    try:
                        analyzer.process_batch([a])
                    except Exception as exc:  # noqa: BLE001
                        a.warnings.append(f"{analyzer.name} failed: {exc.__class__.__name__}: {exc}")
                        continue
            for a in batch:
                a.analyzers.append(analyzer.name)
        return batch


_DEFAULT_PIPELINE: Pipeline | None = None


def analyze(doc: Document | str, analyzers: Sequence[str] | None = None) -> Analysis:
    """Analyse one text or Document with the default (or the named) analyzers."""
    global _DEFAULT_PIPELINE
    if analyzers is not None:
        return Pipeline(analyzers)(doc)
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE(doc)
