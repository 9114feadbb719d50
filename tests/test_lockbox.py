"""The yardstick's parts: the lockbox reader, the bootstrap, the prior re-weighting, the order check."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from narrascope.analyzers.evaluation import (
    bootstrap,
    mean_interval,
    paired_difference,
    prior_weights,
    share_unchanged,
    shuffled_body,
)
from narrascope.errors import InputError
from narrascope.semeval.lockbox import development_documents, lockbox_file, read_lockbox, split_documents


@dataclass
class Doc:
    lang: str
    id: str


def _write(tmp_path, text: str):
    path = tmp_path / "x_lockbox.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_lockbox_splits_documents_by_language_and_file(tmp_path):
    box = read_lockbox(_write(tmp_path, "language\tdocument\nEN\ta.txt\nBG\tc.txt\n"))
    docs = [Doc("EN", "a.txt"), Doc("EN", "b.txt"), Doc("BG", "c.txt"), Doc("BG", "a.txt")]
    dev, held = split_documents(docs, box, key=lambda d: (d.lang, d.id))
    assert [(d.lang, d.id) for d in held] == [("EN", "a.txt"), ("BG", "c.txt")]
    assert [(d.lang, d.id) for d in dev] == [("EN", "b.txt"), ("BG", "a.txt")]
    assert len(box) == 2


def test_a_listed_file_missing_from_the_data_is_an_error_naming_the_list(tmp_path):
    path = _write(tmp_path, "language\tdocument\nEN\ta.txt\nEN\tgone.txt\n")
    with pytest.raises(InputError) as err:
        split_documents([Doc("EN", "a.txt")], read_lockbox(path), key=lambda d: (d.lang, d.id))
    assert str(path) in str(err.value) and "EN/gone.txt" in str(err.value)


@pytest.mark.parametrize("text, problem", [("lang\tdoc\nEN\ta.txt\n", "header"), ("language\tdocument\nEN\n", "language")])
def test_malformed_lockbox_lists_are_errors_naming_the_file(tmp_path, text, problem):
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=problem) as err:
        read_lockbox(path)
    assert str(path) in str(err.value)


def test_missing_lockbox_list_is_an_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_lockbox(tmp_path / "nothing.tsv")


def test_cross_validation_reads_the_development_part_and_says_so(tmp_path):
    data = tmp_path / "data" / "mydataset"
    docs = [Doc("EN", "a.txt"), Doc("EN", "b.txt"), Doc("BG", "a.txt")]
    whole, line = development_documents(data, docs, key=lambda d: (d.lang, d.id))
    assert whole == docs and "all 3 training documents" in line and "nothing is held out" in line
    lockbox_file(data).parent.mkdir(parents=True)
    lockbox_file(data).write_text("language\tdocument\nEN\tb.txt\n", encoding="utf-8")
    dev, line = development_documents(data, docs, key=lambda d: (d.lang, d.id))
    assert dev == [Doc("EN", "a.txt"), Doc("BG", "a.txt")]
    assert "minus the lockbox: 2 documents (1 listed in mydataset_lockbox.tsv left out)" in line
    lockbox_file(data).write_text("language\tdocument\nEN\tc.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in the data"):  # a list of another release is not ignored
        development_documents(data, docs, key=lambda d: (d.lang, d.id))


def test_lockbox_file_sits_in_splits_beside_the_dataset(tmp_path):
    assert lockbox_file(tmp_path / "data" / "semeval2025_task10") == tmp_path / "data" / "splits" / (
        "semeval2025_task10_lockbox.tsv")


def test_bootstrap_interval_covers_the_estimate_and_narrows_with_more_articles():
    rng = np.random.default_rng(1)
    small = mean_interval(rng.uniform(size=40))
    large = mean_interval(rng.uniform(size=1000))
    for iv in (small, large):
        assert iv.low <= iv.value <= iv.high and iv.se > 0
    assert large.high - large.low < small.high - small.low
    assert mean_interval([0.5] * 10).se == 0  # no spread, no uncertainty
    assert str(mean_interval([0.2, 0.4], draws=50)) == str(mean_interval([0.2, 0.4], draws=50))  # seeded


def test_bootstrap_of_a_micro_average_recomputes_it_from_counts():
    tp, fp = np.array([5, 0, 3]), np.array([0, 5, 1])
    iv = bootstrap(lambda i: tp[i].sum() / (tp[i].sum() + fp[i].sum()), 3, draws=200)
    assert iv.value == pytest.approx(8 / 14)
    assert 0 <= iv.low < iv.value < iv.high <= 1


def test_stratified_bootstrap_keeps_each_stratum_size():
    langs = ["en"] * 5 + ["bg"] * 2
    sizes = []
    bootstrap(lambda i: sizes.append(sum(langs[j] == "bg" for j in i)) or 0.0, 7, draws=30, strata=langs)
    assert set(sizes) == {2}


def test_paired_difference_sees_a_consistent_gain_and_not_noise():
    rng = np.random.default_rng(2)
    base = rng.uniform(size=200)
    assert paired_difference(base + 0.05, base).excludes_zero
    noisy = paired_difference(base + rng.normal(0, 0.2, 200), base)
    assert not noisy.excludes_zero or abs(noisy.value) > 2 * noisy.se


@pytest.mark.parametrize("share", [0.05, 0.4])
def test_prior_weights_set_the_share_of_other_in_every_language(share):
    other = np.array([True, False, False, False, True, True, False, False])
    langs = np.array(["en", "en", "en", "en", "hi", "hi", "hi", "ru"])
    w = prior_weights(other, langs, share)
    for lang in ("en", "hi"):
        rows = langs == lang
        assert w[rows & other].sum() / w[rows].sum() == pytest.approx(share)
        assert w[rows].sum() == pytest.approx(rows.sum())  # each language keeps its weight
    assert w[langs == "ru"].tolist() == [1.0]  # no Other article: nothing to re-weight
    with pytest.raises(ValueError):
        prior_weights(other, langs, 1.0)


def test_shuffled_body_keeps_the_title_first_and_every_paragraph():
    text = "Title line\n\nFirst point.\nSecond point.\n\nThird point.\nFourth."
    out = shuffled_body(text, np.random.default_rng(0))
    parts = [p for p in out.split("\n\n")]
    assert parts[0] == "Title line" and out != text
    assert sorted(parts[1:]) == sorted(["First point.", "Second point.", "Third point.", "Fourth."])
    assert shuffled_body("Only a title\n\nand one line", np.random.default_rng(0)) == "Only a title\n\nand one line"
    assert share_unchanged([{"a"}, {"b"}], [{"a"}, {"c"}]) == 0.5


@pytest.mark.data
def test_the_shipped_lockbox_lists_match_the_data(t10_dir):
    from narrascope.semeval import t3, t10

    box = read_lockbox(lockbox_file(t10_dir))
    docs = t10.read_split(t10_dir / "train")
    dev, held = split_documents(docs, box, key=lambda d: (d.lang, d.id))
    assert len(held) == len(box) and len(dev) > 3 * len(held)
    t3_dir = t10_dir.parent / "semeval2023_task3"
    box3 = read_lockbox(lockbox_file(t3_dir))
    docs3 = t3.read_split(t3_dir, "train")
    _, held3 = split_documents(docs3, box3, key=lambda d: (d.lang, f"article{d.id}.txt"))
    assert len(held3) == len(box3)


def test_comparison_table_marks_differences_whose_interval_excludes_zero():
    from narrascope.analyzers.evaluation import compare, format_comparisons

    rng = np.random.default_rng(3)
    base = rng.uniform(size=100)
    rows = [compare("EN", base + 0.1, base), compare("BG", base, base)]
    table = format_comparisons("coarse samples-F1", rows)
    assert table.splitlines()[2].startswith("EN") and table.splitlines()[2].endswith("*")
    assert not table.splitlines()[3].endswith("*")
    assert rows[0].to_dict()["difference"]["value"] == pytest.approx(0.1)
