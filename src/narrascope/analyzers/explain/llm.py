"""Optional LLM backend: any OpenAI-compatible chat-completions endpoint (llama.cpp's server,
vLLM, Ollama, a hosted API). Off by default and never required: narrascope's local methods work
without it.

Configuration, from arguments or the environment:

    NARRASCOPE_LLM_BASE_URL   e.g. http://127.0.0.1:8080/v1   (required to use the backend)
    NARRASCOPE_LLM_MODEL      model name the server expects    (default: "default")
    NARRASCOPE_LLM_API_KEY    sent as a Bearer token when set
    NARRASCOPE_LLM_TIMEOUT    seconds per request               (default: 60)
    NARRASCOPE_LLM_RETRIES    extra attempts on connection errors, 429 and 5xx (default: 2)

Answers are constrained with a JSON schema (`response_format: json_schema`), so the reply is
parsed, not scraped. Only the standard library is used for HTTP (urllib), so the backend adds no
dependency. A redirect is followed only to the same scheme, host and port (anywhere else would
receive the API key), and an answer over `MAX_RESPONSE_BYTES` is refused.
"""
from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from narrascope.errors import ConfigError, NarrascopeError

log = logging.getLogger(__name__)

RETRY_STATUS = {408, 429, 500, 502, 503, 504}
MAX_ARTICLE_CHARS = 6000  # keeps prompts inside small context windows; the opening carries the claim
MAX_RESPONSE_BYTES = 2 * 1024 * 1024  # an answer of a few hundred tokens is a few kB


