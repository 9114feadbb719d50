"""`narrascope watch FEEDS.txt --db corpus.db --every 15m`: poll feeds, store only what is new."""
from __future__ import annotations

import re
import sys
import time

import click

from narrascope.ingest.raw import DEFAULT_MAX_BYTES

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_every(value: str) -> float:
    """Seconds from `90`, `30s`, `15m`, `2h` or `1d`."""
    m = _EVERY.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a duration (use e.g. 30s, 15m, 2h)")
    seconds = float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2].lower()]
    if seconds < 1:
        raise click.BadParameter("poll at most once a second")
    return seconds


@click.command("watch")
@click.argument("feeds", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Corpus database (created if missing).")
@click.option("--every", default="15m", show_default=True, help="Time between two polls of every feed (30s, 15m, 2h).")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.option("--analyzers", "-a", default=None, help="Comma-separated analyzers to run (default: all available).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True)
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger pages.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch from loopback, private and link-local addresses (refused by default).")
@click.option("--progress/--no-progress", default=None, help="Live counts, rate and ETA [default: on a terminal].")
def watch(feeds: str, db: str, every: str, once: bool, analyzers: str | None, batch_size: int, max_bytes: int,
          allow_private: bool, progress: bool | None) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS (one URL per line, # comments) and store new articles.

    Polite: robots.txt is obeyed, a feed is asked for with its last ETag / Last-Modified (a server
    answering 304 sends nothing), entries stored before are not fetched again, and each host gets at
    most one request per second (NARRASCOPE_HTTP_MIN_INTERVAL). What was seen is kept in --db, so a
    restarted watch carries on; a failing feed or page is reported and the others go on. The feeds
    file is read again before every poll, so feeds can be added while it runs. Ctrl-C stops it.
    """
    from narrascope.cli.progress import Progress
    from narrascope.cli.store import place_pending
    from narrascope.corpus.assign import Assigner
    from narrascope.ingest.fetch import FetchConfig, Fetcher
    from narrascope.ingest.watch import FeedState, FeedWatcher, read_feed_list
    from narrascope.store.database import Store

    interval = parse_every(every)
    store = Store(db)
    store.check_integrity()  # never write into a damaged file
    fetcher = Fetcher(FetchConfig.from_env(max_bytes=max_bytes, allow_private=allow_private))
    watcher = FeedWatcher(FeedState(store), fetcher)
    names = analyzers.split(",") if analyzers else None
    pipeline = None
    assigner = Assigner(store)
    cycle = 0
    try:
        while True:
            cycle += 1
            started = time.monotonic()
            urls, list_errors = read_feed_list(feeds)
            for err in list_errors:
                click.echo(f"error: {err}", err=True)
            totals = {"new": 0, "stored": 0, "unchanged": 0, "errors": len(list_errors)}
            with Progress("feeds", enabled=progress) as bar:
                bar.task(f"poll {cycle}", len(urls))
                for poll in watcher.poll_all(urls):
                    for message in poll.errors:
                        click.echo(f"error: {message}", err=True)
                    totals["errors"] += len(poll.errors)
                    totals["unchanged"] += int(poll.not_modified)
                    stored = []
                    if poll.documents:
                        if pipeline is None:
                            from narrascope.pipeline import Pipeline

                            pipeline = Pipeline(names, batch_size=batch_size)
                        known = store.known_hashes(d.content_hash for d in poll.documents)
                        fresh = [d for d in poll.documents if d.content_hash not in known]
                        if fresh:
                            counts = store.add_many(list(pipeline.pipe(fresh)))
                            totals["stored"] += counts["added"]
                        stored = poll.documents
                        totals["new"] += len(poll.documents)
                    watcher.state.record(poll, stored)
                    bar.advance(1, new=totals["new"], stored=totals["stored"], errors=totals["errors"])
                placed = place_pending(store, bar, assigner)
            click.echo(f"poll {cycle}: {len(urls)} feeds, {totals['unchanged']} unchanged (304), {totals['new']} new "
                       f"entries, {totals['stored']} articles stored, {totals['errors']} errors in "
                       f"{time.monotonic() - started:.1f}s" + (f"; {placed}" if placed else ""), err=True)
            if once:
                break
            wait = max(0.0, interval - (time.monotonic() - started))
            click.echo(f"next poll in {wait / 60:.1f} min (Ctrl-C stops)", err=True)
            time.sleep(wait)
    except KeyboardInterrupt:
        click.echo("stopped; the next `narrascope watch` carries on from what was stored", err=True)
    finally:
        fetcher.close()
        store.close()
    sys.exit(0)
