"""robots.txt, read once per host and obeyed (RFC 9309), for `narrascope watch`.

A 4xx answer (no robots.txt) allows everything; a 5xx or an unreachable server disallows everything
for that host until the next poll cycle (the RFC's rule: the site may be down or overloaded).
Rules for `narrascope` apply, else those for `*`.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from narrascope.errors import InputError
from narrascope.ingest.fetch import Fetcher

log = logging.getLogger(__name__)
AGENT = "narrascope"


class Robots:
    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self._rules: dict[str, RobotFileParser | bool] = {}
        self._unreadable: dict[str, str] = {}  # origin -> why its robots.txt could not be read

    def forget(self) -> None:
        """Read robots.txt again on the next request to each host (once per poll cycle)."""
        self._rules.clear()
        self._unreadable.clear()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._rules.get(origin)
        if rules is None:
            rules = self._rules[origin] = self._load(origin)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(AGENT, url)

    def _load(self, origin: str) -> RobotFileParser | bool:
        try:
            page = self.fetcher.fetch(origin + "/robots.txt")
        except InputError as err:
            if err.reason.startswith("HTTP 4"):  # 404, 410, 403 ...: no rules
                return True
            log.warning("%s/robots.txt: %s; fetching nothing from this host this cycle", origin, err.reason)
            self._unreadable[origin] = err.reason
            return False
        parser = RobotFileParser()
        parser.parse(page.body.decode("utf-8", "replace").splitlines())
        return parser

    def refusal(self, url: str, what: str) -> str:
        """Why `url` (a feed or a page) is not fetched, for the poll's error line."""
        parts = urlsplit(url)
        reason = self._unreadable.get(f"{parts.scheme}://{parts.netloc}")
        if reason:
            return f"{url}: not fetched: its host's robots.txt could not be read ({reason})"
        return f"{url}: robots.txt disallows fetching this {what}"