class LLMError(NarrascopeError):
    """The LLM endpoint could not be reached, refused the request, or answered something unusable."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _refused_format(exc: LLMError) -> bool:
    """The server rejected the `json_schema` response format (and may take `json_object` + schema)."""
    return exc.status == 422 or (exc.status in (400, 500) and "response_format" in str(exc))


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the same scheme, host and port: urllib would otherwise copy the
    Authorization header (the API key) to whatever host the redirect names."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if (old.scheme, old.hostname, old.port) != (new.scheme, new.hostname, new.port):
            raise LLMError(f"{req.full_url}: the server redirects to {new.scheme}://{new.netloc}, which is not "
                           "followed (it would receive the API key); set NARRASCOPE_LLM_BASE_URL to the address "
                           "that answers", code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


def _read_capped(stream, url: str, limit: int = MAX_RESPONSE_BYTES) -> bytes:
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise LLMError(f"{url}: the answer is over {limit // 1024} kB; refused (is NARRASCOPE_LLM_BASE_URL an LLM "
                       "server?)")
    return body


@dataclass(slots=True)
class LLMConfig:
    base_url: str
    model: str = "default"
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 2
    temperature: float = 0.0
    max_tokens: int = 300

    @classmethod
    def from_env(cls, **overrides: Any) -> LLMConfig:
        env = os.environ
        values: dict[str, Any] = {
            "base_url": env.get("NARRASCOPE_LLM_BASE_URL", ""),
            "model": env.get("NARRASCOPE_LLM_MODEL") or "default",
            "api_key": env.get("NARRASCOPE_LLM_API_KEY") or None,
        }
        try:
            values["timeout"] = float(env.get("NARRASCOPE_LLM_TIMEOUT", 60))
            values["retries"] = int(env.get("NARRASCOPE_LLM_RETRIES", 2))
        except ValueError as exc:
            raise ConfigError(f"NARRASCOPE_LLM_TIMEOUT / NARRASCOPE_LLM_RETRIES: not a number ({exc})") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        if not values["base_url"]:
            raise ConfigError("the LLM backend needs a base URL: set NARRASCOPE_LLM_BASE_URL "
                              "(e.g. http://127.0.0.1:8080/v1) or pass base_url")
        if not values["base_url"].startswith(("http://", "https://")):
            raise ConfigError(f"NARRASCOPE_LLM_BASE_URL: {values['base_url']!r} is not an http(s) URL")
        return cls(**values)


class LLMClient:
    """A minimal chat-completions client with JSON-schema constrained answers."""

    def __init__(self, config: LLMConfig):
        self.config = config
        self.url = config.base_url.rstrip("/") + "/chat/completions"
        self._format = "json_schema"

    @classmethod
    def from_env(cls, **overrides: Any) -> LLMClient:
        return cls(LLMConfig.from_env(**overrides))

    @property
    def name(self) -> str:
        return f"llm:{self.config.model}"

    # -- transport --------------------------------------------------------------------------------
    def _post(self, payload: dict) -> dict:
        body = json.dumps(payload).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        last: str = ""
        for attempt in range(self.config.retries + 1):
            if attempt:
                time.sleep(min(0.5 * 2 ** (attempt - 1), 8.0))
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with _OPENER.open(request, timeout=self.config.timeout) as resp:
                    return json.loads(_read_capped(resp, self.url).decode("utf-8"))
            except urllib.error.HTTPError as exc:
                detail = exc.read(4096).decode("utf-8", "replace")[:300]
                last = f"HTTP {exc.code}: {detail}"
                # Some servers answer a request they cannot validate with a 500: not worth a retry.
                if exc.code not in RETRY_STATUS or "response_format" in detail:
                    raise LLMError(f"{self.url}: the server refused the request ({last})", exc.code) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                last = f"{type(reason).__name__}: {reason}"
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise LLMError(f"{self.url}: the answer is not JSON ({exc})") from None
            log.info("LLM request to %s failed (attempt %d): %s", self.url, attempt + 1, last)
        if last.startswith("HTTP"):
            raise LLMError(f"{self.url}: the server kept failing, {self.config.retries + 1} attempt(s) ({last})")
        raise LLMError(f"{self.url}: unreachable after {self.config.retries + 1} attempt(s) ({last}); "
                       "check NARRASCOPE_LLM_BASE_URL and that the server is running")

    def chat_json(self, system: str, user: str, schema: dict, name: str = "answer",
                  max_tokens: int | None = None) -> dict:
        """Ask for an answer that follows `schema`; return it parsed.

        OpenAI's `json_schema` response format is tried first; servers that only know the older
        `json_object` + `schema` form (llama-cpp-python's) get that instead, remembered per client."""
        payload = {
            "model": self.config.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": self.config.temperature,
            "max_tokens": max(self.config.max_tokens, max_tokens or 0),
        }
        formats = {
            "json_schema": {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}},
            "json_object": {"type": "json_object", "schema": schema},
        }
        try:
            data = self._post({**payload, "response_format": formats[self._format]})
        except LLMError as exc:
            if self._format != "json_schema" or not _refused_format(exc):
                raise
            log.info("%s does not take json_schema; using json_object + schema", self.url)
            self._format = "json_object"
            data = self._post({**payload, "response_format": formats[self._format]})
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise LLMError(f"{self.url}: unexpected answer shape (no choices[0].message.content)") from None
        try:
            parsed = json.loads(content)
        except (json.JSONDecodeError, TypeError):
            raise LLMError(f"{self.url}: the model's answer does not follow the JSON schema: {str(content)[:200]!r}") from None
        if not isinstance(parsed, dict):
            raise LLMError(f"{self.url}: expected a JSON object, got {type(parsed).__name__}")
        return parsed

    # -- tasks ------------------------------------------------------------------------------------
    def explain(self, article: str, language: str | None, narrative: str, subnarrative: str | None,
                evidence: list[str] | None = None, max_words: int = 80) -> str:
        """A short explanation, in the article's language, of why `narrative` is the article's dominant one."""
        # maxLength, with a token limit above it, lets a constrained decoder always close the JSON (a
        # string cut by the token limit would leave it unterminated); ~6 characters a word on average.
        max_chars = 6 * max_words
        schema = {"type": "object", "properties": {"explanation": {"type": "string", "maxLength": max_chars}},
                  "required": ["explanation"], "additionalProperties": False}
        system = ("You explain why a news article pushes a given propaganda narrative. Answer in the language "
                  f"of the article ({language or 'same as the article'}), in at most {max_words} words, "
                  "stating what the article claims and citing its own words as evidence. No preamble.")
        label = narrative + (f" / {subnarrative}" if subnarrative else "")
        hints = "".join(f"\n- {q}" for q in (evidence or []))
        user = (f"Narrative: {label}\n"
                + (f"Sentences that support it:{hints}\n" if hints else "")
                + f"Article:\n{article[:MAX_ARTICLE_CHARS]}")
        answer = self.chat_json(system, user, schema, "explanation", max_tokens=max_chars + 40)
        text = str(answer.get("explanation", "")).strip()
        if not text:
            raise LLMError(f"{self.url}: the model returned an empty explanation")
        return " ".join(text.split()[:max_words])

    def rerank(self, article: str, labels: list[str]) -> list[str]:
        """`labels` reordered by the model's judgement of how dominant each is in the article."""
        if len(labels) < 2:
            return list(labels)
        schema = {"type": "object", "properties": {"dominant": {"type": "string", "enum": list(labels)}},
                  "required": ["dominant"], "additionalProperties": False}
        system = "You pick the single narrative that dominates a news article, from a given list."
        options = "".join(f"\n- {lab}" for lab in labels)
        user = f"Narratives:{options}\nArticle:\n{article[:MAX_ARTICLE_CHARS]}"
        choice = self.chat_json(system, user, schema, "dominant_narrative").get("dominant")
        if choice not in labels:
            raise LLMError(f"{self.url}: the model chose {choice!r}, which is not one of the candidates")
        return [choice] + [lab for lab in labels if lab != choice]
