"""Charts drawn on the server as inline SVG: no chart library, no script needed to see them.

The page's script only adds the hover read-out (it reads the same numbers from the JSON embedded
next to the chart).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from narrascope.web.labels import SERIES_COLORS


def nice_step(value: float) -> float:
    """The smallest 1/2/5 × 10^k at or above `value`: a tick step people read at a glance."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 5, 10):
        if value <= m * exp + 1e-12:
            return m * exp
    return 10 * exp


def axis(peak: float, ticks: int = 5) -> tuple[float, float]:
    """(top, step) of a y axis from 0 that holds `peak` with at most `ticks` round steps."""
    step = nice_step(peak / ticks) if peak > 0 else 1.0
    if peak <= 4 and step < 1:
        step = 1.0  # counts are whole documents
    return max(step, math.ceil(peak / step - 1e-9) * step), step


def _fmt(v: float, percent: bool) -> str:
    if percent:
        return f"{v:.0f}%" if v >= 10 or v == 0 else f"{v:.1f}%"
    return f"{v:,.0f}" if v >= 1 or v == 0 else f"{v:.2f}"


def line_chart(buckets: Sequence[str], series: Sequence[dict], totals: Sequence[int], metric: str = "count",
               width: int = 960, height: int = 300) -> Markup:
    """Lines per series over time buckets; in `count` mode grey bars show all documents per bucket."""
    left, right, top, bottom = 52, 16, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    percent = metric == "share"
    values = [[v * 100 for v in s["shares"]] if percent else list(s["counts"]) for s in series]
    peak = max([max(v, default=0) for v in values] + ([max(totals, default=0)] if not percent else []) + [0])
    y_top, step = axis(peak)
    if percent:
        step = 1.0 if y_top <= 4 else step
        y_top = min(y_top, 100.0) if peak <= 100 else y_top
    n = len(buckets)

    def x(i: int) -> float:  # the middle of bucket i's band: bars and points line up, none touch the axes
        return left + plot_w * (i + 0.5) / max(n, 1)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_top

    out = [(f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{escape(metric)} per bucket" data-left="{left}" data-right="{right}" '
            f'data-width="{width}" data-n="{n}">')]
    if not percent and n:  # drawn first, so grid lines and labels stay readable on top
        bar_w = max(plot_w / n * 0.7, 1)
        for i, t in enumerate(totals):
            if t:
                out.append(f'<rect class="volume" x="{x(i) - bar_w / 2:.1f}" y="{y(t):.1f}" width="{bar_w:.1f}" '
                           f'height="{top + plot_h - y(t):.1f}"><title>{escape(buckets[i])}: {t} documents</title>'
                           f"</rect>")
    for k in range(round(y_top / step) + 1):
        v = step * k
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(v, percent)}</text>')
    step = max(1, math.ceil(n / 8))
    for i in range(0, n, step):
        out.append(f'<text class="tick" x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                   f"{escape(buckets[i])}</text>")
    for idx, vals in enumerate(values):
        color = SERIES_COLORS[idx % len(SERIES_COLORS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
        label = escape(series[idx]["label"])
        out.append(f'<polyline class="series" data-series="{idx}" fill="none" stroke="{color}" stroke-width="2" '
                   f'points="{points}"><title>{label}</title></polyline>')
        if n <= 60:
            for i, v in enumerate(vals):
                out.append(f'<circle class="dot" data-series="{idx}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" '
                           f'fill="{color}"/>')
    out.append(f'<line class="cursor" x1="0" x2="0" y1="{top}" y2="{top + plot_h}" visibility="hidden"/>')
    out.append(f'<rect class="hover-zone" x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="transparent"/>')
    out.append("</svg>")
    return Markup("".join(out))
