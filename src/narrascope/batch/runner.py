"""Run the analysis pipeline over partitions on a Dask cluster, resumably.

Each Dask task is one partition: read its rows, analyse them with the worker's cached `Pipeline`
(models load once per worker process, not per task), write the partition file atomically, then
its manifest. A re-run skips partitions that have a manifest, so a document is written at most
once; a task whose worker dies is re-run by Dask elsewhere, and since the file name depends only on
the partition, a repeated task replaces its own file instead of adding a second copy.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from narrascope.batch.output import (
    ERROR_DIR,
    FORMATS,
    MANIFEST_DIR,
    SETTINGS_FILE,
    analysis_to_row,
    data_path,
    encode_row,
    finished_manifests,
    remove_temp_files,
    remove_unfinished,
    write_errors,
    write_json,
    write_rows,
)
from narrascope.batch.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions, read_partition
from narrascope.document import Analysis, Document
from narrascope.errors import ConfigError, InputError, ModelError
from narrascope.ingest.raw import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)
SETTINGS_VERSION = 2  # 2: typed Parquet columns (1: nested values as JSON strings)


@dataclass(frozen=True)
class BatchSettings:
    """What a batch run computes. The first four must match when resuming into the same folder."""

    analyzers: tuple[str, ...] = ()  # empty: the pipeline's defaults
    format: str = "parquet"
    include_text: bool = False
    partition_size: int = DEFAULT_PARTITION_SIZE
    batch_size: int = 32
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        from narrascope.analyzers import ANALYZERS, DEFAULT_ANALYZERS

        if not self.analyzers:
            object.__setattr__(self, "analyzers", tuple(DEFAULT_ANALYZERS))
        unknown = [a for a in self.analyzers if a not in ANALYZERS]
        if unknown:
            raise ConfigError(f"unknown analyzer(s) {', '.join(unknown)}; known: {', '.join(ANALYZERS)}")
        if self.format not in FORMATS:
            raise ConfigError(f"unknown output format {self.format!r}; use one of {', '.join(FORMATS)}")
        if self.partition_size < 1 or self.batch_size < 1:
            raise ConfigError("partition size and batch size must be at least 1")

    def identity(self) -> dict[str, Any]:
        return {"version": SETTINGS_VERSION, "analyzers": list(self.analyzers), "format": self.format,
                "include_text": self.include_text, "partition_size": self.partition_size}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BatchSummary:
    """What a run did. `seconds` covers the partitions' processing, not cluster start or model load."""

    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    pending: int = 0  # to do in this run
    written: int = 0
    rows: int = 0
    row_errors: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, error) after retries
    input_errors: list[str] = field(default_factory=list)  # inputs that could not be planned at all
    workers: int = 0
    phase: str = "planning"  # -> "loading models" -> "analysing" -> "done"
    warmup_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.failed or self.input_errors or self.row_errors)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# ----------------------------------------------------------------------------- on the worker

_PIPELINES: dict[tuple[tuple[str, ...], int], Any] = {}
_PIPELINES_LOCK = threading.Lock()


def worker_pipeline(analyzers: Sequence[str], batch_size: int = 32):
    """The Pipeline of this process for these analyzers, built on first use and then reused."""
    from narrascope.pipeline import Pipeline

    key = (tuple(analyzers), batch_size)
    with _PIPELINES_LOCK:  # a worker started with several threads must still load the models once
        if key not in _PIPELINES:
            log.info("loading pipeline %s in process %d", ",".join(analyzers), os.getpid())
            _PIPELINES[key] = Pipeline(list(analyzers), batch_size=batch_size)
        return _PIPELINES[key]


WARM_UP_TEXT = "Warm-up.\n\nThe council met on Monday to discuss the new budget for schools and roads."


def warm_worker(settings: dict[str, Any]) -> str:
    pipeline = worker_pipeline(settings["analyzers"], settings["batch_size"])
    # Some models load lazily on first use (the sentence encoder, for one): one tiny document
    # makes that happen now, not inside the first partition.
    pipeline(Document(text=WARM_UP_TEXT, id="warm-up"))
    return f"{socket.gethostname()}:{os.getpid()}"


