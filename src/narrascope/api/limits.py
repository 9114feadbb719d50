"""What one request may cost the server: search terms, query time, sign-in attempts.

The default server needs no token on 127.0.0.1, so anything a page on another site can make a
browser ask for must stay cheap. Full-text search is the expensive part: FTS5 expands a prefix
term (`k*`) into every indexed word that starts that way and merges all their document lists, so
a query of many short prefixes costs seconds on a few thousand articles and grows with the
corpus. Hence: a bounded number of terms, few and not-too-short prefixes, and a time limit on every
SQL statement (the store's `query_time_limit`, enforced through SQLite's progress handler).
"""
from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import OrderedDict

MAX_SEARCH_TERMS = 12  # words, phrase words included
MAX_PREFIX_TERMS = 3
MIN_PREFIX_CHARS = 3  # `k*` or `co*` expands to a large share of all the words in the corpus
QUERY_TIME_LIMIT = 5.0  # seconds per SQL statement on the server (`serve --query-timeout`)
BODY_TIMEOUT = 60.0  # seconds for a request body to arrive (5 MB at ~100 kB/s)

_TOKENS = re.compile(r'"([^"]*)"|(\S+)')


def _searchable(chars: str) -> int:
    """How many characters the FTS tokenizer keeps (letters, digits and combining marks)."""
    return sum(1 for ch in chars if ch.isalnum() or unicodedata.category(ch).startswith("M"))


def search_problem(q: str) -> str | None:
    """Why the full-text query `q` is refused (None: it is fine). Counted as `store.query.fts_query`
    reads a query: "phrases" count one term per word, `word*` is a prefix term, OR is free."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in q):
        return "contains control characters (such as NUL); search for words"
    terms = prefixes = 0
    for phrase, word in _TOKENS.findall(q):
        if phrase:
            terms += sum(1 for w in phrase.split() if _searchable(w))
            continue
        if word == "OR" or not _searchable(word):
            continue
        terms += 1
        if word.endswith("*"):
            prefixes += 1
            if _searchable(word) < MIN_PREFIX_CHARS:
                return f"prefix {word!r} is too short: give at least {MIN_PREFIX_CHARS} letters before the *"
    if terms > MAX_SEARCH_TERMS:
        return f"has {terms} search terms; at most {MAX_SEARCH_TERMS} are allowed"
    if prefixes > MAX_PREFIX_TERMS:
        return f"has {prefixes} prefix* terms; at most {MAX_PREFIX_TERMS} are allowed"
    return None


class LoginThrottle:
    """Slows down guessing the server token: after `free` wrong tries in a row, a client (by IP)
    must wait before its next try, 1 s at first, doubling with every further wrong try up to
    `cap` seconds. A right token clears the client's record. The record of at most `clients`
    clients is kept (the oldest are forgotten first)."""

    def __init__(self, free: int = 3, base: float = 1.0, cap: float = 60.0, clients: int = 10_000):
        self.free, self.base, self.cap, self.clients = free, base, cap, clients
        self._lock = threading.Lock()
        self._state: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (wrong tries, locked until)

    def wait(self, client: str) -> float:
        """Seconds before `client` may try again (0: now)."""
        with self._lock:
            _, until = self._state.get(client, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, client: str) -> float:
        """Record a wrong try; return how long the client must now wait."""
        with self._lock:
            fails, _ = self._state.pop(client, (0, 0.0))
            fails += 1
            delay = 0.0 if fails <= self.free else min(self.cap, self.base * 2 ** (fails - self.free - 1))
            self._state[client] = (fails, time.monotonic() + delay)
            while len(self._state) > self.clients:
                self._state.popitem(last=False)
        return delay

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._state.pop(client, None)


def client_address(scope: dict) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
