"""CLI commands of the narrative classifier: train, evaluate (cross-validation), SemEval subtask 2."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

DEFAULT_DATA = "../shared/data/semeval2025_task10"


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True,
              help="SemEval-2025 Task 10 folder (its train/ split is used).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where to write the model (default: the package's models/narratives).")
@click.option("--folds", type=int, default=5, show_default=True, help="Folds for tuning thresholds and scoring.")
def train_narratives(data: str, out: str | None, folds: int) -> None:
    """Train the narrative classifier on the train split and save it with its model card."""
    from ..train.narratives import DEFAULT_MODEL_DIR, train_and_save

    target = Path(out) if out else DEFAULT_MODEL_DIR
    report = train_and_save(Path(data) / "train", target, folds=folds, progress=_progress)
    click.echo(f"saved {target} ({report['size_kb']:.0f} kB)")
    click.echo(report["table"])


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True)
@click.option("--folds", type=int, default=5, show_default=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the figures as JSON (for benchmarks/ and tracking).")
@click.option("--seed", type=int, default=None,
              help="Fold split (default: the one the shipped model's card reports). Figures move by about "
                   "0.02 per language between splits: compare models on several.")
def evaluate_narratives(data: str, folds: int, json_out: str | None, seed: int | None) -> None:
    """Cross-validate on the train split; print samples-F1 (coarse and fine) per language."""
    from ..train.narratives import SEED, cross_validate

    result = cross_validate(Path(data) / "train", folds=folds, progress=_progress, seed=SEED if seed is None else seed)
    click.echo(result["table"])
    if json_out:
        Path(json_out).write_text(json.dumps(result["scores"], indent=2), encoding="utf-8")


@click.command()
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
def semeval_st2(docs_dir: str, out: str) -> None:
    """Write the official subtask-2 submission: id<TAB>narratives<TAB>sub-narratives."""
    from ..document import Document
    from ..pipeline import Pipeline
    from ..semeval import format_st2_line, read_document

    paths = sorted(Path(docs_dir).glob("*.txt"))
    if not paths:
        raise click.ClickException(f"{docs_dir}: no .txt documents found")
    pipeline = Pipeline(["language", "narratives"])
    docs = [Document(text=read_document(p), id=p.name) for p in paths]
    lines = []
    for a in pipeline.pipe(docs):
        lines.append(format_st2_line(a.id, [n.label for n in a.narratives], [s.label for s in a.subnarratives]))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"wrote {len(lines)} predictions to {out}")


def _progress(message: str) -> None:
    click.echo(message, err=True)
    sys.stderr.flush()
