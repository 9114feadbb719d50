"""`python -m benchmarks` (what `make bench` runs): every benchmarks/bench_*.py, one table, one JSON.

Each module runs in its own subprocess (so one module's memory or crash does not touch the
others) and returns rows by the convention in benchmarks/README.md. The table goes to stdout; the
same rows, with the machine and time, go to benchmarks/results/latest.json and a timestamped copy.

    python -m benchmarks                  # everything
    python -m benchmarks --only pipeline  # modules whose name contains "pipeline"
    python -m benchmarks --quick          # fewer articles: a smoke run of the harness
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import os
import platform
import runpy
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
MARKER = "@@bench-rows@@"
TIMEOUT = 45 * 60  # per module
FIRST, LAST = ("bench_pipeline", "bench_batch"), ("bench_quality",)


def discover() -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return ([n for n in FIRST if n in names] + [n for n in names if n not in FIRST + LAST]
            + [n for n in LAST if n in names])


def _child(module_name: str) -> None:
    """Run one module in this process and print its rows after a marker."""
    sys.path.insert(0, str(ROOT))
    output = ""
    try:
        module = importlib.import_module(f"benchmarks.{module_name}")
        if callable(getattr(module, "run", None)):
            rows = list(module.run())
        else:  # a module written before the convention: keep what it prints
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                runpy.run_module(f"benchmarks.{module_name}", run_name="__main__")
            output = buf.getvalue()
            rows = [{"name": module_name, "metric": "(printed output)", "value": None,
                     "note": "no run() function; its output is kept in the JSON results"}]
    except BaseException as exc:  # noqa: BLE001 - SystemExit included: report, never crash the harness
        rows = [{"name": module_name, "metric": "(error)", "value": None, "note": f"{type(exc).__name__}: {exc}"}]
    print(MARKER + json.dumps({"rows": rows, "output": output}, default=str))


def run_module(module_name: str, quick: bool) -> dict:
    env = dict(os.environ, NARRASCOPE_BENCH_QUICK="1" if quick else "0", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "benchmarks", "--child", module_name], check=False, cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, text=True, timeout=TIMEOUT)
        stdout, code = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired:
        stdout, code = "", f"timeout after {TIMEOUT}s"
    seconds = time.perf_counter() - started
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            result = json.loads(line[len(MARKER):])
            break
    else:
        result = {"rows": [{"name": module_name, "metric": "(error)", "value": None,
                            "note": f"no result (exit {code})"}], "output": stdout[-4000:]}
    for r in result["rows"]:
        r["benchmark"] = module_name.removeprefix("bench_")
    result["seconds"] = round(seconds, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Run the narrascope benchmarks.")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run only modules whose name contains TEXT (repeatable)")
    parser.add_argument("--quick", action="store_true", help="fewer articles per run: a fast smoke run")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    modules = [m for m in discover() if not args.only or any(t in m for t in args.only)]
    if args.list or not modules:
        print("\n".join(modules) or "no benchmark modules match")
        return 0

    sys.path.insert(0, str(ROOT))
    from benchmarks.common import check_target, print_table

    rows, outputs, seconds = [], {}, {}
    load_before = os.getloadavg()
    for name in modules:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        result = run_module(name, args.quick)
        rows.extend(result["rows"])
        seconds[name] = result["seconds"]
        if result.get("output"):
            outputs[name] = result["output"]
        print(f"  {name}: {len(result['rows'])} rows in {result['seconds']:.0f}s", file=sys.stderr, flush=True)
    print_table(rows)
    load_after = os.getloadavg()
    print(f"load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores"
          + ("  — the machine was busy: compare ratios, not absolute speeds" if max(load_before[0], load_after[0])
             > (os.cpu_count() or 1) else ""))
    missed = [r for r in rows if check_target(r.get("value"), r.get("target", "")) == "MISS"]
    for r in missed:
        print(f"target missed: {r['name']} {r['metric']} = {r['value']} (target {r['target']})")

    report = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": args.quick,
        "machine": {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_average_before": list(load_before),
                    "load_average_after": list(load_after)},
        "module_seconds": seconds, "rows": rows, "outputs": outputs,
    }
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(report, indent=1, ensure_ascii=False, default=str)
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    (RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS / 'latest.json'}", file=sys.stderr)
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
