"""The analyzers: one pipeline component each (`base.Analyzer`), registered here by name.

The registry is declared, not discovered: a name maps to "module:Class", imported only when a pipeline
uses it, so `narrascope --help` stays fast. Trained analyzers are packages of the same shape
(`analyzer.py`, `model.py`, `train.py`, `metrics.py`); `TRAINERS` declares their `train` modules, for
which the CLI registers `train` and `evaluate` commands in one loop.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from narrascope.analyzers.base import Analyzer
from narrascope.errors import ConfigError

ANALYZERS: dict[str, str] = {
    "language": "narrascope.analyzers.language:LanguageAnalyzer",
    "narratives": "narrascope.analyzers.narratives.analyzer:NarrativeAnalyzer",
    "explain": "narrascope.analyzers.explain.analyzer:ExplainAnalyzer",
    "techniques": "narrascope.analyzers.techniques.analyzer:TechniqueAnalyzer",
    "entities": "narrascope.analyzers.entities.analyzer:EntityAnalyzer",
    "roles": "narrascope.analyzers.roles.analyzer:RoleAnalyzer",
    # opt-in: the roles analyzer with the fine-tuned encoder averaged in (slower; pip install 'narrascope[accurate]')
    "roles-accurate": "narrascope.analyzers.roles.analyzer:AccurateRoleAnalyzer",
}
DEFAULT_ANALYZERS: list[str] = ["language", "narratives", "techniques", "entities", "roles", "explain"]



@dataclass(frozen=True, slots=True)
class Trainer:
    """How to train one analyzer's model: its `train` module exposes
    `train_and_save(data, out, folds=, seed=, progress=, **options) -> {"size_kb", "table", ...}` and
    `cross_validate(data, folds=, seed=, progress=, **options) -> {"table", "scores", ...}` and
    `evaluate_lockbox(data, folds=, seed=, progress=, **options) -> {"table", "scores", ...}` (trained on
    train minus the lockbox, scored on the lockbox beside a plain baseline; see `semeval/lockbox.py`), where
    `data` is a dataset folder (its `train` split is used) and `out` a model folder (default: the committed one)."""

    module: str
    dataset: str  # the folder under ../shared/data it reads by default
    evaluate_as: str = ""  # the name of its `evaluate` command, when not the analyzer's name
    options: dict[str, tuple[str, str]] = field(default_factory=dict)  # extra option -> (default, help)


# Trained analyzers, declared as data so that the CLI registers their commands without importing them.
TRAINERS: dict[str, Trainer] = {
    "narratives": Trainer("narrascope.analyzers.narratives.train", "semeval2025_task10", options={
        "lockbox_report": ("", "train: the JSON of `evaluate narratives --lockbox --json` to write the model card from."),
        "seeds": ("", "evaluate --lockbox: folder of articles for the order check (default: seeds/ beside the data)."),
    }),
    "techniques": Trainer("narrascope.analyzers.techniques.train", "semeval2023_task3", options={
        "ptc": ("auto", ("SemEval-2020 Task 11 (PTC) folder whose articles are added unless they near-duplicate "
                         "a 2023 article ('auto': beside --data if present; '': none).")),
        "lockbox_scores": ("", ("train only: the JSON of `evaluate techniques --lockbox --json FILE`, whose "
                                "figures the model card reports.")),
    }),
    "entities": Trainer("narrascope.analyzers.entities.train", "semeval2025_task10"),
    "roles": Trainer("narrascope.analyzers.roles.train", "semeval2025_task10"),
    "roles-accurate": Trainer("narrascope.analyzers.roles.encoder.train", "semeval2025_task10", options={
        "encoder_probs": ("", ("evaluate: the encoder's probabilities from a fine-tuning run elsewhere (a GPU "
                               "machine: `python -m narrascope.analyzers.roles.encoder.finetune --plan lockbox|cv "
                               "--probs FILE`) instead of fine-tuning here.")),
        "fine_tuned": ("", ("train: the weights of a fine-tuning run elsewhere (`finetune --plan all --export "
                            "FILE`) instead of fine-tuning here.")),
        "lockbox_report": ("", "train: the JSON of `evaluate roles-accurate --lockbox --json` for the model card."),
        "cv_report": ("", "train: the JSON of `evaluate roles-accurate --json` (the choice of the share) for the card."),
    }),
    # the accurate mode's salience encoder (which entities `roles-accurate` casts): no analyzer of its own
    "salience-accurate": Trainer("narrascope.analyzers.roles.encoder.salience_train", "semeval2025_task10", options={
        "encoder_probs": ("", ("the encoder's answers from fine-tuning runs elsewhere, comma-separated .npz files of "
                               "`python -m narrascope.analyzers.roles.encoder.finetune --probs FILE`: the cv plan's "
                               "(evaluate; train: with the lockbox plan's) instead of fine-tuning here.")),
        "fine_tuned": ("", ("the weights of a fine-tuning run elsewhere (`finetune --export FILE`): the lockbox "
                            "plan's for evaluate --lockbox, the all plan's for train.")),
        "lockbox_report": ("", "train: the JSON of `evaluate salience-accurate --lockbox --json` for the model card."),
        "cv_report": ("", "train: the JSON of `evaluate salience-accurate --json` (the choice of the share) for the card."),
    }),
    "explain": Trainer("narrascope.analyzers.explain.train", "semeval2025_task10", evaluate_as="explanations",
                       options={"metric_embedder": ("e5", ("Embedder of the cosine metric (e5: multilingual-e5-small, "
                                                          "pip install 'narrascope[eval]')."))}),
}


def analyzer_class(name: str) -> type[Analyzer]:
    """The class registered as `name` (imported on first use)."""
    if name not in ANALYZERS:
        raise ConfigError(f"unknown analyzer {name!r}; known: {', '.join(ANALYZERS)}")
    module_name, _, cls_name = ANALYZERS[name].partition(":")
    return getattr(importlib.import_module(module_name), cls_name)


__all__ = ["ANALYZERS", "DEFAULT_ANALYZERS", "TRAINERS", "Analyzer", "Trainer", "analyzer_class"]
