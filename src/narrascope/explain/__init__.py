"""Explanations of an article's dominant narrative (SemEval-2025 Task 10, subtask 3).

`model.LocalExplainer` is the default, local method (evidence selection + framing, no generative
model); `training` fits and cross-validates it; `metrics` scores explanations; `framing` holds the
per-language phrases; `submission` writes the official subtask-3 file. The optional LLM backend
lives in `narrascope.llm`.
"""
