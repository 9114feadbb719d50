"""The benchmark harness's own logic (no timing here): discovery, targets, quality-file reading."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_quality
from benchmarks.__main__ import discover
from benchmarks.common import benchmark_documents, check_target, median_spread


def test_discovery_orders_pipeline_first_and_quality_last() -> None:
    modules = discover()
    assert modules[:2] == ["bench_pipeline", "bench_batch"] and modules[-1] == "bench_quality"
    assert all(m.startswith("bench_") for m in modules)


def test_targets_and_spread() -> None:
    assert check_target(20.0, ">= 20") == "ok" and check_target(19.9, ">= 20") == "MISS"
    assert check_target(1600, "<= 1536") == "MISS" and check_target(None, ">= 1") == ""
    assert check_target(3.0, "") == ""
    assert median_spread([3.0, 1.0, 2.0]) == (2.0, "1.0–3.0 (3 runs)")
    assert median_spread([]) == (None, "")


def test_benchmark_documents_are_distinct_copies() -> None:
    docs = benchmark_documents(12)
    assert len({d.id for d in docs}) == 12 and all(d.text.strip() for d in docs)


def test_quality_from_model_metadata_and_card(tmp_path: Path) -> None:
    meta = {"weights": [0.1, 0.2], "meta": {"trained": "today", "cv": {
        "en": {"micro_f1": 0.41, "micro_f1_std": 0.02, "n": 300}, "baseline_micro_f1": 0.2}}}
    rows = bench_quality._rows_from_json("techniques", bench_quality._score_part(meta), "meta.json")
    assert [(r["metric"], r["value"], r["spread"]) for r in rows] == [("cv.en.micro_f1", 0.41, "±0.020 (std)")]
    assert rows[0]["anchor"] == "cv.baseline_micro_f1 0.2"

    card = tmp_path / "roles.card.md"
    card.write_text("# Roles\n\n| figure | value |\n|---|---|\n| accuracy (5-fold CV) | 81.5% |\n"
                    "| majority-class baseline | 0.52 |\n| documents | 400 |\n", encoding="utf-8")
    rows = bench_quality._rows_from_card("roles", card)
    assert [(r["metric"], r["value"]) for r in rows] == [("accuracy (5-fold CV)", 0.815)]
    assert rows[0]["anchor"] == "majority-class baseline 0.52"

    preferred = {"metrics": [{"metric": "F1 samples (CV)", "value": 0.3, "anchor": "baseline 0.1"}]}
    (tmp_path / "x.json").write_text(json.dumps(preferred), encoding="utf-8")
    rows = bench_quality._rows_from_json("x", json.loads((tmp_path / "x.json").read_text()), "x.json")
    assert rows[0]["metric"] == "F1 samples (CV)" and rows[0]["anchor"] == "baseline 0.1"


def test_load_benchmark_percentile_is_nearest_rank() -> None:
    from benchmarks.bench_server_load import percentile

    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0 and percentile(values, 0.5) == 50.0
    assert percentile([7.0], 0.95) == 7.0 and percentile([1.0, 2.0], 0.95) == 2.0


def test_paired_ner_recall_counts_the_mentions_gained_and_lost():
    from benchmarks.ner_recall_paired import compare

    before = [["HI", f"d{i}", 0, 0] for i in range(4)] + [["EN", "e1", 0, 1], ["EN", "e2", 5, 1]]
    after = [["HI", f"d{i}", 0, int(i < 2)] for i in range(4)] + [["EN", "e1", 0, 1], ["EN", "e2", 5, 0]]
    lines = compare(before, after)
    hi = next(line for line in lines if line.startswith("HI"))
    en = next(line for line in lines if line.startswith("EN"))
    assert "+0.500" in hi and hi.split()[-2:] == ["2", "0"]
    assert "-0.500" in en and en.split()[-2:] == ["0", "1"]
