"""Shared fixtures. Tests that need the research corpora are marked `data` and skipped (with the
reason) on a fresh clone that has no ../shared/data beside it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NARRASCOPE_SHARED_DATA", ROOT.parent / "shared" / "data"))
T10 = SHARED_DATA / "semeval2025_task10"
T3_2023 = SHARED_DATA / "semeval2023_task3"
PTC = SHARED_DATA / "semeval2020_task11_ptc"
EXAMPLES = ROOT / "examples"


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"needs the research corpus at {path} (not in the repo)")


@pytest.fixture(scope="session")
def t10_dir() -> Path:
    if not T10.exists():
        pytest.skip(f"needs the research corpus at {T10} (not in the repo)")
    return T10
