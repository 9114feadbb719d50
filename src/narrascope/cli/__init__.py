"""The `narrascope` command line: a thin layer over the Python API (see `main`)."""
from narrascope.cli.main import cli, main

__all__ = ["cli", "main"]
