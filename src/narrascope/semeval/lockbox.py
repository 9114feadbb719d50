"""The lockbox: a fixed 20% of each training split, per language, that no choice is tuned on.

`../shared/data/splits/<dataset>_lockbox.tsv` lists it: a header (`language`, then `document` or `article`)
and one row per held-out training file, named as in the dataset (`EN_123.txt` under
`semeval2025_task10/train/EN/raw-documents/`, `article123.txt` under
`semeval2023_task3/data/en/train-articles-subtask-3/`). Every choice is made by cross-validation on the
other 80% (`narrascope evaluate NAME` reads only that part: `development_documents`); the lockbox is
scored once per candidate meant to ship (see `narrascope evaluate NAME --lockbox`).
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from narrascope.errors import InputError

D = TypeVar("D")


@dataclass(frozen=True, slots=True)
class Lockbox:
    """The held-out files of a dataset, per language (languages as the dataset spells them)."""

    path: Path
    files: dict[str, frozenset[str]]

    def __contains__(self, key: tuple[str, str]) -> bool:
        language, file_name = key
        return file_name in self.files.get(language, frozenset())

    def __len__(self) -> int:
        return sum(len(f) for f in self.files.values())


def lockbox_file(data_dir: str | Path) -> Path:
    """Where the lockbox of the dataset folder `data_dir` is listed: `<data root>/splits/<name>_lockbox.tsv`."""
    data_dir = Path(data_dir)
    return data_dir.parent / "splits" / f"{data_dir.name}_lockbox.tsv"


def read_lockbox(path: str | Path) -> Lockbox:
    """Read a lockbox TSV; a missing file, a wrong header or an empty row is an InputError naming it."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [row for row in csv.reader(fh, delimiter="\t") if row and any(cell.strip() for cell in row)]
    except FileNotFoundError:
        raise InputError(str(path), "lockbox list not found (expected ../shared/data/splits/<dataset>_lockbox.tsv)"
                         ) from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason})") from None
    if not rows or [c.strip().lower() for c in rows[0][:1]] != ["language"] or len(rows[0]) < 2:
        raise InputError(str(path), "expected a header `language<TAB>document` (or `article`)")
    files: dict[str, set[str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InputError(f"{path}:{line}", "expected language<TAB>file name")
        files.setdefault(row[0].strip(), set()).add(row[1].strip())
    return Lockbox(path, {lang: frozenset(names) for lang, names in files.items()})


def split_documents(docs: Sequence[D], lockbox: Lockbox, key: Callable[[D], tuple[str, str]]
                    ) -> tuple[list[D], list[D]]:
    """(development documents, lockbox documents). `key(doc)` is (language, file name) as the lockbox
    spells them. Every listed file must be among `docs`: a name that matches no document is an error
    naming the lockbox file (a wrong data folder, or a list from another release of the data)."""
    seen: set[tuple[str, str]] = set()
    dev, held = [], []
    for doc in docs:
        k = key(doc)
        if k in lockbox:
            held.append(doc)
            seen.add(k)
        else:
            dev.append(doc)
    missing = [f"{lang}/{name}" for lang, names in lockbox.files.items() for name in sorted(names)
               if (lang, name) not in seen]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise InputError(str(lockbox.path), f"{len(missing)} listed file(s) are not in the data: {shown}")
    return dev, held


def development_documents(data_dir: str | Path, docs: Sequence[D], key: Callable[[D], tuple[str, str]]
                          ) -> tuple[list[D], str]:
    """The training documents cross-validation may read: those of `docs` outside the lockbox of the
    dataset folder `data_dir`, and a line saying which part that is (for the report). A dataset without a
    lockbox list (your own data) is cross-validated whole, and the line says so."""
    path = lockbox_file(data_dir)
    if not path.exists():
        return list(docs), (f"cross-validation on all {len(docs)} training documents: "
                            f"{path} does not exist, so nothing is held out")
    dev, held = split_documents(docs, read_lockbox(path), key)
    return dev, (f"cross-validation on train minus the lockbox: {len(dev)} documents "
                 f"({len(held)} listed in {path.name} left out)")


def languages_of(lockbox: Lockbox) -> Iterable[str]:
    return sorted(lockbox.files)
