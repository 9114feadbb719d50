"""`narrascope duplicates | clusters | trends | emerging`: the big picture of a corpus database.

Every command reads the documents of `--db` that match the usual filters (language, source,
narrative, dates), prints a table, and prints JSON with `--format json`.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import click


def corpus_options(func: Callable) -> Callable:
    """--db, the common filters and --format."""
    options = [
        click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True),
                     help="Corpus database made by `narrascope ingest`."),
        click.option("--language", multiple=True, help="Only documents in this language (repeatable)."),
        click.option("--source", multiple=True, help="Only documents from this source (repeatable)."),
        click.option("--narrative", multiple=True, help="Only documents labelled with this narrative."),
        click.option("--date-from", default=None, help="First publication day, YYYY-MM-DD."),
        click.option("--date-to", default=None, help="Last publication day, YYYY-MM-DD."),
        click.option("--confident-only", "confident", is_flag=True,
                     help="Count and match only labels not marked weak (right less than half the time in training)."),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
    ]
    for option in reversed(options):
        func = option(func)

    @functools.wraps(func)
    def wrapper(**kwargs):
        from narrascope.store.database import Filters, Store

        filters = Filters.from_mapping({k: list(kwargs.pop(k)) for k in ("language", "source", "narrative")}
                                       | {"date_from": kwargs.pop("date_from"), "date_to": kwargs.pop("date_to"),
                                          "confident": kwargs.pop("confident")})
        store = Store(kwargs.pop("db"), readonly=True)
        try:
            return func(store=store, filters=filters, **kwargs)
        finally:
            store.close()

    return wrapper


class _Chunked:
    """Encodes in chunks of 256 texts, so a caller can hand over a whole corpus in one call (what
    the disk cache does with the texts it is missing) without one huge batch in memory."""

    def __init__(self, inner, chunk: int = 256):
        self.inner, self.chunk = inner, chunk
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts):
        import numpy as np

        parts = [self.inner.encode(texts[i : i + self.chunk]) for i in range(0, len(texts), self.chunk)]
        return np.vstack(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)


def _embedder(cache: bool):
    from narrascope.nlp.embeddings import DiskCachedEmbedder, get_embedder, training_cache_dir

    embedder = _Chunked(get_embedder())
    # Re-running a view over the same corpus should not embed it again (the cache file is written
    # once per run: the whole corpus goes through one encode call). A folder of its own: the
    # training cache is another process's file.
    return DiskCachedEmbedder(embedder, Path(training_cache_dir()) / "corpus") if cache else embedder


def _join(counts: dict[str, int], limit: int = 4) -> str:
    items = list(counts.items())
    text = ", ".join(f"{k} {v}" for k, v in items[:limit])
    return text + (f", +{len(items) - limit}" if len(items) > limit else "")


@click.command("duplicates")
@corpus_options
@click.option("--threshold", type=click.FloatRange(0.3, 1.0), default=0.7, show_default=True,
              help="Estimated Jaccard similarity of word shingles above which two texts are copies.")
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
              help="Only groups published by at least this many different sources.")
def duplicates(store, filters, fmt: str, threshold: float, min_sources: int) -> None:
    """Texts published more than once (exact or near copies): one story, many outlets.

    Groups spanning several sources come first: the same text under different mastheads is a
    signal of a copy-paste campaign.
    """
    from narrascope.corpus.data import load_corpus
    from narrascope.nlp.duplicates import find_duplicates

    docs = load_corpus(store, filters)
    items = [{**d.summary(), "text": d.text} for d in docs]
    groups = [g for g in find_duplicates(items, threshold) if len(g.sources) >= min_sources]
    if fmt == "json":
        click.echo(json.dumps({"documents": len(docs), "groups": [g.to_dict() for g in groups]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(groups)} duplicate group(s) among {len(docs)} documents")
    for n, g in enumerate(groups, start=1):
        span = f"{g.first_day or '?'} … {g.last_day or '?'}"
        flag = "  CAMPAIGN SIGNAL" if g.campaign_signal else ""
        click.echo(f"\n#{n}  {g.size} copies, {len(g.sources)} source(s), {span}, "
                   f"{'exact' if g.exact else 'near'}{flag}")
        for m in g.members:
            click.echo(f"   {m.get('day') or '          '}  {m.get('source') or '-':<22} {m['key']}  {m.get('title')}")


@click.command("clusters")
@corpus_options
@click.option("--threshold", type=click.FloatRange(0.1, 0.99), default=None,
              help="Cosine similarity of headline+lead embeddings that joins articles into a story "
                   "(default 0.55).")
@click.option("--min-size", type=click.IntRange(2), default=2, show_default=True)
@click.option("--top", type=click.IntRange(1), default=30, show_default=True, help="Stories shown.")
@click.option("--cache/--no-cache", default=True, show_default=True, help="Keep article embeddings on disk.")
def clusters(store, filters, fmt: str, threshold: float | None, min_size: int, top: int, cache: bool) -> None:
    """Stories: articles about the same event across outlets and languages.

    Clusters the matching articles afresh (average linkage; `narrascope serve` shows the stories
    assigned as articles arrived), from the lead vectors `ingest` stored when there are any."""
    from narrascope.corpus.clusters import DEFAULT_THRESHOLD, story_clusters
    from narrascope.corpus.data import load_corpus, stored_vectors

    docs = load_corpus(store, filters)
    embedder = _embedder(cache)
    stories = story_clusters(docs, threshold or DEFAULT_THRESHOLD, min_size, embedder=embedder, batch_size=None,
                             vectors=stored_vectors(store, docs, embedder.name))
    if fmt == "json":
        click.echo(json.dumps({"documents": len(docs), "stories": [s.to_dict() for s in stories[:top]]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'} of {min_size}+ articles among "
               f"{len(docs)} documents")
    for s in stories[:top]:
        d = s.to_dict()
        click.echo(f"\n#{s.id + 1}  {d['title']}")
        click.echo(f"   {s.size} articles | {d['first_day'] or '?'} … {d['last_day'] or '?'} | languages: "
                   f"{_join(d['languages'])} | sources: {_join(d['sources'])}")
        if d["narratives"]:
            click.echo("   narratives: " + "; ".join(f"{n['label']} ({n['documents']})" for n in d["narratives"]))


COMMANDS = [duplicates, clusters]


@click.command("trends")
@corpus_options
@click.option("--interval", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--level", type=click.Choice(["narrative", "subnarrative"]), default="narrative", show_default=True)
@click.option("--by", type=click.Choice(["source", "language"]), default=None, help="One block per source or language.")
@click.option("--top", type=click.IntRange(1), default=8, show_default=True, help="Labels shown per block.")
@click.option("--top-groups", type=click.IntRange(1), default=6, show_default=True, help="Blocks shown with --by.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), default=None, help="Also write the rows as CSV.")
@click.option("--chart", type=click.Path(dir_okay=False), default=None,
              help="Also draw a chart: .html (inline SVG) or .png (needs matplotlib).")
def trends(store, filters, fmt: str, interval: str, level: str, by: str | None, top: int, top_groups: int,
           csv_path: str | None, chart: str | None) -> None:
    """Documents per narrative (or sub-narrative) per day, week or month."""
    from narrascope.corpus.trends import compute_trends, format_table, trend_rows, write_chart, write_csv

    result = compute_trends(store, filters, interval, level, top, by, top_groups)
    if csv_path:
        n = write_csv(result, csv_path)
        click.echo(f"wrote {n} rows to {csv_path}", err=True)
    if chart:
        write_chart(result, chart, title=f"{level.capitalize()}s per {interval}")
        click.echo(f"wrote chart to {chart}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"trends": result, "rows": trend_rows(result)}, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(result), nl=False)


COMMANDS.append(trends)


@click.command("emerging")
@corpus_options
@click.option("--max-coverage", type=click.FloatRange(0.0, 1.0), default=0.5, show_default=True,
              help="Articles whose best narrative score is below this count as poorly covered.")
@click.option("--threshold", type=click.FloatRange(0.1, 0.99), default=0.45, show_default=True,
              help="Cosine similarity that joins poorly covered articles into a group.")
@click.option("--min-size", type=click.IntRange(2), default=3, show_default=True)
@click.option("--min-cohesion", type=click.FloatRange(0.0, 1.0), default=0.55, show_default=True,
              help="Mean similarity of a group's articles to its centre.")
@click.option("--top", type=click.IntRange(1), default=15, show_default=True)
@click.option("--cache/--no-cache", default=True, show_default=True, help="Keep article embeddings on disk.")
def emerging(store, filters, fmt: str, max_coverage: float, threshold: float, min_size: int, min_cohesion: float,
             top: int, cache: bool) -> None:
    """Groups of similar articles that no narrative of the taxonomy fits well: candidate new narratives."""
    from narrascope.corpus.data import load_corpus, stored_vectors
    from narrascope.corpus.emerging import emerging_narratives

    docs = load_corpus(store, filters)
    embedder = _embedder(cache)
    groups = emerging_narratives(docs, max_coverage, threshold, min_size, min_cohesion, embedder=embedder,
                                  batch_size=None, vectors=stored_vectors(store, docs, embedder.name))
    if fmt == "json":
        click.echo(json.dumps({"documents": len(docs), "groups": [g.to_dict() for g in groups[:top]]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(groups)} candidate group(s) among {len(docs)} documents (coverage < {max_coverage:g})")
    for n, g in enumerate(groups[:top], start=1):
        d = g.to_dict()
        click.echo(f"\n#{n}  {d['size']} articles, cohesion {d['cohesion']:.2f}, mean coverage "
                   f"{d['mean_coverage']:.2f}, {d['first_day'] or '?'} … {d['last_day'] or '?'}")
        click.echo(f"   key phrases: {', '.join(d['key_phrases']) or '-'}")
        for r in d["representatives"]:
            click.echo(f"   - {r['title']}  [{r['source'] or '-'}, {r['day'] or '?'}, {r['key']}]")


COMMANDS.append(emerging)
