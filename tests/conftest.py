"""Shared fixtures. Tests that need the research corpora are marked `data` and skipped (with the
reason) on a fresh clone that has no ../shared/data beside it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The property suites (tests/test_properties_*.py) run in `make test` with a bounded budget:
# examples are drawn from a fixed seed (the same inputs on every run and in CI; a failure is
# reproducible) and each test sets its own max_examples. NARRASCOPE_HYPOTHESIS=thorough draws 10x
# as many, at random, for a longer hunt.
settings.register_profile("narrascope", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("thorough", parent=settings.get_profile("narrascope"), derandomize=False)
settings.load_profile(os.environ.get("NARRASCOPE_HYPOTHESIS", "narrascope"))

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


@pytest.fixture(scope="module")
def tiny_role_model():
    """A role model fitted in a second on generated English mentions (hashing vectors, no encoder): for
    tests of the roles analyzer's decisions. Module-scoped: a test that sets its `salience` resets it."""
    from narrascope.analyzers.roles.context import prepare_documents
    from narrascope.analyzers.roles.model import RoleModel, RoleModelConfig
    from tests.test_roles import _corpus

    texts, mentions, _ = _corpus(1, 60)
    spans = [[(m.start, m.end) for m in mentions if m.doc_key == k] for k in range(len(texts))]
    docs = prepare_documents(texts, ["en"] * len(texts), spans, embedder="hashing")
    return RoleModel(RoleModelConfig(embedder="hashing", calibration_folds=3)).fit(docs, mentions)
