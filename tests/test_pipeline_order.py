"""The pipeline runs each analyzer after the ones it requires, whatever order they are asked for in."""
from __future__ import annotations

import pytest

from narrascope.analyzers.base import Analyzer
from narrascope.document import Analysis
from narrascope.errors import ConfigError
from narrascope.pipeline import Pipeline

RAN: list[str] = []  # the names of the analyzers below, in the order they ran


class _Recorder(Analyzer):
    """Appends its name to RAN, after checking that what it requires ran before it."""

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        missing = [r for r in self.requires if r not in RAN]
        assert not missing, f"{self.name} ran before {missing}"
        RAN.append(self.name)
        return batch


class First(_Recorder):
    name = "first"


class Second(_Recorder):
    name = "second"
    requires = ("first",)


class Third(_Recorder):
    name = "third"
    requires = ("second", "first")


class Loop(_Recorder):
    name = "loop"
    requires = ("loop_back",)


class LoopBack(_Recorder):
    name = "loop_back"
    requires = ("loop",)


def test_analyzers_asked_for_in_any_order_run_after_what_they_require():
    RAN.clear()
    pipeline = Pipeline([Third(), Second(), First()])
    assert pipeline.names == ["first", "second", "third"]
    pipeline("Some text.")
    assert RAN == ["first", "second", "third"]


def test_an_order_that_already_holds_is_kept_and_an_analyzer_asked_twice_runs_once():
    pipeline = Pipeline([First(), Second(), First(), Third()])
    assert pipeline.names == ["first", "second", "third"]


def test_explanations_asked_before_narratives_run_after_them():
    # The command line's `-a explain,narratives` used to stop with "needs 'narratives' to run before it".
    assert Pipeline(["explain", "narratives"]).names == ["language", "narratives", "explain"]
    assert Pipeline(["roles"]).names == ["language", "entities", "roles"]


def test_analyzers_that_require_each_other_name_the_cycle():
    with pytest.raises(ConfigError, match="cycle: loop -> loop_back -> loop"):
        Pipeline([Loop(), LoopBack()])
