"""Readers and writers of the SemEval-2023 Task 3 (subtask 3, persuasion techniques) file formats.

Layout of a data folder (e.g. `../shared/data/semeval2023_task3`): `data/<lang>/` for the languages
`en`, `it`, `ru`, `po`, `fr`, `ge` (plus test-only `es`, `gr`, `ka`), each with

- `<split>-articles-subtask-3/article<ID>.txt`: the article (title, empty line, body);
- `<split>-labels-subtask-3.txt`: `id<TAB>paragraph_no<TAB>tech1,tech2,...` (empty = none);
- `<split>-labels-subtask-3.template`: `id<TAB>paragraph_no<TAB>paragraph text` (what to predict);
- `<split>-labels-subtask-3-spans/article<ID>-labels-subtask-3.txt`: `id<TAB>technique<TAB>start<TAB>end`
  (character offsets into the article file, end exclusive; see `aligned_spans` for the articles whose
  line ends changed after their spans were marked).

A paragraph is a non-empty line; `paragraph_no` is its 1-based line number in the article file, so
empty lines are skipped but still counted. Articles are read with `newline=""` so offsets stay valid.
"""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import InputError
from narrascope.nlp.text import Paragraph, line_paragraphs
from narrascope.semeval.files import document_path, read_utf8, tsv_rows

log = logging.getLogger(__name__)

LANGUAGES = ("en", "it", "ru", "po", "fr", "ge")
# The data uses its own codes for Polish and German; narrascope speaks ISO 639-1.
ISO_CODES = {"po": "pl", "ge": "de", "gr": "el"}


@dataclass(slots=True)
class T3Document:
    id: str
    lang: str
    text: str
    paragraphs: list[Paragraph]
    paragraph_labels: dict[int, list[str]] | None = None  # paragraph number -> techniques (gold)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end exclusive)


def read_article(path: str | Path) -> str:
    """The article's text, line ends kept, or an InputError (missing, not UTF-8)."""
    return read_utf8(path)


def _tsv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [line.rstrip("\r\n").split("\t") for line in fh if line.strip()]


def read_paragraph_labels(path: str | Path) -> dict[str, dict[int, list[str]]]:
    """`id -> {paragraph_no: [techniques]}` from a `*-labels-subtask-3.txt` file."""
    out: dict[str, dict[int, list[str]]] = {}
    for row in _tsv_rows(Path(path)):
        if len(row) < 2 or not row[1].strip().isdigit():
            raise InputError(str(path), f"expected 'id<TAB>paragraph_no<TAB>techniques', got {row!r}")
        labels = [x.strip() for x in (row[2] if len(row) > 2 else "").split(",") if x.strip()]
        out.setdefault(row[0], {})[int(row[1])] = labels
    return out


def read_template(path: str | Path) -> list[tuple[str, int]]:
    """The (article id, paragraph_no) rows of a `*.template` file, in file order (InputError at
    the first line that is not one)."""
    rows, errors = template_rows(path)
    if errors:
        raise errors[0]
    return rows


def template_rows(path: str | Path) -> tuple[list[tuple[str, int]], list[InputError]]:
    """The (article id, paragraph_no) rows of a `*.template` file, and one error per line that is
    not one (not UTF-8, too few fields, no paragraph number)."""
    rows: list[tuple[str, int]] = []
    errors: list[InputError] = []
    for number, row in tsv_rows(path, errors):
        if len(row) < 2 or not row[1].strip().isdigit() or not row[0].strip():
            errors.append(InputError(f"{path}:{number}", f"expected 'id<TAB>paragraph_no<TAB>text', got {row[:2]!r}"))
            continue
        rows.append((row[0].strip(), int(row[1])))
    return rows, errors


def article_path(folder: str | Path, doc_id: str) -> Path:
    """`folder/article<ID>.txt`; an InputError when the id would make it name a file elsewhere."""
    return document_path(folder, f"article{doc_id}.txt")