def _analyse(pipeline, docs: list[tuple[int, Document]], errors: list[dict]) -> Iterator[tuple[int, Analysis]]:
    try:
        results = list(pipeline.pipe([d for _, d in docs]))
    except Exception:  # the pipeline isolates analyzers; this guards the rest of it
        log.warning("pipeline failed on a partition; retrying its documents one by one", exc_info=True)
        for row, doc in docs:
            try:
                yield row, pipeline(doc)
            except Exception as exc:  # noqa: BLE001 - one document's failure is reported, not raised
                errors.append({"row": row, "id": doc.id, "error": f"analysis failed: {exc!r}"})
        return
    yield from ((row, a) for (row, _), a in zip(docs, results, strict=True))


def process_partition(partition: dict[str, Any], settings: dict[str, Any], out_dir: str) -> dict[str, Any]:
    """Analyse one partition and write it; returns its manifest. Runs on a Dask worker."""
    started = time.perf_counter()
    part = Partition.from_dict(partition)
    out = Path(out_dir)
    pipeline = worker_pipeline(settings["analyzers"], settings["batch_size"])
    docs: list[tuple[int, Document]] = []
    errors: list[dict[str, Any]] = []
    for row, item in read_partition(part, settings["max_bytes"]):
        if isinstance(item, InputError):
            errors.append({"row": row, "source": item.source, "error": item.reason})
        else:
            docs.append((row, item))
    encoded = []
    for row, analysis in _analyse(pipeline, docs, errors):
        input_file = analysis.document.meta.get("path", part.input) if part.kind == "text" else part.input
        try:
            encoded.append(encode_row(analysis_to_row(
                analysis, settings["include_text"], input_file=input_file, input_row=row, partition=part.name)))
        except (TypeError, ValueError, UnicodeError) as exc:
            errors.append({"row": row, "id": analysis.id, "error": f"result cannot be stored: {exc}"})
    write_rows(encoded, data_path(out, part.name, settings["format"]), settings["format"])
    errors_file = out / ERROR_DIR / f"{part.name}.jsonl"
    if errors:
        for e in errors:
            e.update(partition=part.name, input=part.input)
        write_errors(errors_file, sorted(errors, key=lambda e: e["row"]))
    else:
        errors_file.unlink(missing_ok=True)  # left by an earlier, interrupted attempt
    manifest = {
        "partition": part.name, "format": settings["format"], "rows": len(encoded), "errors": len(errors),
        "analyzers": list(settings["analyzers"]), "spec": part.to_dict(),
        "worker": f"{socket.gethostname()}:{os.getpid()}", "pipelines_loaded": len(_PIPELINES),
        "seconds": round(time.perf_counter() - started, 3), "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    write_json(out / MANIFEST_DIR / f"{part.name}.json", manifest)  # last: marks the partition finished
    return manifest


# ----------------------------------------------------------------------------- on the client


def _check_settings(out: Path, settings: BatchSettings) -> None:
    path = out / SETTINGS_FILE
    wanted = settings.identity()
    if path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
        diff = [f"{k}: {stored.get(k)!r} there, {v!r} now" for k, v in wanted.items() if stored.get(k) != v]
        if diff:
            raise ConfigError(
                f"{out} holds results of a run with other settings ({'; '.join(diff)}); "
                "resume with the same settings, or write to another --out folder"
            )
    else:
        write_json(path, wanted)


def _check_conflicts(out: Path, pending: list[Partition], done: list[dict[str, Any]]) -> None:
    """Refuse to write a document a finished partition already holds (an input changed since)."""
    by_input: dict[str, list[Partition]] = {}
    done_files: set[str] = set()
    for m in done:
        p = Partition.from_dict(m["spec"])
        by_input.setdefault(p.input, []).append(p)
        done_files.update(p.files)
    for p in pending:
        clash = bool(done_files & set(p.files)) if p.kind == "text" else any(
            p.overlaps(q) for q in by_input.get(p.input, []))
        if clash:
            raise ConfigError(
                f"{p.input} changed since its results in {out} were written (rows {p.start}-{p.stop} now "
                "overlap a finished partition); write to another --out folder to redo it"
            )


@contextlib.contextmanager
def _dask_client(workers: int | None, scheduler: str | None, client=None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    n = workers or os.cpu_count() or 1
    # One thread per worker process: the analyzers are CPU-bound Python/numpy code, and Dask's nanny
    # already pins OMP/MKL/OpenBLAS to one thread each, so processes are what scale.
    # Worker logs repeat what the summary reports (failed partitions); show them only with -v.
    quiet = logging.WARNING if log.isEnabledFor(logging.INFO) else logging.CRITICAL
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=quiet) as cluster, Client(cluster) as c:
        yield c


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: BatchSettings | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    retries: int = 2,
    on_progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Analyse `inputs` into `out_dir`, skipping partitions a previous run finished.

    Cluster: `client` (a `distributed.Client`) if given, else `scheduler` (an address such as
    tcp://host:8786), else a LocalCluster of `workers` processes (default: one per core). A script
    that starts a LocalCluster must call this under `if __name__ == "__main__":`.
    """
    settings = settings or BatchSettings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _check_settings(out, settings)
    done = finished_manifests(out)
    done_names = {m["partition"] for m in done}
    done_files = {f for m in done for f in m["spec"].get("files") or ()}
    parts, input_errors = plan_partitions(inputs, settings.partition_size, done_files)
    pending = [p for p in parts if p.name not in done_names]
    _check_conflicts(out, pending, done)
    removed = remove_unfinished(out, done_names)
    if removed:
        log.info("removed %d files left by an interrupted run", removed)
    skipped = len(parts) - len(pending) + sum(1 for m in done if m["spec"]["kind"] == "text")
    summary = BatchSummary(partitions=skipped + len(pending), skipped=skipped, pending=len(pending),
                           input_errors=[str(e) for e in input_errors])
    for err in input_errors:
        log.info("skipping input %s", err)
    notify = on_progress or (lambda s: None)
    if not pending:
        summary.phase = "done"
        notify(summary)
        return summary
    summary.phase = "loading models"
    notify(summary)
    with _dask_client(workers, scheduler, client) as c:
        summary.workers = len(c.scheduler_info().get("workers", {}))
        spec = settings.to_dict()
        started = time.perf_counter()
        _warm_up(c, spec)
        summary.warmup_seconds = time.perf_counter() - started
        summary.phase = "analysing"
        notify(summary)
        started = time.perf_counter()
        _run(c, pending, spec, out, retries, summary, notify)
        summary.seconds = time.perf_counter() - started
    remove_temp_files(out)  # the cluster is closed: no attempt can still be writing
    summary.phase = "done"
    notify(summary)
    return summary


def _warm_up(client, spec: dict[str, Any]) -> None:
    # Load the models on every worker before timing and before queueing partitions, and fail fast
    # (one clear error instead of one per partition) if they cannot be loaded.
    run_id = uuid.uuid4().hex[:8]
    futures = [client.submit(warm_worker, spec, key=f"narrascope-warm-{run_id}-{i}", workers=[addr],
                             allow_other_workers=False, pure=False)
               for i, addr in enumerate(client.scheduler_info().get("workers", {}))]
    try:
        client.gather(futures)
    except Exception as exc:
        raise ModelError(f"cannot load the analyzers {', '.join(spec['analyzers'])} on the Dask workers: "
                         f"{type(exc).__name__}: {exc}") from exc


def _run(client, pending: list[Partition], spec: dict[str, Any], out: Path, retries: int,
         summary: BatchSummary, notify: Callable[[BatchSummary], None]) -> None:
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]
    futures = {
        client.submit(process_partition, p.to_dict(), spec, str(out), key=f"narrascope-{p.name}-{run_id}",
                      pure=False, retries=retries): p
        for p in pending
    }
    for fut in as_completed(futures):
        part = futures[fut]
        if fut.status == "error":
            exc = fut.exception()
            summary.failed.append((part.name, f"{type(exc).__name__}: {exc}"))
            log.error("partition %s (%s rows %d-%d) failed: %s", part.name, part.input, part.start, part.stop, exc)
        else:
            manifest = fut.result()
            summary.written += 1
            summary.rows += manifest["rows"]
            summary.row_errors += manifest["errors"]
        fut.release()
        notify(summary)
