"""Roles analyzer: which entities the article casts in a role, and in which one.

Salience first (`salience.py`): of the entities the entities analyzer found, only those the article
likely casts at all get a role; the others stay listed as mentioned, without a role (`main_role` None,
their `salience` kept). Entities given with the document (SemEval subtask-1 mentions) are all cast.

Then each mention of a cast entity is scored from its own context (`model.py`); an entity's scores
are the mean over its mentions, so the article as a whole decides. A role is marked `weak` where the
model is unsure of it: its calibrated probability is under the model's `weak_below`, or the entity's
salience is under the line from which shown entities were cast at least half the time out of fold
(`confident_cast`): annotators cast 2 to 4 of the 10 to 20 names an article has, and the cut that keeps
70% of their mentions also lets through many they did not cast. A text shorter than any training article gets
a warning (`confidence.too_short`). The evidence of an entity is the
sentences of the mentions that speak most for the chosen main role.

`AccurateRoleAnalyzer` (registered as `roles-accurate`, opt-in) blends in two fine-tuned encoders
(`encoder/`): one decides with the salience model which entities are cast, the other's role probabilities
are averaged with the linear model's. More precise casting and better roles, seconds per article.
"""
from __future__ import annotations

import logging

import numpy as np
from scipy import sparse

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.confidence import too_short
from narrascope.analyzers.roles.context import MentionInput, prepare_documents
from narrascope.analyzers.roles.encoder.runtime import RoleEncoder, SalienceEncoder, Window
from narrascope.analyzers.roles.model import MODEL_DIR, RoleModel
from narrascope.document import Analysis, Entity, LabelScore, Span
from narrascope.nlp.article_attributions import SentenceAttributions, sentence_attributions
from narrascope.nlp.datelines import strip_dateline
from narrascope.nlp.furniture import quotable, repeats
from narrascope.nlp.quotation import without_csv_quotes
from narrascope.nlp.speaker_words import inside_sentence

log = logging.getLogger(__name__)

MAX_EVIDENCE = 3
# An entity's role is the mean over its mentions; past the first few, more mentions cost sentence
# embeddings and change little.
MAX_MENTIONS_READ = 4
GIVEN = "GIVEN"  # the type of entities built from given mentions (entities analyzer)


def prior_key(lang: str, entity: Entity) -> str:
    """The key of the role prior: language and canonical name."""
    return f"{lang}:{entity.name.lower()}"


class RoleAnalyzer(Analyzer):
    name = "roles"
    requires = ("entities",)
    assigns = ("entities",)  # the roles of the entities the entities analyzer found

    def __init__(self, model: RoleModel, salience_encoder: SalienceEncoder | None = None):
        self.model = model
        self.salience_encoder = salience_encoder  # the accurate mode's; None: the linear salience alone

    @classmethod
    def load_default(cls) -> RoleAnalyzer:
        return cls(RoleModel.load(MODEL_DIR))

    def cast_entities(self, a: Analysis, lang: str) -> list[int]:
        """Indices of the entities of `a` the article casts in a role (all given ones; found ones by
        salience, which is also recorded on every entity)."""
        found = [i for i, e in enumerate(a.entities) if e.type != GIVEN]
        cast = [i for i, e in enumerate(a.entities) if e.type == GIVEN]
        if found and self.model.salience is None:
            cast += found
        elif found:
            probs, cut = self.salience([a.entities[i] for i in found], a.document.text, lang)
            for i, p in zip(found, probs.tolist(), strict=True):
                a.entities[i].salience = round(p, 4)
                if p >= cut:
                    cast.append(i)
        for i, e in enumerate(a.entities):
            e.main_role, e.main_score, e.fine_roles, e.evidence, e.weak = None, 0.0, [], [], False
            if e.type == GIVEN:
                e.salience = 1.0
        return sorted(cast)

    def salience(self, entities: list[Entity], text: str, lang: str) -> tuple[np.ndarray, float]:
        """The probability that the article casts each of `entities`, and the cut at which it does; with a
        salience encoder, the blend of both models' log-odds (`encoder.runtime.SalienceEncoder`)."""
        sal = self.model.salience
        probs = sal.probabilities(text, lang, entities)
        if self.salience_encoder is None:
            return probs, sal.cut(lang)
        firsts = [min(e.mentions, key=lambda m: m.start) for e in entities]
        log_odds = self.salience_encoder.log_odds([text], [Window(0, m.start, m.end) for m in firsts])
        return self.salience_encoder.blend(probs, log_odds), self.salience_encoder.cut(lang)

    def confident_cast(self) -> float:
        """The salience under which an entity shown with a role is marked weak (0: no such line, as when the
        roles model has no salience part and every found entity is cast unread)."""
        if self.model.salience is None:
            return 0.0
        return self.salience_encoder.confident if self.salience_encoder is not None else self.model.salience.confident

    def probabilities(self, docs, texts: list[str], mentions: list[MentionInput]) -> tuple[np.ndarray, np.ndarray]:
        """(n, n_main) and (n, n_fine) probabilities of the mentions' roles."""
        return self.model.predict_proba(docs, mentions)

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        texts = [a.document.text for a in batch]
        langs = [(a.language or a.document.lang or "").lower() for a in batch]
        mentions: list[MentionInput] = []
        owner: list[tuple[int, int]] = []  # (analysis index, entity index) of each mention
        spans: list[list[tuple[int, int]]] = [[] for _ in batch]
        for k, a in enumerate(batch):
            for e_idx in self.cast_entities(a, langs[k]):
                ent = a.entities[e_idx]
                for sp in ent.mentions[:MAX_MENTIONS_READ]:
                    mentions.append(MentionInput(k, sp.start, sp.end, key=prior_key(langs[k], ent)))
                    owner.append((k, e_idx))
                    spans[k].append((sp.start, sp.end))
        if not mentions:
            return batch
        docs = prepare_documents(texts, langs, spans, embedder=self.model.config.embedder)
        p_main, p_fine = self.probabilities(docs, texts, mentions)
        rows: dict[tuple[int, int], list[int]] = {}
        for r, key in enumerate(owner):
            rows.setdefault(key, []).append(r)
        # Entity scores = mean over its mentions, as one sparse product, and one decode call for
        # all entities of the batch (per-entity numpy calls were a visible cost).
        groups = list(rows.values())
        member = np.concatenate(groups)
        entity = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
        weight = np.concatenate([np.full(len(g), 1.0 / len(g), np.float32) for g in groups])
        average = sparse.csr_matrix((weight, (entity, member)), shape=(len(groups), len(mentions)))
        mean_main, mean_fine = np.asarray(average @ p_main), np.asarray(average @ p_fine)
        decoded = self.model.decode(mean_main, mean_fine)
        weak_below, confident = self.model.config.weak_below, self.confident_cast()
        for k in sorted({k for k, _ in rows}):
            if note := too_short(texts[k], "roles", "roles"):
                batch[k].warnings.append(note)
        attributions: dict[int, SentenceAttributions] = {}
        for ((k, e_idx), idx), (main, score, fines) in zip(rows.items(), decoded, strict=True):
            ent = batch[k].entities[e_idx]
            ent.main_role, ent.main_score = main, round(score, 4)
            ent.weak = score < weak_below or ent.salience < confident
            # a fine role is as sure as its entity's role: one mark, so the JSON never shows a weak entity's sure role
            ent.fine_roles = [LabelScore(label=f, score=round(s, 4), parent=main, weak=ent.weak) for f, s in fines]
            main_col = self.model.taxonomy.mains.index(main)
            best = sorted(idx, key=lambda r: -p_main[r, main_col])
            if k not in attributions:  # who makes each quoted sentence's claim, read once per article
                attributions[k] = sentence_attributions(docs[k].text, docs[k].sentences)
            ent.evidence = _evidence(docs[k], [mentions[r] for r in best], attributions[k])
        return batch


