"""Entity framing: NER backends, mention grouping, the role model, SemEval subtask-1 I/O.

Texts are invented for these tests. The role-model tests train a tiny model on generated sentences
with the weightless `hashing` embedder, so they need no corpus and run in seconds.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.analyzers.entities.analyzer import EntityAnalyzer
from narrascope.analyzers.roles.analyzer import RoleAnalyzer
from narrascope.analyzers.roles.context import MentionInput, RoleTaxonomy, prepare_documents
from narrascope.analyzers.roles.fitting import st1_scores
from narrascope.analyzers.roles.model import RoleModel, RoleModelConfig
from narrascope.cli.main import cli
from narrascope.document import Analysis, Document, Span
from narrascope.nlp.ner import LexiconNER, NatashaNER, SpacyNER, merge_spans
from narrascope.pipeline import Pipeline
from narrascope.semeval.t10_entities import align, read_mentions


# ---- NER --------------------------------------------------------------------------------------
def test_lexicon_matches_inflected_forms_and_capitalised_runs():
    lex = LexiconNER.fit("bg", ["Украйна", "Владимир Путин"])
    text = "Войната в Украйната продължава. Вчера Владимир Путин говори. Зелената зона е празна."
    found = {text[s.start : s.end] for s in lex.find([text])[0]}
    assert "Украйната" in found and "Владимир Путин" in found
    assert not any("Зелен" in f for f in found)  # sentence-initial common word, not a known name
    pt = LexiconNER("pt")
    text = "Ontem o Ministério da Defesa de Portugal falou. Depois tudo acabou."
    found = {text[s.start : s.end] for s in pt.find([text])[0]}
    assert "Ministério da Defesa de Portugal" in found
    assert "Depois" not in found and "Ontem" not in found


def test_hindi_words_are_not_cut_at_vowel_signs():
    lex = LexiconNER.fit("hi", ["रूसी सेना", "भारत"])
    text = "कल रूसी सेना ने हमला किया। भारत ने शांति की अपील की।"
    found = [text[s.start : s.end] for s in lex.find([text])[0]]
    assert found == ["रूसी सेना", "भारत"]


def test_lexicon_json_roundtrip():
    lex = LexiconNER.fit("pt", ["Rússia", "Estados Unidos"])
    again = LexiconNER.from_json(lex.to_json())
    text = "A Rússia e os Estados Unidos"
    assert lex.find([text]) == again.find([text])


def test_merge_keeps_the_longest_of_overlapping_spans():
    merged = merge_spans([[Span(0, 6, "PER")], [Span(0, 14, "NAME"), Span(20, 25, "NAME")]])
    assert [(s.start, s.end) for s in merged] == [(0, 14), (20, 25)]


def test_spacy_finds_english_people_and_places():
    text = "Emmanuel Macron met Olaf Scholz in Berlin on Monday. The Kremlin said nothing."
    spans = SpacyNER().find([text])[0]
    found = {text[s.start : s.end]: s.label for s in spans}
    assert found.get("Emmanuel Macron") == "PER"
    assert "Berlin" in found
    assert "Kremlin" in found  # "the" is trimmed as annotators mark names


def test_natasha_finds_russian_names():
    text = "Владимир Путин встретился с Дональдом Трампом в Москве."
    found = {text[s.start : s.end] for s in NatashaNER().find([text])[0]}
    assert "Владимир Путин" in found and "Москве" in found


# ---- grouping ---------------------------------------------------------------------------------
def _spans(text: str, names: list[str]) -> list[Span]:
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        out.append(Span(i, i + len(n), "NAME"))
        pos = i + len(n)
    return out


def test_given_mentions_are_used_as_given():
    doc = Document(text="Alpha met Beta.", lang="en", meta={"mentions": [{"start": 0, "end": 5}, [10, 14]]})
    a = Analysis(document=doc, language="en")
    EntityAnalyzer().process_batch([a])
    assert [(e.mentions[0].start, e.mentions[0].end) for e in a.entities] == [(0, 5), (10, 14)]


# ---- role model -------------------------------------------------------------------------------
TEMPLATES = {
    ("Antagonist", "Instigator"): ["{x} shelled the town and started the war.", "{x} provoked new attacks on villages."],
    ("Protagonist", "Guardian"): ["{x} defended the town and protected civilians.", "{x} rescued families from the fire."],
    ("Innocent", "Victim"): ["{x} lost their homes in the bombing.", "{x} suffered terribly under the attacks."],
}
NAMES = ["Arvonia", "Belmark", "Corvessa", "Dunhallow", "Eskeland", "Fyrholt", "Galdora", "Hestmoor"]


def _corpus(seed: int, n_docs: int):
    rng = random.Random(seed)
    texts, mentions, gold = [], [], []
    for k in range(n_docs):
        parts, doc_mentions = [], []
        for _ in range(3):
            (main, fine), options = rng.choice(list(TEMPLATES.items()))
            name = rng.choice(NAMES)
            sentence = rng.choice(options).format(x=name)
            start = sum(len(p) + 1 for p in parts)
            parts.append(sentence)
            doc_mentions.append(MentionInput(k, start, start + len(name), main, [fine]))
        texts.append(" ".join(parts))
        mentions.extend(doc_mentions)
        gold.extend((m.main_role, set(m.fine_roles)) for m in doc_mentions)
    return texts, mentions, gold


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    texts, mentions, _ = _corpus(1, 60)
    spans = [[(m.start, m.end) for m in mentions if m.doc_key == k] for k in range(len(texts))]
    docs = prepare_documents(texts, ["en"] * len(texts), spans, embedder="hashing")
    model = RoleModel(RoleModelConfig(embedder="hashing")).fit(docs, mentions)
    path = tmp_path_factory.mktemp("roles") / "roles"
    model.save(path)
    return model, path


def test_role_model_learns_context_and_roundtrips(tiny_model):
    model, path = tiny_model
    texts, mentions, gold = _corpus(2, 20)  # unseen combinations
    spans = [[(m.start, m.end) for m in mentions if m.doc_key == k] for k in range(len(texts))]
    docs = prepare_documents(texts, ["en"] * len(texts), spans, embedder="hashing")
    p_main, p_fine = model.predict_proba(docs, mentions)
    pred = [(main, {f for f, _ in fines}) for main, _, fines in model.decode(p_main, p_fine)]
    scores = st1_scores(gold, pred)
    assert scores["main_acc"] > 0.9 and scores["emr"] > 0.9
    tax = RoleTaxonomy.load()
    for main, _, fines in model.decode(p_main, p_fine):
        assert all(tax.parent[f] == main for f, _ in fines)  # fine roles belong to the main role
    loaded = RoleModel.load(path)
    p_main2, p_fine2 = loaded.predict_proba(docs, mentions)
    assert abs(p_main2 - p_main).max() < 1e-3 and abs(p_fine2 - p_fine).max() < 1e-3


def test_unfitted_model_and_missing_file_raise_clear_errors(tmp_path):
    from narrascope.errors import ModelError

    with pytest.raises(ModelError, match="not fitted"):
        RoleModel().predict_proba([], [MentionInput(0, 0, 1)])
    with pytest.raises(ModelError, match="train roles"):
        RoleModel.load(tmp_path / "nothing")


def test_pipeline_gives_entities_roles_and_evidence(tiny_model):
    model, _ = tiny_model
    text = "Arvonia shelled the town and started the war. Later Galdora rescued families from the fire."
    lexicons = {"en": LexiconNER.fit("en", NAMES, common=["later"])}  # as learned from training text
    pipe = Pipeline(["language", EntityAnalyzer(lexicons, model_ner=False), RoleAnalyzer(model)])
    a = pipe(Document(text=text, lang="en"))
    roles = {e.name: e.main_role for e in a.entities}
    assert roles.get("Arvonia") == "Antagonist" and roles.get("Galdora") == "Protagonist"
    for e in a.entities:
        ev = e.evidence[0]
        assert any(ev.start <= m.start and m.end <= ev.end for m in e.mentions)  # the sentence casting it
        assert e.fine_roles and 0 < e.main_score <= 1
    again = Analysis.from_dict(a.to_dict())
    assert [e.name for e in again.entities] == [e.name for e in a.entities]


def test_an_entitys_evidence_starts_after_the_dateline_unless_the_mention_is_in_it(tiny_model):
    model, _ = tiny_model
    text = "Lyon, Apr. 12 (Wire Agency) - Arvonia shelled the town and started the war in the valley."
    lexicons = {"en": LexiconNER.fit("en", [*NAMES, "Lyon"], common=["later"])}
    pipe = Pipeline(["language", EntityAnalyzer(lexicons, model_ner=False), RoleAnalyzer(model)])
    evidence = {e.name: text[e.evidence[0].start : e.evidence[0].end] for e in pipe(Document(text=text, lang="en")).entities
                if e.evidence}
    assert evidence["Arvonia"].startswith("Arvonia shelled")
    assert evidence.get("Lyon", "Lyon").startswith("Lyon")  # the dateline's own place keeps its sentence


def _arvonia(model, text: str, common: list[str] | None = None):
    """The entity Arvonia as the entities + roles pipeline finds and casts it in `text` (the gazetteer of NAMES)."""
    lexicons = {"en": LexiconNER.fit("en", NAMES, common=common or [])}
    pipe = Pipeline(["language", EntityAnalyzer(lexicons, model_ner=False), RoleAnalyzer(model)])
    [arvonia] = [e for e in pipe(Document(text=text, lang="en")).entities if e.name == "Arvonia"]
    return arvonia


def test_a_headline_repeated_in_the_body_is_an_entitys_evidence_once(tiny_model):
    model, _ = tiny_model
    headline = "Arvonia shelled the town and started the war"
    text = f"{headline}\n\n{headline}\nLater Arvonia shelled the bridge and the valley too."
    arvonia = _arvonia(model, text, common=["later"])
    quoted = [" ".join(text[ev.start : ev.end].split()) for ev in arvonia.evidence]
    assert len(quoted) == len(set(quoted)) >= 2


def test_a_headline_said_again_inside_a_longer_sentence_is_an_entitys_evidence_once(tiny_model):
    model, _ = tiny_model
    headline = "Arvonia shelled the town and started the war in the valley"
    text = f"{headline}\n\nThe council says that {headline}.\nLater Arvonia shelled the bridge too."
    arvonia = _arvonia(model, text, common=["later", "the"])
    quoted = [" ".join(text[ev.start : ev.end].split()).lower() for ev in arvonia.evidence]
    assert sum(headline.lower() in q for q in quoted) == 1 and len(quoted) == 2


def test_an_entitys_evidence_opens_on_its_words_and_stops_before_a_link(tiny_model):
    model, _ = tiny_model
    text = ("- Arvonia shelled the town and started the war pic.twitter.com/AbC123\n"
            "Later Arvonia shelled the bridge and the valley too.")
    arvonia = _arvonia(model, text, common=["later"])
    assert text[arvonia.evidence[0].start : arvonia.evidence[0].end] == "Arvonia shelled the town and started the war"


def test_an_entitys_evidence_says_who_makes_its_claim(tiny_model):
    model, _ = tiny_model
    text = ("Arvonia shelled the town and started the war.\n"
            "The minister said that Arvonia shelled the bridge and the valley too.")
    arvonia = _arvonia(model, text)
    marks = {text[ev.start : ev.end].split()[0]: (ev.attribution, ev.attributed_to) for ev in arvonia.evidence}
    assert marks == {"Arvonia": ("stated", None), "The": ("attributed", "the minister")}  # as it reads inside a sentence


def test_a_line_that_only_names_a_speaker_is_no_evidence_of_the_entity(tiny_model):
    model, _ = tiny_model
    text = ("Arvonia:\nWe shelled nothing and started no war.\n"
            "Later Arvonia shelled the bridge and the valley too.")
    arvonia = _arvonia(model, text, common=["later"])
    assert len(arvonia.mentions) == 2
    assert [text[ev.start : ev.end] for ev in arvonia.evidence] == ["Later Arvonia shelled the bridge and the valley too."]


# ---- SemEval subtask 1 I/O --------------------------------------------------------------------
def test_align_realigns_and_reports():
    text = "Intro. Then Nordland attacked Soria."
    assert align(text, "Nordland", 12, 20) == (12, 20, None)
    s, e, problem = align(text, "Nordland", 10, 18)
    assert (s, e) == (12, 20) and "realigned" in problem
    s, e, problem = align(text, "Soria", 500, 505)
    assert text[s:e] == "Soria" and "outside the text" in problem
    s, e, problem = align(text, "Atlantis", 3, 8)
    assert (s, e) == (3, 8) and "not found" in problem


def _st1_inputs(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "raw-documents"
    docs.mkdir()
    (docs / "EN_T_1.txt").write_text("Nordland shelled the town. Soria's families lost their homes.\n", encoding="utf-8")
    (docs / "EN_T_2.txt").write_text("The rescue team of Valden protected the civilians.\r\n", encoding="utf-8")
    mentions = tmp_path / "mentions.txt"
    mentions.write_text(
        "EN_T_1.txt\tNordland\t0\t7\n"
        "EN_T_1.txt\tSoria\t30\t34\n"  # wrong offsets: realigned to 27-31
        "EN_T_1.txt\tbroken line\n"  # malformed
        "EN_T_9.txt\tGhost\t0\t4\n"  # unknown document
        "EN_T_2.txt\tValden\t19\t24\n",
        encoding="utf-8",
    )
    return docs, mentions


def test_read_mentions_reports_lines_and_keeps_the_rest(tmp_path):
    docs, mentions = _st1_inputs(tmp_path)
    _texts, given, warnings = read_mentions(mentions, docs)
    assert [(m.doc_id, m.start, m.end) for m in given] == [("EN_T_1.txt", 0, 8), ("EN_T_1.txt", 27, 32),
                                                           ("EN_T_2.txt", 19, 25)]
    assert any(":2:" in w and "realigned" in w for w in warnings)
    assert any(":3:" in w and "malformed" in w for w in warnings)
    assert any(":4:" in w and "not found" in w for w in warnings)


def test_semeval_st1_writes_the_official_format(tmp_path):
    docs, mentions = _st1_inputs(tmp_path)
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(cli, ["semeval", "st1", "--docs", str(docs), "--mentions", str(mentions),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "malformed" in result.output and "realigned" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    tax = RoleTaxonomy.load()
    keys = [tuple(line.split("\t")[:4]) for line in lines]
    assert keys == [("EN_T_1.txt", "Nordland", "0", "7"), ("EN_T_1.txt", "Soria", "30", "34"),
                    ("EN_T_2.txt", "Valden", "19", "24")]  # the keys exactly as given
    for line in lines:
        cols = line.split("\t")
        assert cols[4] in tax.mains and cols[5:] and all(tax.parent[f] == cols[4] for f in cols[5:])


def test_analyze_command_shows_entities_section(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "President Valdemar Kross of Nordland ordered new strikes on the port city. "
        "Kross denied that civilians were hit, while families in Soria said they had lost everything.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["analyze", "-a", "language,entities,roles", "--format", "json", str(article)])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)[0]
    text = data["document"]["text"]
    names = {e["name"]: e for e in data["entities"]}
    assert "Valdemar Kross" in names
    kross = names["Valdemar Kross"]
    assert [text[m["start"] : m["end"]] for m in kross["mentions"]] == ["Valdemar Kross", "Kross"]
    assert kross["main_role"] in {"Protagonist", "Antagonist", "Innocent"} and kross["evidence"]
    result = CliRunner().invoke(cli, ["analyze", "-a", "language,entities,roles", str(article)])
    assert result.exit_code == 0 and "Entities" in result.output and "Kross" in result.output


@pytest.mark.data
def test_st1_on_dev_inputs_keeps_every_key(t10_dir, tmp_path):
    """Runs the submission command on a few held-out dev inputs (no gold is read) to check the format."""
    src = t10_dir / "dev" / "EN"
    lines = (src / "subtask-1-entity-mentions.txt").read_text(encoding="utf-8").splitlines()
    ids = sorted({line.split("\t")[0] for line in lines})[:4]
    subset = [line for line in lines if line.split("\t")[0] in ids]
    mentions = tmp_path / "m.txt"
    mentions.write_text("\n".join(subset) + "\n", encoding="utf-8")
    out = tmp_path / "p.txt"
    result = CliRunner().invoke(cli, ["semeval", "st1", "--docs", str(src / "raw-documents"),
                                      "--mentions", str(mentions), "--out", str(out)])
    assert result.exit_code == 0, result.output
    got = [tuple(line.split("\t")[:4]) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == [tuple(line.split("\t")[:4]) for line in subset]


def test_st1_scores_follow_the_official_scorer():
    gold = [("Antagonist", ["Deceiver", "Corrupt"]), ("Innocent", ["Victim"]), ("Protagonist", ["Guardian"])]
    pred = [("Antagonist", ["Corrupt", "Deceiver"]), ("Innocent", ["Victim"]), ("Antagonist", ["Tyrant"])]
    scores = st1_scores(gold, pred)
    assert scores["emr"] == pytest.approx(2 / 3)  # same sets: the first two
    # the organisers' scorer compares (main role, fine-role list): a reordered list is a miss
    assert scores["emr_official"] == pytest.approx(1 / 3)
    assert scores["main_acc"] == pytest.approx(2 / 3)
    assert scores["micro_p"] == pytest.approx(3 / 4) and scores["micro_r"] == pytest.approx(3 / 4)
