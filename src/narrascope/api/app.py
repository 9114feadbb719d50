"""The FastAPI application: REST API, web UI and offline API docs over one corpus database.

    from narrascope.api import create_app
    app = create_app("corpus.db")                     # read-only, no token: for 127.0.0.1
    app = create_app("corpus.db", token="s3cret")     # every request needs the token

Everything is served from the package (templates, script, styles, Swagger UI assets): the UI
works with no network at all.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from narrascope._version import __version__
from narrascope.api.hardening import (
    LOOPBACK_NAMES,
    HostCheckMiddleware,
    SameOriginMiddleware,
    SecurityHeadersMiddleware,
)
from narrascope.api.limits import BODY_TIMEOUT, QUERY_TIME_LIMIT, LoginThrottle
from narrascope.api.security import (
    BodyLimitMiddleware,
    ServerTimingMiddleware,
    TokenMiddleware,
    wants_html,
)
from narrascope.api.views import Analyser, link, marked, web_link
from narrascope.document import replace_lone_surrogates
from narrascope.errors import NarrascopeError
from narrascope.report.common import attribution_note
from narrascope.report.render import reported_only
from narrascope.store.database import DamagedStore, Store
from narrascope.store.guard import is_interrupted
from narrascope.web.labels import catalog, describe, role_class

log = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent.parent / "web"
DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass
class Context:
    """What the routes share: the store, the settings, the templates, the analysis pipeline."""

    store: Store
    writable: bool
    token: str | None
    analyzers: list[str] | None
    max_body: int
    taxonomy: Path | None = None  # the custom taxonomy file the Emerging page saves named groups into
    templates: Environment = field(repr=False, default=None)  # type: ignore[assignment]
    analyse: Analyser = field(repr=False, default=None)  # type: ignore[assignment]
    logins: LoginThrottle = field(repr=False, default_factory=LoginThrottle)


def _swagger_assets() -> Path | None:
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if path.is_dir() else None


def _reasons(errors: list[dict[str, Any]], known: list[str] | None = None) -> list[str]:
    """One sentence per validation error, naming the parameter."""
    out = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path")]
        name = ".".join(loc) or "request"
        if e.get("type") == "extra_forbidden":
            out.append(f"unknown parameter {name!r}" + (f"; known: {', '.join(known)}" if known else ""))
        else:
            out.append(f"{name}: {e.get('msg', 'invalid value')} (got {e.get('input')!r})")
    return out


def create_app(db_path: str | Path, token: str | None = None, writable: bool = False,
               max_body: int = DEFAULT_MAX_BODY, analyzers: list[str] | None = None,
               allowed_hosts: list[str] | None = None, query_time_limit: float | None = QUERY_TIME_LIMIT,
               logins: LoginThrottle | None = None, body_timeout: float = BODY_TIMEOUT,
               taxonomy: str | Path | None = None) -> FastAPI:
    """Build the app. The database is opened read-only unless `writable` (ingest through the UI/API).

    `allowed_hosts`: the host names requests may carry in their Host header (default: the loopback
    names; "*" for any). `query_time_limit`: seconds one SQL statement may run (None: no limit).
    `body_timeout`: seconds a request body may take to arrive. `logins`: the sign-in throttle.
    `taxonomy`: the custom taxonomy file the Emerging page saves named groups into.
    """
    store = Store(db_path, readonly=not writable, query_time_limit=query_time_limit)
    store.check_integrity()  # a damaged file answers with rows silently missing: refuse to serve it
    hosts = list(allowed_hosts or LOOPBACK_NAMES)
    app = FastAPI(
        title="narrascope",
        version=__version__,
        description="Narratives, entity framing and persuasion techniques in a stored news corpus. Every page of "
                    "the web UI has a JSON twin here; exports stream CSV or JSON Lines of any filtered view.",
        docs_url=None, redoc_url=None,
    )
    # static/ is on the path too: the sign-in page inlines the stylesheet and the logo, because
    # nothing else can be fetched before the token is given.
    templates = Environment(loader=FileSystemLoader([WEB / "templates", WEB / "static"]),
                            autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    templates.globals.update(version=__version__, link=link, describe=describe, role_class=role_class,
                             web_link=web_link, attribution_note=attribution_note, reported_only=reported_only)
    templates.filters.update(marked=marked, combine_dict=lambda a, b: {**a, **b})
    ctx = Context(store=store, writable=writable, token=token, analyzers=analyzers, max_body=max_body,
                  taxonomy=Path(taxonomy) if taxonomy else None, templates=templates, analyse=Analyser(analyzers),
                  logins=logins or LoginThrottle())
    app.state.ctx = ctx

    from narrascope.api.routes_api import router as api_router
    from narrascope.api.routes_corpus_api import router as corpus_api_router
    from narrascope.api.routes_corpus_pages import router as corpus_pages_router
    from narrascope.api.routes_pages import error_page
    from narrascope.api.routes_pages import router as pages_router
    from narrascope.api.routes_twins import router as twins_router

    app.include_router(api_router)
    app.include_router(corpus_api_router)
    app.include_router(twins_router)
    app.include_router(pages_router)
    app.include_router(corpus_pages_router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    assets = _swagger_assets()
    if assets is not None:
        app.mount("/static-docs", StaticFiles(directory=assets), name="static-docs")
    else:
        log.warning("fastapi-offline is not installed: /docs cannot load Swagger UI offline")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        route = request.scope.get("route")
        dependant = getattr(route, "dependant", None)
        known = sorted(_query_names(dependant)) if dependant else None
        reasons = _reasons(list(exc.errors()), known)
        if wants_html(request.scope):
            return error_page(request, 422, "Some parameters are not valid", reasons)
        return JSONResponse({"detail": reasons, "errors": _jsonable(exc.errors())}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if wants_html(request.scope):
            return error_page(request, exc.status_code, "Request failed", [str(exc.detail)])
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(NarrascopeError)
    async def narrascope_error(request: Request, exc: NarrascopeError):
        if wants_html(request.scope):
            return error_page(request, 400, "Request failed", [str(exc)])
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(DamagedStore)
    async def damaged_store(request: Request, exc: DamagedStore):
        log.error("%s", exc)
        if wants_html(request.scope):
            return error_page(request, 500, "The corpus database is damaged", [str(exc)])
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.exception_handler(sqlite3.DatabaseError)
    async def database_error(request: Request, exc: sqlite3.DatabaseError):
        if is_interrupted(exc):
            status, message = 503, (f"the query ran over {query_time_limit or 0:g} s and was stopped; narrow it (longer "
                                    "words, fewer prefix* terms, more filters) or try again when the server is "
                                    "less busy")
        else:
            status, message = 500, f"database error ({exc}); the database file may be damaged"
            log.error("database error on %s: %s", request.url.path, exc)
        if wants_html(request.scope):
            return error_page(request, status, "Request failed", [message])
        return JSONResponse({"detail": message}, status_code=status)

    threading.Thread(target=_warm_up, args=(ctx,), name="narrascope-warm-up", daemon=True).start()
    # Added last = runs first: timing wraps everything, then the security headers (on every answer,
    # refusals included), the Host check, the token, then the write/body checks.
    app.add_middleware(BodyLimitMiddleware, max_body=max_body, read_timeout=body_timeout)
    app.add_middleware(SameOriginMiddleware, allowed_hosts=hosts)
    if token is not None:
        app.add_middleware(TokenMiddleware, token=token, throttle=ctx.logins)
    app.add_middleware(HostCheckMiddleware, allowed=hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(ServerTimingMiddleware)
    return app


def _warm_up(ctx: Context) -> None:
    """Do the first request's one-off work at start-up: label index, templates, taxonomies."""
    try:
        index = ctx.store.index
        for name in ("corpus.html", "article.html", "dashboard.html"):
            ctx.templates.get_template(name)
        catalog()
        index.warm()
    except Exception:  # warming is an optimisation; the request path reports real errors
        log.debug("warm-up failed", exc_info=True)


def _query_names(dependant) -> set[str]:
    """Names of the query parameters a route accepts (the fields of a parameter model, flattened)."""
    names: set[str] = set()
    for param in dependant.query_params:
        model = getattr(param.field_info, "annotation", None)
        if isinstance(model, type) and issubclass(model, BaseModel):
            names.update(model.model_fields)
        else:
            names.add(param.alias)
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _jsonable(errors) -> list[dict[str, Any]]:
    out = []
    for e in errors:
        item = {k: v for k, v in e.items() if k in ("type", "loc", "msg")}
        item["input"] = e.get("input") if isinstance(e.get("input"), str | int | float | type(None)) else str(
            e.get("input"))
        out.append(replace_lone_surrogates(item)[0])  # the answer must encode as UTF-8 whatever was sent
    return out