class AccurateRoleAnalyzer(RoleAnalyzer):
    """The roles analyzer with fine-tuned encoders blended in (`encoder/`): which entities are cast (the
    salience encoder's log-odds with the linear salience model's) and their roles (the role encoder's
    probabilities averaged with the linear model's); seconds per article instead of milliseconds."""

    name = "roles-accurate"  # recorded in `Analysis.analyzers`: the page says which mode cast the entities

    def __init__(self, model: RoleModel, encoder: RoleEncoder | None = None,
                 salience_encoder: SalienceEncoder | None = None):
        super().__init__(model, salience_encoder if salience_encoder is not None else SalienceEncoder.load())
        self.encoder = encoder if encoder is not None else RoleEncoder.load()
        self.share = float(self.encoder.meta.get("ensemble_share", 0.5))

    def probabilities(self, docs, texts, mentions):
        p_main, p_fine = self.model.predict_proba(docs, mentions)
        e_main, e_fine = self.encoder.predict_proba(texts, [Window(m.doc_key, m.start, m.end) for m in mentions])
        return (self.share * p_main + (1 - self.share) * e_main), (self.share * p_fine + (1 - self.share) * e_fine)


def _evidence(doc, mentions: list[MentionInput], attributions: SentenceAttributions) -> list[Span]:
    """The sentences of the mentions read as most in the entity's role, each marked stated by the article or
    attributed to someone (`attributions`: those of the article's sentences)."""
    out: list[Span] = []
    seen: set[int] = set()  # sentence starts
    quoted: list[str] = []  # what is quoted, lower case: a headline repeated in the body is quoted once
    for m in mentions:
        i = doc.sentence_index(m.start)
        s, e = doc.sentences[i]
        if s not in seen:
            seen.add(s)
            start = strip_dateline(doc.text, s, e)  # "Paris, Mar. 31 (Agency) - Macron ..." quotes from "Macron"
            a, b = quotable(doc.text, *without_csv_quotes(doc.text, start if start <= m.start else s, max(e, m.end)))
            if not any(c.isalpha() for c in doc.text[a : m.start] + doc.text[m.end : b]):
                continue  # the name alone, heading a speaker's turn ("Jane Roe:"): it says nothing of the entity
            att = attributions[i]
            span = Span(min(a, m.start), max(b, m.end), "evidence",  # no answer's dash before, no link after
                        attribution=att.kind, attributed_to=inside_sentence(att.named_source) if att.attributed else None)
            said = " ".join(doc.text[span.start : span.end].split()).lower()
            if not any(repeats(said, q) for q in quoted):  # the headline again in the body, or inside a sentence
                quoted.append(said)
                out.append(span)
        if len(out) >= MAX_EVIDENCE:
            break
    return out
