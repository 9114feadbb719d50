"""Readers and writers of the SemEval-2025 Task 10 file formats.

Layout of a split folder (e.g. `../shared/data/semeval2025_task10/train`): one folder per language
(`BG`, `EN`, `HI`, `PT`, `RU`), each with `raw-documents/<id>.txt` and tab-separated annotation files:

- `subtask-1-annotations.txt`: id, mention, start, end (inclusive), main role, fine roles...
- `subtask-2-annotations.txt`: id, narratives (`;`-separated), sub-narratives (`;`-separated)
- `subtask-3-annotations.txt`: id, dominant narrative, dominant sub-narrative or `none`, explanation

Documents are read with `newline=""` so CRLF is kept and mention offsets stay valid.
"""
from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError
from narrascope.semeval.files import read_utf8, tsv_rows
from narrascope.taxonomy import LANGUAGES as TAXONOMY_LANGUAGES

log = logging.getLogger(__name__)

LANGUAGES = tuple(lang.upper() for lang in TAXONOMY_LANGUAGES)  # the data names languages in capitals


@dataclass(slots=True)
class Mention:
    text: str
    start: int  # inclusive, as in the files
    end: int  # INCLUSIVE, as in the files
    main_role: str | None = None
    fine_roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class T10Document:
    id: str
    lang: str
    text: str
    narratives: list[str] | None = None
    subnarratives: list[str] | None = None
    mentions: list[Mention] = field(default_factory=list)
    dominant: tuple[str, str | None] | None = None  # (narrative, sub-narrative or None)
    explanation: str | None = None


def read_document(path: str | Path) -> str:
    """The document's text, CRLF kept, or an InputError (not UTF-8, unreadable)."""
    return read_utf8(path)


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row and row[0].strip()]


def split_labels(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def read_language(split_dir: str | Path, lang: str) -> list[T10Document]:
    """All documents of one language folder with whatever annotations exist beside them."""
    root = Path(split_dir) / lang
    raw = root / "raw-documents"
    docs = {p.name: T10Document(id=p.name, lang=lang, text=read_document(p)) for p in sorted(raw.glob("*.txt"))}
    for row in _rows(root / "subtask-2-annotations.txt"):
        if row[0] in docs and len(row) >= 3:
            docs[row[0]].narratives = split_labels(row[1])
            docs[row[0]].subnarratives = split_labels(row[2])
    for name in ("subtask-1-annotations.txt", "subtask-1-entity-mentions.txt"):
        for row in _rows(root / name):
            if row[0] not in docs or len(row) < 4:
                continue
            docs[row[0]].mentions.append(
                Mention(
                    text=row[1],
                    start=int(row[2]),
                    end=int(row[3]),
                    main_role=row[4] if len(row) > 4 else None,
                    fine_roles=[r for r in row[5:] if r.strip()],
                )
            )
        if any(d.mentions for d in docs.values()):
            break  # annotations take precedence over the bare mention list
    for row in _rows(root / "subtask-3-annotations.txt"):
        if row[0] in docs and len(row) >= 3:
            sub = None if row[2].strip().lower() == "none" else row[2].strip()
            docs[row[0]].dominant = (row[1].strip(), sub)
            docs[row[0]].explanation = row[3].strip() if len(row) > 3 else None
    return list(docs.values())


def read_split(split_dir: str | Path, languages: tuple[str, ...] = LANGUAGES) -> list[T10Document]:
    """Every language folder of a split that exists (missing languages are skipped)."""
    out: list[T10Document] = []
    for lang in languages:
        if (Path(split_dir) / lang / "raw-documents").is_dir():
            out.extend(read_language(split_dir, lang))
    return out


def format_st2_line(doc_id: str, narratives: list[str], subnarratives: list[str]) -> str:
    return f"{doc_id}\t{';'.join(narratives) or 'Other'}\t{';'.join(subnarratives) or 'Other'}"


def read_dominant(path: Path) -> tuple[list[tuple[str, str, str | None]], list[InputError]]:
    """Rows (id, narrative, sub-narrative or None) of a subtask-3-dominant-narratives file, and the
    lines that could not be read (each named by file and line)."""
    rows: list[tuple[str, str, str | None]] = []
    errors: list[InputError] = []
    for n, row in tsv_rows(path, errors):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            errors.append(InputError(f"{path}:{n}", "expected id<TAB>narrative<TAB>sub-narrative (or none)"))
            continue
        sub = row[2].strip() if len(row) > 2 else ""
        rows.append((row[0].strip(), row[1].strip(), None if sub.lower() in ("", "none") else sub))
    return rows, errors
