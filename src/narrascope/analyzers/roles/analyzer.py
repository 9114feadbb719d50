"""Roles analyzer: the role each entity is cast in (protagonist / antagonist / innocent + fine roles).

Each mention is scored from its own context (`narrascope.analyzers.roles.model`); an entity's scores are the
mean over its mentions, so the article as a whole decides. The evidence of an entity is the
sentences of the mentions that speak most for the chosen main role.
"""
from __future__ import annotations

import logging

import numpy as np
from scipy import sparse

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.roles.context import MentionInput, prepare_documents
from narrascope.analyzers.roles.model import MODEL_DIR, RoleModel
from narrascope.document import Analysis, LabelScore, Span

log = logging.getLogger(__name__)

MAX_EVIDENCE = 3


class RoleAnalyzer(Analyzer):
    name = "roles"
    requires = ("entities",)
    assigns = ("entities",)  # the roles of the entities the entities analyzer found

    def __init__(self, model: RoleModel):
        self.model = model

    @classmethod
    def load_default(cls) -> RoleAnalyzer:
        return cls(RoleModel.load(MODEL_DIR))

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        texts = [a.document.text for a in batch]
        langs = [(a.language or a.document.lang or "").lower() for a in batch]
        mentions: list[MentionInput] = []
        owner: list[tuple[int, int]] = []  # (analysis index, entity index) of each mention
        spans: list[list[tuple[int, int]]] = [[] for _ in batch]
        for k, a in enumerate(batch):
            for e_idx, ent in enumerate(a.entities):
                for sp in ent.mentions:
                    mentions.append(MentionInput(k, sp.start, sp.end))
                    owner.append((k, e_idx))
                    spans[k].append((sp.start, sp.end))
        if not mentions:
            return batch
        docs = prepare_documents(texts, langs, spans, embedder=self.model.config.embedder)
        p_main, p_fine = self.model.predict_proba(docs, mentions)
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
        for ((k, e_idx), idx), (main, score, fines) in zip(rows.items(), decoded, strict=True):
            ent = batch[k].entities[e_idx]
            ent.main_role, ent.main_score = main, round(score, 4)
            ent.fine_roles = [LabelScore(label=f, score=round(s, 4), parent=main) for f, s in fines]
            main_col = self.model.taxonomy.mains.index(main)
            best = sorted(idx, key=lambda r: -p_main[r, main_col])
            ent.evidence = _evidence(docs[k], [mentions[r] for r in best])
        return batch


def _evidence(doc, mentions: list[MentionInput]) -> list[Span]:
    out: list[Span] = []
    for m in mentions:
        s, e = doc.sentences[doc.sentence_index(m.start)]
        if all(sp.start != s for sp in out):
            out.append(Span(s, max(e, m.end), "evidence"))
        if len(out) >= MAX_EVIDENCE:
            break
    return out

