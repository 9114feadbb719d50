"""`narrascope ingest`, `serve` and `export`: the corpus store on the command line."""
from __future__ import annotations

import ipaddress
import re
import sys
import time
from pathlib import Path

import click

from narrascope.ingest.raw import DEFAULT_MAX_BYTES

EXIT_SOME_INPUTS_FAILED = 2
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(value: str | int) -> int:
    """Bytes from `5242880`, `5MB`, `512kB` or `1.5M` (powers of 1024)."""
    if isinstance(value, int):
        return value
    m = _SIZE.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a size (use e.g. 5MB, 512kB or a number of bytes)")
    return int(float(m[1]) * 1024 ** " kmg".index((m[2] or " ").lower()))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("ingest")
@click.argument("sources", nargs=-1)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Corpus database (created if missing).")
@click.option("--from-batch", "from_batch", type=click.Path(file_okay=False, exists=True), default=None,
              help="Load the results of `narrascope batch` (its --out folder) instead of analysing SOURCES.")
@click.option("--analyzers", "-a", default=None, help="Comma-separated analyzers to run (default: all available).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Documents analysed and committed together.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger inputs.")
@click.option("--reanalyze", is_flag=True, help="Analyse texts that are already stored again and replace their analysis.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch URLs on loopback, private and link-local addresses (refused by default).")
@click.option("--progress/--no-progress", default=None, help="Live counts, rate and ETA [default: on a terminal].")
def ingest(sources: tuple[str, ...], db: str, from_batch: str | None, analyzers: str | None, batch_size: int,
           max_bytes: int, reanalyze: bool, allow_private: bool, progress: bool | None) -> None:
    """Analyse SOURCES (as for `narrascope analyze`) and store them in the corpus database --db.

    Texts already stored (same content) are skipped without being analysed again, so rerunning an
    interrupted or repeated ingest only does the missing work. Each batch is committed on its own.
    Without SOURCES, an existing database is only upgraded to the current schema.
    New articles are then placed in stories and copy-paste groups (see `narrascope serve`).
    """
    from narrascope.cli.progress import Progress, count_documents
    from narrascope.store.database import Store

    if not sources and not from_batch and Path(db).is_file():
        # Nothing to analyse: opening the database for writing upgrades an older schema (what a
        # read-only `serve` or `export` asks for), and nothing else changes.
        from narrascope.store.schema import SCHEMA_VERSION

        Store(db).close()
        click.echo(f"{db}: schema {SCHEMA_VERSION}, nothing to analyse (give SOURCES or --from-batch DIR)", err=True)
        return
    if bool(sources) == bool(from_batch):
        raise click.UsageError("give SOURCES to analyse, or --from-batch DIR (the output of `narrascope batch`)")
    store = Store(db)
    store.check_integrity()  # never write into a damaged file: it spreads the damage
    totals = {"added": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    started = time.perf_counter()
    with Progress("docs", enabled=progress) as bar:
        try:
            if from_batch:
                _load_batch(store, from_batch, batch_size, totals, bar)
            else:
                bar.task("analysing", count_documents(sources))
                _analyse_into(store, sources, analyzers, batch_size, max_bytes, reanalyze, allow_private, totals, bar)
            bar.finish()
            placed = place_pending(store, bar)
        except KeyboardInterrupt:
            click.echo(f"interrupted: {totals['added'] + totals['replaced']} documents were stored; run the same "
                       "command again to continue where it stopped", err=True)
            sys.exit(130)
    store.conn.execute("PRAGMA optimize")  # refresh planner statistics when the tables grew a lot
    elapsed = time.perf_counter() - started
    click.echo(f"added {totals['added']}, unchanged {totals['unchanged']}, replaced {totals['replaced']}, "
               f"failed {totals['failed']} in {elapsed:.1f}s; {db} now holds {store.count()} documents"
               + (f"; {placed}" if placed else ""))
    store.close()
    if totals["failed"]:
        sys.exit(EXIT_SOME_INPUTS_FAILED)


def _analyse_into(store, sources, analyzers, batch_size, max_bytes, reanalyze, allow_private, totals, bar) -> None:
    from narrascope.ingest import iter_documents
    from narrascope.pipeline import Pipeline

    names = analyzers.split(",") if analyzers else None
    pipeline: Pipeline | None = None  # loaded only if there is something new to analyse
    seen: set[str] = set()

    def flush(batch: list) -> None:
        nonlocal pipeline
        known = set() if reanalyze else store.known_hashes(d.content_hash for d in batch)
        fresh = [d for d in batch if d.content_hash not in known]
        totals["unchanged"] += len(batch) - len(fresh)
        if fresh:
            if pipeline is None:
                pipeline = Pipeline(names, batch_size=batch_size)
            analyses = list(pipeline.pipe(fresh))  # analyse first: the write transaction stays short
            for k, v in store_batch(store, analyses, reanalyze).items():
                totals[k] += v
        bar.advance(len(batch), stored=totals["added"] + totals["replaced"], unchanged=totals["unchanged"],
                    failed=totals["failed"])

    batch: list = []
    for item in iter_documents(sources, max_bytes=max_bytes, allow_private=allow_private):
        if isinstance(item, Exception):
            totals["failed"] += 1
            click.echo(f"error: {item}", err=True)
            bar.advance(1, failed=totals["failed"])
            continue
        if item.content_hash in seen:  # the same text twice in this run: store it once
            totals["unchanged"] += 1
            bar.advance(1)
            continue
        seen.add(item.content_hash)
        batch.append(item)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    flush(batch)


def _load_batch(store, folder: str, batch_size: int, totals: dict, bar) -> None:
    """Store the analyses of a `narrascope batch` output folder (idempotent: keyed by content hash)."""
    from narrascope.batch.load import batch_analyses, count_rows

    bar.task("loading batch results", count_rows(folder))
    pending: list = []

    def flush() -> None:
        known = store.known_hashes(a.document.content_hash for a in pending)
        fresh = [a for a in pending if a.document.content_hash not in known]
        totals["unchanged"] += len(pending) - len(fresh)
        for k, v in store_batch(store, fresh, False).items():
            totals[k] += v
        bar.advance(len(pending), stored=totals["added"], unchanged=totals["unchanged"], failed=totals["failed"])
        pending.clear()

    for item in batch_analyses(folder):
        if isinstance(item, Exception):
            totals["failed"] += 1
            click.echo(f"error: {item}", err=True)
            continue
        pending.append(item)
        if len(pending) >= max(batch_size, 256):
            flush()
    flush()


def store_batch(store, analyses: list, replace: bool) -> dict[str, int]:
    """Store a batch in one transaction; if the database refuses one of its records, store the
    others one by one and report that record, so it costs only itself."""
    import sqlite3

    from narrascope.store.database import StoreError

    try:
        return store.add_many(analyses, replace=replace)
    except (ValueError, TypeError, OverflowError, sqlite3.InterfaceError, sqlite3.IntegrityError):
        pass
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{store.path}: writing failed ({exc}); the database file may be damaged") from None
    counts = {"added": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    for a in analyses:
        try:
            counts[store.add(a, replace=replace)] += 1
        except (ValueError, TypeError, OverflowError, sqlite3.InterfaceError, sqlite3.IntegrityError) as exc:
            counts["failed"] += 1
            click.echo(f"error: {a.id}: cannot be stored ({exc.__class__.__name__}: {exc})", err=True)
    return counts


def place_pending(store, bar, assigner=None) -> str:
    """Place stored documents that are not yet in a story / copy-paste group; a summary line."""
    from narrascope.corpus.assign import Assigner

    assigner = assigner or Assigner(store)
    waiting = assigner.pending()
    if not waiting:
        return ""
    bar.task("placing in stories and copy-paste groups", waiting)
    summary = assigner.run(batch_size=256, on_progress=lambda n: bar.advance(n))
    assigner.save()
    return (f"placed {summary.documents} in stories ({summary.joined_story} joined one, {summary.new_stories} new "
            f"stories) and copy-paste groups ({summary.copies} copies)")


@click.command("serve")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Corpus database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="NARRASCOPE_TOKEN", default=None,
              help="Require this bearer token on every request (also read from NARRASCOPE_TOKEN).")
@click.option("--writable", is_flag=True,
              help="Open the database for writing, so articles analysed in the UI/API can be stored.")
@click.option("--max-body", default="5MB", show_default=True, help="Largest request body accepted (413 above).")
@click.option("--analyzers", "-a", default=None, help="Analyzers for text analysed through the UI/API.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name the server is reached by (a DNS name, a reverse proxy's); requests "
                   "naming any other host are refused (repeatable).")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Seconds one database query may run before it is stopped (the request gets a 503).")
@click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
              help="Custom taxonomy file (created if missing) that the Emerging page saves named groups into; "
                   "`narrascope analyze --taxonomy FILE` then uses it.")
