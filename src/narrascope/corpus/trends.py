"""Narrative trends: documents per label per day/week/month, overall or per source or language.

The counting is the store's (`Store.timeline`, the same numbers as the dashboard); this module
splits it by group, flattens it into rows, and writes the table, a CSV and a chart (a
self-contained HTML page with an inline SVG, or a PNG when matplotlib is installed).
"""
from __future__ import annotations

import csv
import dataclasses
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrascope.errors import ConfigError

if TYPE_CHECKING:
    from narrascope.store.database import Filters, Store

GROUP_FILTERS = {"source": "source", "language": "language"}
ALL = "(all)"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
           "#bcbd22")


def compute_trends(store: Store, filters: Filters, interval: str = "week", level: str = "narrative",
                   top: int = 8, by: str | None = None, top_groups: int = 6) -> dict[str, dict[str, Any]]:
    """{group: Store.timeline(...)} — one group "(all)" unless `by` is "source" or "language"."""
    if by is None:
        return {ALL: store.timeline(filters, interval, level, top)}
    if by not in GROUP_FILTERS:
        raise ConfigError(f"--by must be one of {', '.join(GROUP_FILTERS)}, not {by!r}")
    out = {}
    for facet in store.facets(filters, names=[by], limit=top_groups)[by]:
        narrowed = dataclasses.replace(filters, **{GROUP_FILTERS[by]: [facet["value"]]})
        out[facet["value"]] = store.timeline(narrowed, interval, level, top)
    return out


def trend_rows(trends: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Long format: one row per (group, bucket, label) with the count and share of the bucket's documents."""
    rows = []
    for group, t in trends.items():
        for series in t["series"]:
            for bucket, count, share, total in zip(t["buckets"], series["counts"], series["shares"], t["totals"],
                                                   strict=True):
                rows.append({"group": group, "bucket": bucket, "label": series["label"], "documents": count,
                             "share": share, "bucket_documents": total})
    return rows


def format_table(trends: dict[str, dict[str, Any]], label_width: int = 48) -> str:
    """Labels down, buckets across, one block per group."""
    lines: list[str] = []
    for group, t in trends.items():
        if len(trends) > 1 or group != ALL:
            lines.append(f"== {group}")
        if not t["buckets"]:
            lines.append("(no dated documents)")
            continue
        buckets = t["buckets"]
        width = max(6, *(len(b) for b in buckets))
        lines.append(f"{'label':<{label_width}}" + "".join(f"{b:>{width + 1}}" for b in buckets))
        lines.append(f"{'documents':<{label_width}}" + "".join(f"{n:>{width + 1}}" for n in t["totals"]))
        for s in t["series"]:
            name = s["label"] if len(s["label"]) <= label_width - 1 else s["label"][: label_width - 2] + "…"
            lines.append(f"{name:<{label_width}}" + "".join(f"{n:>{width + 1}}" for n in s["counts"]))
        if t.get("undated"):
            lines.append(f"({t['undated']} undated document(s) not counted)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_csv(trends: dict[str, dict[str, Any]], path: str | Path) -> int:
    rows = trend_rows(trends)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["group", "bucket", "label", "documents", "share", "bucket_documents"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def _svg(t: dict[str, Any], width: int = 760, height: int = 260) -> str:
    buckets, series = t["buckets"], t["series"]
    if not buckets or not series:
        return "<p>No dated documents.</p>"
    left, bottom, top_pad = 40, 40, 10
    ymax = max(1, *(max(s["counts"]) for s in series))
    step = (width - left - 10) / max(len(buckets) - 1, 1)

    def xy(i: int, v: int) -> str:
        return f"{left + i * step:.1f},{top_pad + (height - bottom - top_pad) * (1 - v / ymax):.1f}"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#999"/>',
             f'<text x="4" y="{top_pad + 10}" font-size="11">{ymax}</text>',
             f'<text x="4" y="{height - bottom}" font-size="11">0</text>']
    every = max(1, len(buckets) // 8)
    for i, b in enumerate(buckets):
        if i % every == 0:
            parts.append(f'<text x="{left + i * step:.1f}" y="{height - bottom + 16}" font-size="10" '
                         f'text-anchor="middle">{html.escape(b)}</text>')
    for k, s in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        points = " ".join(xy(i, v) for i, v in enumerate(s["counts"]))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}">'
                     f'<title>{html.escape(s["label"])}</title></polyline>')
    parts.append("</svg>")
    legend = "".join(f'<li><span style="color:{PALETTE[k % len(PALETTE)]}">■</span> {html.escape(s["label"])} '
                     f'({s["total"]})</li>' for k, s in enumerate(series))
    return "".join(parts) + f'<ul class="legend">{legend}</ul>'


def write_chart(trends: dict[str, dict[str, Any]], path: str | Path, title: str = "Narrative trends") -> None:
    """An HTML page (inline SVG, no scripts, nothing fetched) or, for a .png path, a matplotlib figure."""
    path = Path(path)
    if path.suffix.lower() == ".png":
        _write_png(trends, path, title)
        return
    if path.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"{path}: a chart is written as .html or .png")
    body = "".join(f"<h2>{html.escape(g)}</h2>{_svg(t)}" for g, t in trends.items())
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                    "<style>body{font-family:sans-serif;margin:2em} .legend{list-style:none;padding:0;"
                    f"font-size:13px}}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>",
                    encoding="utf-8")


def _write_png(trends: dict[str, dict[str, Any]], path: Path, title: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ConfigError(f"{path}: a PNG chart needs matplotlib (pip install matplotlib); "
                          "an .html chart needs nothing") from None
    fig, axes = plt.subplots(len(trends), 1, figsize=(10, 3.2 * len(trends)), squeeze=False)
    for ax, (group, t) in zip(axes[:, 0], trends.items(), strict=True):
        for s in t["series"]:
            ax.plot(t["buckets"], s["counts"], marker="o", label=s["label"][:60])
        ax.set_title(group if group != ALL else title)
        ax.set_ylabel("documents")
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        if t["series"]:
            ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
