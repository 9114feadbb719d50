"""SemEval-2025 T10 subtask 1 input/output: the entity-mentions file and the submission lines.

Input lines are `id<TAB>mention<TAB>start<TAB>end` with `end` INCLUSIVE. A bad line never stops the
run: a malformed line is reported and skipped; a mention whose offsets fall outside the text or do
not spell the mention is reported by line and still classified, realigned to the nearest place
where its text occurs (or, if the text is nowhere, at its offsets clamped to the document).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import InputError
from narrascope.semeval.files import document_path, tsv_lines
from narrascope.semeval.t10 import read_document

log = logging.getLogger(__name__)



@dataclass(slots=True)
class GivenMention:
    doc_id: str
    mention: str
    start_field: str  # the offsets exactly as given, for the output key
    end_field: str
    start: int  # where the mention is classified (end exclusive), after any realignment
    end: int
    line: int


def read_mentions(path: str | Path, docs_dir: str | Path) -> tuple[dict[str, str], list[GivenMention], list[str]]:
    """Documents (id -> text), the mentions to classify, and one warning per problem line."""
    path, docs_dir = Path(path), Path(docs_dir)
    texts: dict[str, str] = {}
    mentions: list[GivenMention] = []
    warnings: list[str] = []
    unreadable: set[str] = set()
    for lineno, raw in tsv_lines(path):
        where = f"{path}:{lineno}"
        if isinstance(raw, InputError):
            warnings.append(str(raw))
            continue
        if not raw.strip():
            continue
        cols = raw.split("\t")
        if len(cols) < 4:
            warnings.append(f"{where}: malformed line, expected id<TAB>mention<TAB>start<TAB>end; skipped")
            continue
        doc_id, mention, start_s, end_s = cols[0].strip(), cols[1], cols[2].strip(), cols[3].strip()
        try:
            start, end = int(start_s), int(end_s)
        except ValueError:
            warnings.append(f"{where}: offsets {start_s!r}, {end_s!r} are not integers; skipped")
            continue
        if doc_id in unreadable:
            warnings.append(f"{where}: document {doc_id!r} cannot be read (see above); skipped")
            continue
        if doc_id not in texts:
            try:
                doc_path = document_path(docs_dir, doc_id)
                if not doc_path.is_file():
                    warnings.append(f"{where}: document {doc_id!r} not found in {docs_dir}; skipped")
                    continue
                texts[doc_id] = read_document(doc_path)
            except InputError as err:
                unreadable.add(doc_id)
                warnings.append(f"{where}: {err}; skipped")
                continue
        s, e, problem = align(texts[doc_id], mention, start, end + 1)
        if problem:
            warnings.append(f"{where}: {problem}")
        mentions.append(GivenMention(doc_id, mention, cols[2], cols[3], s, e, lineno))
    return texts, mentions, warnings


def align(text: str, mention: str, start: int, end: int) -> tuple[int, int, str | None]:
    """(start, end exclusive, problem or None): the given offsets when they spell the mention,
    otherwise the nearest occurrence of the mention text, otherwise the clamped offsets."""
    if 0 <= start < end <= len(text) and text[start:end] == mention:
        return start, end, None
    what = (
        f"offsets {start}-{end - 1} are outside the text (length {len(text)})"
        if start < 0 or end > len(text) or start >= end
        else f"offsets {start}-{end - 1} spell {text[start:end]!r}, not {mention!r}"
    )
    found = _nearest(text, mention, start) if mention.strip() else -1
    if found >= 0:
        return found, found + len(mention), f"{what}; realigned to {found}-{found + len(mention) - 1}"
    s = max(0, min(start, len(text)))
    e = max(s, min(end, len(text)))
    return s, e, f"{what}; mention text not found, classified at {s}-{max(s, e - 1)}"


def _nearest(text: str, mention: str, start: int) -> int:
    best, pos = -1, text.find(mention)
    while pos >= 0:
        if best < 0 or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(mention, pos + 1)
    return best


def format_line(m: GivenMention, main_role: str, fine_roles: list[str]) -> str:
    return "\t".join([m.doc_id, m.mention, m.start_field, m.end_field, main_role, *fine_roles])