def serve(db: str, host: str, port: int, token: str | None, writable: bool, max_body: str,
          analyzers: str | None, allowed_hosts: tuple[str, ...], query_timeout: float, taxonomy: str | None) -> None:
    """Serve the web UI and REST API over the corpus database --db (API docs at /docs).

    Requests must name this server's address (or an --allowed-host) in their Host header, and
    writes must come from its own pages; see README, "Security and limits".
    """
    from narrascope.api import create_app
    from narrascope.api.hardening import ANY_HOST, allowed_hosts_for
    from narrascope.api.serving import run

    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} makes the corpus reachable from other machines; give --token "
                               "(or set NARRASCOPE_TOKEN) so that every request must carry it")
    if token is not None and len(token) < 12:
        click.echo("warning: a token shorter than 12 characters is easy to guess", err=True)
    hosts = allowed_hosts_for(host, allowed_hosts)
    if hosts == [ANY_HOST]:
        click.echo(f"note: bound to {host}, so any Host header is accepted; give --allowed-host NAME to accept "
                   "only the names this server is reached by", err=True)
    app = create_app(db, token=token, writable=writable, max_body=parse_size(max_body),
                     analyzers=analyzers.split(",") if analyzers else None, allowed_hosts=hosts,
                     query_time_limit=query_timeout, taxonomy=taxonomy)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"narrascope: serving {db} ({'writable' if writable else 'read-only'}) on http://{shown}:{port}/ "
               f"(API docs at /docs){'; token required' if token else ''}", err=True)
    run(app, host=host, port=port)