def read_spans(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = {}
    for path in sorted(folder.glob("article*-labels-subtask-3.txt")):
        for row in _tsv_rows(path):
            if len(row) >= 4 and row[2].isdigit() and row[3].isdigit():
                out.setdefault(row[0], []).append((row[1].strip(), int(row[2]), int(row[3])))
    return out


def edge_breaks(text: str, spans: list[tuple[str, int, int]]) -> int:
    """How many span edges fall inside a word, or past the end of `text` (a span reading that fits the
    article has few: 8 of the 14,402 edges of the English training spans)."""
    n = len(text)
    out = 0
    for _, start, end in spans:
        if not 0 <= start < end <= n:
            out += 2
            continue
        out += start > 0 and text[start - 1].isalnum() and text[start].isalnum()
        out += end < n and text[end - 1].isalnum() and text[end].isalnum()
    return out


def aligned_spans(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The gold spans at the characters they mark in `text`.

    In the copies of the 2023 data in circulation, many non-English articles had their CRLF line ends
    made LF after the spans were marked, so each span lands one character later for every line break
    before it (a span after ten line breaks starts three letters into its first word, and runs into the
    next sentence); 34-55% of the spans of those languages started inside a word, English 0.03%. Where
    reading the offsets as counted over CRLF line ends puts fewer span edges inside words than reading
    them as given, the spans are moved so; an article with CR characters of its own is taken as given.
    Then, in those languages a span that ends a sentence lost its last letter (25-36% of the spans, every
    one of them before a full stop), which it gets back.
    """
    return [(t, s, _whole_last_word(text, e)) for t, s, e in _line_end_reading(text, spans)]


def _line_end_reading(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    if not spans or "\r" in text or "\n" not in text:
        return spans
    at: list[int] = []  # the position in `text` of each offset counted over CRLF line ends
    for i, c in enumerate(text):
        if c == "\n":
            at.append(i)  # the CR before it
        at.append(i)
    at.append(len(text))
    last = len(at) - 1
    moved = [(t, at[min(s, last)], at[min(e, last)]) for t, s, e in spans]
    return moved if edge_breaks(text, moved) < edge_breaks(text, spans) else spans


def _whole_last_word(text: str, end: int) -> int:
    """`end`, one further where the span stops one letter short of its last word's end."""
    if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum() and (
            end + 1 == len(text) or not text[end + 1].isalnum()):
        return end + 1
    return end


def data_root(path: str | Path) -> Path:
    """Accept either the corpus folder (with `data/`) or its `data/` folder itself."""
    root = Path(path)
    if (root / "data").is_dir():
        root = root / "data"
    if not root.is_dir():
        raise InputError(str(path), "not a folder of SemEval-2023 Task 3 data")
    return root


def read_language(path: str | Path, lang: str, split: str = "train") -> list[T3Document]:
    """All subtask-3 articles of one language and split, with their gold labels where present."""
    root = data_root(path) / lang
    articles = root / f"{split}-articles-subtask-3"
    if not articles.is_dir():
        return []
    labels_file = root / f"{split}-labels-subtask-3.txt"
    labels = read_paragraph_labels(labels_file) if labels_file.exists() else {}
    spans = read_spans(root / f"{split}-labels-subtask-3-spans")
    docs = []
    for p in sorted(articles.glob("article*.txt")):
        doc_id = p.stem[len("article") :]
        text = read_article(p)
        docs.append(
            T3Document(
                id=doc_id,
                lang=lang,
                text=text,
                paragraphs=line_paragraphs(text),
                paragraph_labels=labels.get(doc_id) if labels else None,
                spans=aligned_spans(text, spans.get(doc_id, [])),
            )
        )
    return docs


def read_split(path: str | Path, split: str = "train", languages: tuple[str, ...] = LANGUAGES) -> list[T3Document]:
    out: list[T3Document] = []
    for lang in languages:
        out.extend(read_language(path, lang, split))
    if not out:
        raise InputError(str(path), f"no '{split}-articles-subtask-3' folders for languages {', '.join(languages)}")
    return out


def clean_label(label: str, known: set[str]) -> str | None:
    """The known technique a gold label means (the data has a few typos), or None."""
    if label in known:
        return label
    close = difflib.get_close_matches(label, sorted(known), n=1, cutoff=0.9)  # a stray character
    if close:
        return close[0]
    log.debug("unknown technique label %r ignored", label)
    return None


def format_line(doc_id: str, paragraph_no: int, techniques: list[str]) -> str:
    return f"{doc_id}\t{paragraph_no}\t{','.join(techniques)}"
