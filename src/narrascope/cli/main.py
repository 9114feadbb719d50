"""The `narrascope` command: a thin layer over the Python API.

Sub-commands are grouped by what a user does: analyse documents, train and evaluate models, write
SemEval submission files. Heavy imports happen inside commands so `--help` answers at once.
"""
from __future__ import annotations

import json
import logging
import sys

import click

from narrascope.ingest.raw import DEFAULT_MAX_BYTES

EXIT_SOME_INPUTS_FAILED = 2  # some inputs could not be read/analysed; the others were


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="narrascope")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug) on stderr.")
def cli(verbose: int) -> None:
    """Analyse propaganda narratives, entity framing and persuasion techniques in news, offline."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@click.option(
    "--analyzers", "-a", default=None, help="Comma-separated analyzers to run (default: all available)."
)
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger inputs.")
@click.option("--batch-size", type=int, default=32, show_default=True)
@click.option("--taxonomy", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Your own narratives (YAML/JSON, format of taxonomy/narratives.yaml), labelled zero-shot "
                   "in place of the built-in narrative model.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch URLs on loopback, private and link-local addresses (refused by default).")
def analyze(sources: tuple[str, ...], fmt: str, analyzers: str | None, max_bytes: int, batch_size: int,
            taxonomy: str | None, allow_private: bool) -> None:
    """Analyse SOURCES: text files, folders, JSONL files (id, text, title?, url?, source?,
    published? per line) or - for standard input.

    Inputs that cannot be read are reported on stderr, one line each; the others are still
    analysed, and the exit code is 2 when any input failed.
    """
    from narrascope.ingest import iter_documents
    from narrascope.pipeline import Pipeline
    from narrascope.report.render import render_text

    names = analyzers.split(",") if analyzers else None
    if taxonomy:  # the user's taxonomy replaces the built-in narratives analyzer
        from narrascope.analyzers.custom_narratives import with_custom_taxonomy

        names = with_custom_taxonomy(names, taxonomy)
    pipeline = Pipeline(names, batch_size=batch_size)
    failed = 0
    errors_seen: list[str] = []

    def documents():
        nonlocal failed
        for item in iter_documents(sources, max_bytes=max_bytes, allow_private=allow_private):
            if isinstance(item, Exception):
                failed += 1
                click.echo(f"error: {item}", err=True)
                errors_seen.append(str(item))
                continue
            yield item

    results = []
    for analysis in pipeline.pipe(documents()):
        if fmt == "jsonl":
            click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
        elif fmt == "json":
            results.append(analysis.to_dict())
        else:
            render_text(analysis)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if failed:
        click.echo(f"{failed} input(s) failed; the others were analysed.", err=True)
        sys.exit(EXIT_SOME_INPUTS_FAILED)


def _register() -> None:
    # The one place that wires the command modules in.
    from narrascope.cli import models as model_cmds
    from narrascope.cli import semeval as semeval_cmds

    cli.add_command(model_cmds.train)
    cli.add_command(model_cmds.evaluate)
    cli.add_command(semeval_cmds.semeval)

    from narrascope.cli import batch as batch_cmds

    cli.add_command(batch_cmds.batch)

    from narrascope.cli import store as store_cmds

    cli.add_command(store_cmds.ingest)
    cli.add_command(store_cmds.serve)
    cli.add_command(store_cmds.export)

    from narrascope.cli import watch as watch_cmds

    cli.add_command(watch_cmds.watch)

    from narrascope.cli import corpus as corpus_cmds

    for command in corpus_cmds.COMMANDS:
        cli.add_command(command)


_register()


def main() -> None:
    from narrascope.errors import NarrascopeError

    try:
        cli(prog_name="narrascope")
    except NarrascopeError as exc:  # expected failures: one clear line, no traceback
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
