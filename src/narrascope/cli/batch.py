"""`narrascope batch`: the pipeline over large inputs on a Dask cluster (see docs/batch.md)."""
from __future__ import annotations

import logging
import sys
from typing import Self

import click

from narrascope.ingest.raw import DEFAULT_MAX_BYTES

EXIT_SOME_INPUTS_FAILED = 2


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder; re-running into it resumes where the last run stopped.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Start a local Dask cluster of N worker processes [default: one per core].")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Use an existing Dask cluster instead, e.g. tcp://10.0.0.5:8786.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True)
@click.option("--analyzers", "-a", default=None, help="Comma-separated analyzers to run (default: all available).")
@click.option("--partition-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Documents per partition (one Dask task each).")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True)
@click.option("--include-text", is_flag=True, help="Store each document's text in the output too.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger documents.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Re-runs of a partition whose task raised (a dead worker's tasks are re-run anyway).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr.")
def batch(inputs: tuple[str, ...], out_dir: str, workers: int | None, scheduler: str | None, fmt: str,
          analyzers: str | None, partition_size: int, batch_size: int, include_text: bool, max_bytes: int,
          retries: int, progress: bool) -> None:
    """Analyse INPUTS (JSONL, CSV or Parquet files with a `text` column, text files, or folders of
    them) on Dask and write one row per document to OUT as Parquet or JSONL partitions.

    Finished partitions are skipped when the command is run again with the same OUT, so an
    interrupted run is resumed by repeating it. Rows that cannot be read go to OUT/_errors/;
    the exit code is 2 when there were any.
    """
    from narrascope.batch import BatchSettings, run_batch
    from narrascope.errors import NarrascopeError

    if workers and scheduler:
        raise click.UsageError("use either --workers (local cluster) or --scheduler (existing cluster), not both")
    if not logging.getLogger().isEnabledFor(logging.INFO):
        # Dask logs cluster start-up at INFO; that would scroll the progress bar away. Importing
        # distributed (re)sets its logger levels, so import it first, then lower them.
        import distributed  # noqa: F401

        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        settings = BatchSettings(
            analyzers=tuple(a.strip() for a in analyzers.split(",") if a.strip()) if analyzers else (),
            format=fmt, include_text=include_text, partition_size=partition_size, batch_size=batch_size,
            max_bytes=max_bytes,
        )
        with _ProgressBar(enabled=progress) as bar:
            summary = run_batch(inputs, out_dir, settings, workers=workers, scheduler=scheduler, retries=retries,
                                on_progress=bar.update)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from None
    _report(summary, out_dir)
    if not summary.ok:
        sys.exit(EXIT_SOME_INPUTS_FAILED)


def _report(summary, out_dir: str) -> None:
    echo = lambda msg: click.echo(msg, err=True)
    for err in summary.input_errors:
        echo(f"error: {err}")
    if summary.pending:
        rate = f", {summary.rows_per_second:.1f} documents/s" if summary.seconds else ""
        echo(f"wrote {summary.rows} documents in {summary.written} partitions to {out_dir} "
             f"({summary.seconds:.1f}s on {summary.workers} workers{rate}; models loaded in "
             f"{summary.warmup_seconds:.1f}s)")
    if summary.skipped:
        echo(f"{summary.skipped} of {summary.partitions} partitions were finished by an earlier run and skipped")
    if not summary.partitions:
        echo("nothing to do: no readable inputs")
    if summary.row_errors:
        echo(f"{summary.row_errors} rows could not be read or stored; see {out_dir}/_errors/")
    for name, err in summary.failed:
        echo(f"error: partition {name} failed after retries: {err}")
    if summary.failed:
        echo(f"{len(summary.failed)} partitions failed; run the same command again to retry them")


class _ProgressBar:
    """A rich progress bar over partitions, fed by run_batch's on_progress callback."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.progress = None
        self.task = None

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
                TextColumn("{task.fields[rows]} docs"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False,
            )
            self.progress.start()
        return self

    def update(self, summary) -> None:
        if self.progress is None:
            return
        done = summary.written + len(summary.failed)
        if self.task is None:
            self.task = self.progress.add_task(summary.phase, total=summary.pending or 1, rows=0)
        self.progress.update(self.task, completed=done if summary.pending else 1, rows=summary.rows,
                             description=summary.phase)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()
