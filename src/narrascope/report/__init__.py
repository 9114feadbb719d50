"""The readable text report of an `Analysis` (rich), as `narrascope analyze` prints it."""
from narrascope.report.render import render, render_text

__all__ = ["render", "render_text"]
