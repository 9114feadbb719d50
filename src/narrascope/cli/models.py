"""`narrascope train NAME` and `narrascope evaluate NAME`: one pair of commands per trained analyzer,
made in one loop from the registry (`narrascope.analyzers.TRAINERS`), so every model is rebuilt and
measured the same way."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from narrascope.analyzers import TRAINERS, Trainer

DATA_ROOT = Path("../shared/data")


@click.group()
def train() -> None:
    """Train a model from annotated data and save it, with its model card, as the package's artifact."""


@click.group()
def evaluate() -> None:
    """Measure a model on annotated training data with the official metrics, per language."""


def _progress(message: str) -> None:
    click.echo(message, err=True)
    sys.stderr.flush()


def _options(trainer: Trainer):
    def decorate(fn):
        for name, (default, help_text) in reversed(trainer.options.items()):
            fn = click.option(f"--{name.replace('_', '-')}", name, default=default, show_default=True,
                              help=help_text)(fn)
        fn = click.option("--seed", type=int, default=None,
                          help="Fold split (default: the model's own). Figures move with it: compare on several.")(fn)
        fn = click.option("--folds", type=int, default=5, show_default=True,
                          help="Cross-validation folds (thresholds, the card's figures; 0: none).")(fn)
        return click.option("--data", type=click.Path(exists=True, file_okay=False),
                            default=str(DATA_ROOT / trainer.dataset), show_default=True,
                            help="The dataset folder (its train split is used).")(fn)
    return decorate


def _train_command(name: str, trainer: Trainer) -> click.Command:
    @click.command(name=name, help=f"Train the {name} model on the train split and save it with its model card.")
    @_options(trainer)
    @click.option("--out", type=click.Path(file_okay=False), default=None,
                  help=f"Model folder to write (default: the package's models/{name}).")
    def command(data: str, folds: int, seed: int | None, out: str | None, **options: str) -> None:
        module = importlib.import_module(trainer.module)
        target = Path(out) if out else module.MODEL_DIR
        report = module.train_and_save(Path(data), target, folds=folds, seed=seed, progress=_progress, **options)
        click.echo(f"saved {target} ({report['size_kb']:.0f} kB) with its model card")
        if report.get("table"):
            click.echo(report["table"])

    return command


def _evaluate_command(name: str, trainer: Trainer) -> click.Command:
    @click.command(name=trainer.evaluate_as or name,
                   help=f"Measure the {name} model with the official metrics, per language: on the lockbox beside "
                        "a plain baseline (--lockbox), or by cross-validation on the train split minus the lockbox.")
    @_options(trainer)
    @click.option("--lockbox", is_flag=True,
                  help="Train on train minus the lockbox, score the lockbox with the official metrics beside a plain "
                       "baseline trained on the same articles (differences with 95% bootstrap intervals), and run "
                       "the robustness checks. Without it: cross-validation on train minus the lockbox (where every "
                       "choice is made; all of train when the dataset has no lockbox list).")
    @click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
                  help="Also write the figures as JSON.")
    def command(data: str, folds: int, seed: int | None, lockbox: bool, json_out: str | None, **options: str) -> None:
        module = importlib.import_module(trainer.module)
        if lockbox:
            result = module.evaluate_lockbox(Path(data), folds=folds, seed=seed, progress=_progress, **options)
        else:
            result = module.cross_validate(Path(data), folds=folds, seed=seed, progress=_progress, **options)
        click.echo(result["table"])
        if json_out:
            Path(json_out).write_text(json.dumps(result["scores"], indent=2), encoding="utf-8")

    return command


for _name, _trainer in TRAINERS.items():
    train.add_command(_train_command(_name, _trainer))
    evaluate.add_command(_evaluate_command(_name, _trainer))