def _filter_options(f):
    # Applied innermost first, so --help lists them in the reverse of this order.
    f = click.option("--confident-only", "confident", is_flag=True, help=("With label filters: keep documents "
                     "that have the label confidently (not marked weak)."))(f)
    f = click.option("--query", "-q", "q", default=None, help="Full-text search.")(f)
    f = click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")(f)
    f = click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")(f)
    for name, help_text in reversed([
        ("narrative", "Keep documents with this narrative (repeatable: all)."),
        ("subnarrative", "Keep documents with this sub-narrative (repeatable: all)."),
        ("entity", "Keep documents mentioning this entity (repeatable: all)."),
        ("role", "Role of --entity (or of any entity)."),
        ("technique", "Keep documents using this technique (repeatable: all)."),
        ("language", "Keep documents in this language (repeatable: any)."),
        ("source", "Keep documents from this source (repeatable: any)."),
        ("domain", "Keep documents of this domain, e.g. URW (repeatable: any)."),
    ]):
        f = click.option(f"--{name}", multiple=True, help=help_text)(f)
    return f


@click.command("export")
@click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True), help="Corpus database.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout).")
@click.option("--include-text/--no-text", default=None, help="Include texts (default: JSONL yes, CSV no).")
@_filter_options
def export(db: str, fmt: str, output, include_text: bool | None, date_from, date_to, **filters) -> None:
    """Write the stored documents matching the filters as JSONL (full analyses) or CSV (one row each)."""
    import sqlite3

    from narrascope.store.database import Store, StoreError
    from narrascope.store.export import iter_csv, iter_jsonl, write_all
    from narrascope.store.query import Filters

    flt = Filters.from_mapping({**{k: list(v) if isinstance(v, tuple) else v for k, v in filters.items()},
                                "date_from": date_from.date().isoformat() if date_from else None,
                                "date_to": date_to.date().isoformat() if date_to else None})
    with Store(db, readonly=True) as store:
        store.check_integrity()
        try:
            if fmt == "csv":
                write_all(iter_csv(store, flt, include_text=bool(include_text)), output)
            else:
                write_all(iter_jsonl(store, flt, include_text=include_text is not False), output)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{db}: export failed ({exc}); the database file may be damaged") from None
