"""CLI commands of entity framing: train, evaluate (cross-validation + NER recall), SemEval subtask 1."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

DEFAULT_DATA = "../shared/data/semeval2025_task10"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "narrascope"
LANG_PREFIXES = ("BG", "EN", "HI", "PT", "RU")


def _cache(path: str | None, no_cache: bool):
    from ..roles_context import EmbeddingCache

    return None if no_cache else EmbeddingCache(path or DEFAULT_CACHE)


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True,
              help="SemEval-2025 Task 10 folder (its train/ split is used).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Model path without suffix (default: the package's models/roles).")
@click.option("--folds", type=int, default=5, show_default=True,
              help="Cross-validation folds for the model card (0: skip).")
@click.option("--cache", type=click.Path(file_okay=False), default=None,
              help=f"Sentence-embedding cache folder (default: {DEFAULT_CACHE}).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
def train_roles(data: str, out: str | None, folds: int, cache: str | None, no_cache: bool) -> None:
    """Train the entity-role model and the NER lexicon; save both with their model cards."""
    from ..train.roles import ROLE_MODEL, scores_table, train_and_save

    target = Path(out) if out else ROLE_MODEL
    report = train_and_save(Path(data) / "train", target, folds=folds, cache=_cache(cache, no_cache))
    click.echo(f"saved {target}.npz/.json ({report['size_kb']:.0f} kB) and {target.parent / 'entity_lexicon.json'}")
    if report["scores"]:
        click.echo(scores_table(report["scores"], report["ner_recall"]))


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True,
              help="SemEval-2025 Task 10 folder (its train/ split is used).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Lexicon file (default: the package's models/entity_lexicon.json).")
@click.option("--folds", type=int, default=5, show_default=True, help="Folds for the NER recall (0: skip).")
def train_entities(data: str, out: str | None, folds: int) -> None:
    """Rebuild only the NER lexicon (names learned from the annotated mentions) and its model card."""
    from ..train.roles import ENTITY_LEXICON
    from ..train.roles import train_entities as build

    target = Path(out) if out else ENTITY_LEXICON
    recall = build(Path(data) / "train", target, folds=folds)
    click.echo(f"saved {target}")
    for lang, r in recall.items():
        click.echo(f"{lang}: NER recall {r['overlap']:.3f} (overlap), {r['exact']:.3f} (exact), "
                   f"{r['found_per_doc']:.1f} spans/document")


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False), default=DEFAULT_DATA, show_default=True)
@click.option("--folds", type=int, default=5, show_default=True)
@click.option("--roles/--no-roles", default=True, show_default=True, help="Cross-validate the role model.")
@click.option("--ner/--no-ner", default=True, show_default=True, help="Also measure NER recall of the gold mentions.")
@click.option("--cache", type=click.Path(file_okay=False), default=None,
              help=f"Sentence-embedding cache folder (default: {DEFAULT_CACHE}).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None, help="Also write the figures as JSON.")
def evaluate_roles(
    data: str, folds: int, roles: bool, ner: bool, cache: str | None, no_cache: bool, json_out: str | None
) -> None:
    """Cross-validate the role model on the train split: per language the official exact-match ratio
    (EMR) over fine-role sets, main-role accuracy and micro-F1 over fine roles; and NER recall."""
    from ..train.roles import cross_validate_roles, ner_recall, scores_table

    split = Path(data) / "train"
    scores = cross_validate_roles(split, folds=folds, cache=_cache(cache, no_cache)) if roles else {}
    recall = ner_recall(split, folds=folds) if ner else None
    if scores:
        click.echo(scores_table(scores, recall))
    for lang, r in (recall or {}).items():
        click.echo(f"NER recall {lang}: {r['overlap']:.3f} (overlap), {r['exact']:.3f} (exact), "
                   f"{r['found_per_doc']:.1f} spans/document, {r['n']} mentions")
    if json_out:
        Path(json_out).write_text(json.dumps({"roles": scores, "ner_recall": recall}, indent=2), encoding="utf-8")


@click.command()
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="A raw-documents folder (one <id>.txt per article).")
@click.option("--mentions", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Entity-mentions file: id<TAB>mention<TAB>start<TAB>end (end inclusive).")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Submission file to write.")
@click.option("--lang", default=None, help="Language of all documents (default: from the id prefix, else detected).")
def semeval_st1(docs_dir: str, mentions: str, out: str, lang: str | None) -> None:
    """Write the official subtask-1 submission:
    id<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role[<TAB>fine_role...]."""
    from ..document import Document
    from ..pipeline import Pipeline
    from ..semeval_st1 import format_line, read_mentions

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
    for a in Pipeline(["entities", "roles"]).pipe(docs):
        for w in a.warnings:
            click.echo(f"warning: {a.id}: {w}", err=True)
        for m, ent in zip(by_doc[a.id], a.entities, strict=True):
            if ent.main_role:
                lines.append(format_line(m, ent.main_role, [f.label for f in ent.fine_roles]))
            else:  # the role model failed on this document: keep the submission complete
                lines.append(format_line(m, "Antagonist", ["Conspirator"]))
    Path(out).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    click.echo(f"wrote {len(lines)} predictions to {out}" + (f" ({len(warnings)} warnings)" if warnings else ""))


def _lang_from_id(doc_id: str) -> str | None:
    prefix = doc_id.split("_", 1)[0].upper()
    return prefix.lower() if prefix in LANG_PREFIXES else None
