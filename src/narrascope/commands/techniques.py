"""CLI commands of the persuasion-technique detector: train, evaluate (cross-validation), SemEval-2023
Task 3 subtask 3 submission file."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

DEFAULT_DATA = "../shared/data/semeval2023_task3"


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True,
              help="SemEval-2023 Task 3 folder (the train split of every language is used).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Model path without suffix (default: the package's models/techniques).")
@click.option("--folds", type=int, default=5, show_default=True, help="Folds for tuning thresholds and scoring.")
def train_techniques(data: str, out: str | None, folds: int) -> None:
    """Train the technique detector on the train split and save it with its model card."""
    from ..analyzers.techniques import DEFAULT_MODEL
    from ..train.techniques_run import train_and_save

    target = Path(out) if out else DEFAULT_MODEL
    report = train_and_save(Path(data), target, folds=folds, progress=_progress)
    click.echo(f"saved {target}.npz/.json ({report['size_kb']:.0f} kB) and its model card")
    click.echo(report["table"])


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True)
@click.option("--folds", type=int, default=5, show_default=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the figures as JSON.")
def evaluate_techniques(data: str, folds: int, json_out: str | None) -> None:
    """Cross-validate on the train split; print paragraph micro/macro-F1 and span F1 per language."""
    from ..train.techniques_run import cross_validate

    result = cross_validate(Path(data), folds=folds, progress=_progress)
    click.echo(result["table"])
    if json_out:
        Path(json_out).write_text(json.dumps(result["scores"], indent=2), encoding="utf-8")


@click.command()
@click.option("--articles", "articles_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="Folder of article<ID>.txt files.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False), required=True,
              help="A *-labels-subtask-3.template file: the paragraphs to label.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--lang", default=None, help="Language of the articles (ISO code); detected per article if omitted.")
def semeval_techniques(articles_dir: str, template: str, out: str, lang: str | None) -> None:
    """Write the official subtask-3 file: id<TAB>paragraph_no<TAB>tech1,tech2 for every template row."""
    from ..analyzers.techniques import DEFAULT_MODEL, TechniqueModel
    from ..errors import NarrascopeError
    from ..ingest.langid import detect_language
    from ..semeval2023 import format_line, read_article, read_template

    try:
        rows = read_template(template)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from None
    ids = list(dict.fromkeys(doc_id for doc_id, _ in rows))
    texts: dict[str, str] = {}
    for doc_id in ids:
        path = Path(articles_dir) / f"article{doc_id}.txt"
        try:
            texts[doc_id] = read_article(path)
        except FileNotFoundError:
            click.echo(f"error: {path}: article of template id {doc_id} not found; its paragraphs get no label",
                       err=True)
        except NarrascopeError as exc:
            click.echo(f"error: {exc}; its paragraphs get no label", err=True)
    model = TechniqueModel.load(DEFAULT_MODEL)
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


def _progress(message: str) -> None:
    click.echo(message, err=True)
    sys.stderr.flush()
