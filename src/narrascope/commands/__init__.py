"""CLI commands, one module per feature; `narrascope.cli` wires them in."""
