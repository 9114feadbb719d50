"""SemEval-2025 Task 10 subtask 3 submission: `id<TAB>explanation` for given dominant narratives."""
from __future__ import annotations

import csv
import logging
from pathlib import Path

from ..document import Analysis, Document
from ..errors import InputError
from ..semeval import read_document

log = logging.getLogger(__name__)

BATCH = 32


def read_dominant(path: Path) -> tuple[list[tuple[str, str, str | None]], list[InputError]]:
    """Rows (id, narrative, sub-narrative or None) of a subtask-3-dominant-narratives file, and the
    lines that could not be read (each named by file and line)."""
    rows, errors = [], []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not row[0].strip():
                continue
            if len(row) < 2 or not row[1].strip():
                errors.append(InputError(f"{path}:{n}", "expected id<TAB>narrative<TAB>sub-narrative (or none)"))
                continue
            sub = row[2].strip() if len(row) > 2 else ""
            rows.append((row[0].strip(), row[1].strip(), None if sub.lower() in ("", "none") else sub))
    return rows, errors


def _find_docs_dir(docs_dir: Path) -> Path:
    """The folder itself, or its raw-documents/ when given a SemEval language folder."""
    nested = docs_dir / "raw-documents"
    return nested if nested.is_dir() else docs_dir


def write_st3(docs_dir: Path, dominant_file: Path, out: Path, backend: str | None = None) -> tuple[int, list[InputError]]:
    """Explain every listed document; write the submission; return (lines written, errors)."""
    from ..analyzers.explain import ExplainAnalyzer
    from ..analyzers.language import LanguageAnalyzer
    from ..explain.metrics import MAX_WORDS, truncate_words

    rows, errors = read_dominant(dominant_file)
    docs_dir = _find_docs_dir(docs_dir)
    explainer = ExplainAnalyzer(backend=backend)
    language = LanguageAnalyzer()
    items: list[tuple[Analysis, tuple[str, str | None]]] = []
    for doc_id, narrative, sub in rows:
        path = docs_dir / doc_id
        if not path.is_file():
            errors.append(InputError(str(path), "document listed in the dominant-narratives file is missing"))
            continue
        try:
            text = read_document(path)
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(InputError(str(path), f"cannot read it ({exc})"))
            continue
        items.append((Analysis(document=Document(text=text, id=doc_id)), (narrative, sub)))
    lines = []
    for i in range(0, len(items), BATCH):
        chunk = items[i : i + BATCH]
        analyses = [a for a, _ in chunk]
        language.process_batch(analyses)
        explainer.explain_given(analyses, [d for _, d in chunk])
        for a in analyses:
            text = " ".join((a.explanation.text if a.explanation else "").split())
            lines.append(f"{a.id}\t{truncate_words(text, MAX_WORDS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return len(lines), errors
