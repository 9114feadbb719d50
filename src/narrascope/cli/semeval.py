"""`narrascope semeval st1|st2|st3|techniques`: official submission files of the shared tasks, written
by the same analyzers users run (the file formats themselves live in `narrascope.semeval`)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from narrascope.document import Analysis, Document
from narrascope.errors import InputError
from narrascope.semeval.files import document_path
from narrascope.semeval.t10 import read_document, read_dominant
from narrascope.taxonomy import LANGUAGES


@click.group()
def semeval() -> None:
    """Write official SemEval submission files."""


@semeval.command("st1")
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--mentions", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Entity-mentions file: id<TAB>mention<TAB>start<TAB>end (end inclusive).")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--lang", default=None, help="Language of all documents (default: from the id prefix, else detected).")
@click.option("--accurate", is_flag=True,
              help="Roles from the accurate mode (the fine-tuned encoder averaged in; seconds per article).")
def semeval_st1(docs_dir: str, mentions: str, out: str, lang: str | None, accurate: bool) -> None:
    """Write the official subtask-1 submission:
    id<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role[<TAB>fine_role...]."""
    from narrascope.document import Document
    from narrascope.pipeline import Pipeline
    from narrascope.semeval.t10_entities import format_line, read_mentions

    texts, given, warnings = read_mentions(mentions, docs_dir)
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    by_doc: dict[str, list] = {}
    for m in given:
        by_doc.setdefault(m.doc_id, []).append(m)
    docs = [
        Document(
            text=texts[doc_id],
            id=doc_id,
            lang=(lang or _lang_from_id(doc_id)),
            meta={"mentions": [{"start": m.start, "end": m.end, "text": m.mention} for m in ms]},
        )
        for doc_id, ms in by_doc.items()
    ]
    lines = []
    for a in Pipeline(["entities", "roles-accurate" if accurate else "roles"]).pipe(docs):
        for w in a.warnings:
            click.echo(f"warning: {a.id}: {w}", err=True)
        for m, ent in zip(by_doc[a.id], a.entities, strict=True):
            if ent.main_role:
                lines.append(format_line(m, ent.main_role, [f.label for f in ent.fine_roles]))
            else:  # the role model failed on this document: keep the submission complete
                lines.append(format_line(m, "Antagonist", ["Conspirator"]))
    Path(out).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    click.echo(f"wrote {len(lines)} predictions to {out}" + (f" ({len(warnings)} warnings)" if warnings else ""))


@semeval.command("st2")
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
def semeval_st2(docs_dir: str, out: str) -> None:
    """Write the official subtask-2 submission: id<TAB>narratives<TAB>sub-narratives."""
    from narrascope.document import Document
    from narrascope.pipeline import Pipeline
    from narrascope.semeval.t10 import format_st2_line, read_document

    paths = sorted(Path(docs_dir).glob("*.txt"))
    if not paths:
        raise click.ClickException(f"{docs_dir}: no .txt documents found")
    pipeline = Pipeline(["language", "narratives"])
    docs, errors = [], []
    for p in paths:
        try:
            docs.append(Document(text=read_document(p), id=p.name))
        except InputError as err:
            errors.append(err)
    lines = []
    for a in pipeline.pipe(docs):
        lines.append(format_st2_line(a.id, [n.label for n in a.narratives], [s.label for s in a.subnarratives]))
    Path(out).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    click.echo(f"wrote {len(lines)} predictions to {out}")
    _exit_if_failed(errors, "document(s)")


@semeval.command("st3")
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--dominant", "dominant_file", type=click.Path(exists=True, dir_okay=False), required=True,
              help="subtask-3-dominant-narratives.txt: id<TAB>narrative<TAB>sub-narrative or none.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--backend", type=click.Choice(["local", "llm"]), default=None,
              help="local (default) or llm (an OpenAI-compatible endpoint from NARRASCOPE_LLM_*).")
def semeval_st3(docs_dir: str, dominant_file: str, out: str, backend: str | None) -> None:
    """Write the official subtask-3 submission: id<TAB>explanation, one line per listed document."""
    written, errors = write_st3(Path(docs_dir), Path(dominant_file), Path(out), backend=backend)
    click.echo(f"wrote {written} explanations to {out}")
    _exit_if_failed(errors, "document(s)")


def _exit_if_failed(errors: list, what: str) -> None:
    """Report each failed input on stderr and exit 2 when there were any (the rest was written)."""
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if errors:
        click.echo(f"{len(errors)} {what} failed; the others were written.", err=True)
        sys.exit(2)


@semeval.command("techniques")
@click.option("--articles", "articles_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="Folder of article<ID>.txt files.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False), required=True,
              help="A *-labels-subtask-3.template file: the paragraphs to label.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--lang", default=None, help="Language of the articles (ISO code); detected per article if omitted.")
def semeval_techniques(articles_dir: str, template: str, out: str, lang: str | None) -> None:
    """Write the official subtask-3 file: id<TAB>paragraph_no<TAB>tech1,tech2 for every template row."""
    from narrascope.analyzers.techniques.model import TechniqueModel
    from narrascope.errors import NarrascopeError
    from narrascope.nlp.langid import detect_language
    from narrascope.semeval.t3 import article_path, format_line, read_article, template_rows

    try:
        rows, errors = template_rows(template)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from None
    ids = list(dict.fromkeys(doc_id for doc_id, _ in rows))
    texts: dict[str, str] = {}
    for doc_id in ids:
        try:
            path = article_path(articles_dir, doc_id)
            if not path.is_file():
                raise InputError(str(path), f"article of template id {doc_id} not found")
            texts[doc_id] = read_article(path)
        except InputError as exc:
            errors.append(InputError(exc.source, f"{exc.reason}; its paragraphs get no label"))
    model = TechniqueModel.load()
    found: dict[tuple[str, int], list[str]] = {}
    batch = list(texts)
    for i in range(0, len(batch), 64):
        chunk = batch[i : i + 64]
        langs = [lang or detect_language(texts[d])[0] for d in chunk]
        for doc_id, result in zip(chunk, model.predict([texts[d] for d in chunk], langs), strict=True):
            for par in result.paragraphs:
                found[(doc_id, par.number)] = [lab.label for lab in par.labels]
    lines = [format_line(doc_id, number, found.get((doc_id, number), [])) for doc_id, number in rows]
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    labelled = sum(1 for key in rows if found.get(key))
    click.echo(f"wrote {len(lines)} paragraph rows ({labelled} with techniques) to {out}")
    _exit_if_failed(errors, "template line(s) or article(s)")


def _lang_from_id(doc_id: str) -> str | None:
    prefix = doc_id.split("_", 1)[0].lower()
    return prefix if prefix in LANGUAGES else None


BATCH = 32


def _find_docs_dir(docs_dir: Path) -> Path:
    """The folder itself, or its raw-documents/ when given a SemEval language folder."""
    nested = docs_dir / "raw-documents"
    return nested if nested.is_dir() else docs_dir


def write_st3(docs_dir: Path, dominant_file: Path, out: Path, backend: str | None = None) -> tuple[int, list[InputError]]:
    """Explain every listed document; write the submission; return (lines written, errors)."""
    from narrascope.analyzers.explain.analyzer import ExplainAnalyzer
    from narrascope.analyzers.explain.metrics import MAX_WORDS, truncate_words
    from narrascope.analyzers.language import LanguageAnalyzer

    rows, errors = read_dominant(dominant_file)
    docs_dir = _find_docs_dir(docs_dir)
    explainer = ExplainAnalyzer(backend=backend)
    language = LanguageAnalyzer()
    items: list[tuple[Analysis, tuple[str, str | None]]] = []
    for doc_id, narrative, sub in rows:
        try:
            path = document_path(docs_dir, doc_id)
            if not path.is_file():
                errors.append(InputError(str(path), "document listed in the dominant-narratives file is missing"))
                continue
            text = read_document(path)
        except InputError as err:
            errors.append(err)
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
