"""Live progress on stderr for long commands (`ingest`, `watch`): counts, rate and ETA, with rich.

Shown only when stderr is a terminal (or `force`), so logs and pipes get the one-line summaries.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Self

from narrascope.ingest.records import JSONL_SUFFIXES


class Progress:
    def __init__(self, unit: str = "docs", enabled: bool | None = None, console=None):
        self.unit = unit
        self.console = console
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress = None
        self._task = None

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._progress = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                TextColumn("ETA"), TimeRemainingColumn(), console=self.console or Console(stderr=True),
                transient=False)
            self._progress.start()
        return self

    def task(self, description: str, total: int | None) -> None:
        """Start a new line (a phase: "analysing", "placing in stories", a poll cycle ...)."""
        if self._progress is not None:
            self._task = self._progress.add_task(description, total=total, rate="", counts="")

    def advance(self, n: int = 1, **counts: Any) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.advance(self._task, n)
        task = self._progress.tasks[-1]
        speed = task.finished_speed or task.speed
        rate = f"{speed:.1f} {self.unit}/s" if speed else ""
        text = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items())
        self._progress.update(self._task, rate=rate, counts=text)

    def finish(self) -> None:
        if self._progress is not None and self._task is not None:
            task = self._progress.tasks[-1]
            if task.total is None:
                self._progress.update(self._task, total=task.completed)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def count_documents(sources: tuple[str, ...] | list[str]) -> int | None:
    """How many documents SOURCES hold, when that is cheap to know (local files: JSONL lines, one per
    text file); None when any source is a URL, a feed, a page, or standard input."""
    total = 0
    for src in sources:
        path = Path(src)
        if src == "-" or "://" in src or not path.exists():
            return None
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if f.name.startswith("."):
                continue
            if suffix in JSONL_SUFFIXES:
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffix in (".txt", ".text") or (f == path and suffix not in (".html", ".htm", ".rss", ".atom",
                                                                              ".urls")):
                total += 1
            elif suffix in (".html", ".htm", ".rss", ".atom", ".urls"):
                return None
    return total
