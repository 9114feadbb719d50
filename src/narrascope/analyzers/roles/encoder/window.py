"""The token window the encoder reads around one mention: the same for training rows and at analysis time.

`passage:` (multilingual-e5's prefix for text to embed), up to 700 characters of text on each side of the
mention with its spaces collapsed, the mention between two marker tokens, at most 256 tokens: the left
side gets half of the room the mention leaves, or more when the right side is short.
"""
from __future__ import annotations

from collections.abc import Callable

WINDOW_CHARS = 700
MAX_LEN = 256
OPEN, CLOSE = -1, -2  # the two marker tokens, until the caller numbers them


def mention_window(tokenize: Callable[[str], list[int]], text: str, start: int, end: int, prefix: list[int],
                   bos: int, eos: int) -> list[int]:
    """Token ids of the window around text[start:end], with OPEN and CLOSE around the mention."""
    left = tokenize(" ".join(text[max(0, start - WINDOW_CHARS):start].split()))
    mention = tokenize(text[start:end])
    right = tokenize(" ".join(text[end:end + WINDOW_CHARS].split()))
    room = MAX_LEN - 4 - len(prefix) - len(mention)
    keep_left = min(len(left), max(room // 2, room - len(right)))
    keep_right = max(0, min(len(right), room - keep_left))
    left = left[len(left) - keep_left:] if keep_left > 0 else []
    return [bos, *prefix, *left, OPEN, *mention, CLOSE, *right[:keep_right], eos][:MAX_LEN]
