"""The web UI: server-rendered pages (they work without JavaScript; the script adds tooltips,
layer toggles and the chart read-out). Each page links to its JSON twin under /api."""
from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from narrascope.api.limits import client_address
from narrascope.api.params import CorpusParams, DashboardParams
from narrascope.api.routes_api import KeyPath, analyze_document
from narrascope.api.routes_twins import twin_url
from narrascope.api.security import SESSION_COOKIE, session_value
from narrascope.api.views import (
    article_context,
    article_view,
    corpus_view,
    dashboard_view,
    document_tags,
    facet_entries,
)
from narrascope.document import Analysis, Document
from narrascope.errors import InputError
from narrascope.ingest.raw import decode_text, guess_title
from narrascope.web.charts import line_chart
from narrascope.web.highlight import render_text
from narrascope.web.labels import SERIES_COLORS, technique_groups

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    ctx = request.app.state.ctx
    page = ctx.templates.get_template(template).render(
        request=request, writable=ctx.writable, token_required=ctx.token is not None, **context)
    return HTMLResponse(page, status_code=status)


@router.get("/", response_class=HTMLResponse)
def corpus_page(request: Request, params: Annotated[CorpusParams, Query()]) -> HTMLResponse:
    data = corpus_view(request.app.state.ctx.store, params)
    filters = params.filters()
    return render(request, "corpus.html", data=data, filters=filters, params=params, facets=facet_entries(data, filters),
                  tags=document_tags, json_url=twin_url(request, "/api/documents"), page_title="Corpus")


@router.get("/documents/{key}", response_class=HTMLResponse)
def article_page(request: Request, key: KeyPath) -> HTMLResponse:
    data = article_view(request.app.state.ctx.store, key)
    analysis = Analysis.from_dict(data["analysis"])
    return _article(request, analysis, data, json_url=f"/api/documents/{data['key']}")


def _article(request: Request, analysis: Analysis, data: dict[str, Any], json_url: str | None,
             status: int = 200) -> HTMLResponse:
    extra = article_context(analysis, data.get("not_the_article"))
    return render(request, "article.html", status=status, a=analysis, data=data, json_url=json_url,
                  text_html=render_text(analysis.document.text, extra["annotations"]),
                  annotations_json=extra["annotations"], technique_groups=technique_groups(),
                  page_title=extra["heading"], **extra)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, params: Annotated[DashboardParams, Query()]) -> HTMLResponse:
    data = dashboard_view(request.app.state.ctx.store, params)
    t = data["timeline"]
    chart = line_chart(t["buckets"], t["series"], t["totals"], metric=params.metric) if t["buckets"] else None
    chart_data = {"buckets": t["buckets"], "totals": t["totals"], "metric": params.metric,
                  "series": [{"label": s["label"], "counts": s["counts"], "shares": s["shares"],
                              "color": SERIES_COLORS[i % len(SERIES_COLORS)]} for i, s in enumerate(t["series"])]}
    return render(request, "dashboard.html", data=data, filters=params.filters(), params=params, chart=chart,
                  chart_json=chart_data, series_colors=SERIES_COLORS, json_url=twin_url(request, "/api/dashboard"),
                  csv_url=twin_url(request, "/api/timeline.csv"), page_title="Dashboard")


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", page_title="Analyse an article", form={}, error=None)


@router.post("/analyze", response_class=HTMLResponse)
def analyze_submit(
    request: Request,
    text: Annotated[str, Form()] = "",
    file: UploadFile | None = None,
    title: Annotated[str, Form(max_length=1000)] = "",
    source: Annotated[str, Form(max_length=300)] = "",
    published: Annotated[str, Form(max_length=64)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    store: Annotated[bool, Form()] = False,
):
    form = {"text": text, "title": title, "source": source, "published": published, "url": url}
    name = "pasted text"
    try:
        if file is not None and file.filename:
            name = file.filename
            text = decode_text(file.file.read(), name)
        elif not text.strip():
            raise InputError(name, "empty: paste an article or choose a text file")
    except InputError as exc:
        return render(request, "analyze.html", status=422, page_title="Analyse an article", form=form,
                      error=str(exc))
    doc = Document(text=text, id=name if file is not None and file.filename else "", title=title or guess_title(text),
                   source=source or None, published=published or None, url=url or None)
    result = analyze_document(request, doc, store)
    if result["stored"]:
        return RedirectResponse(f"/documents/{result['key']}", status_code=303)
    analysis = Analysis.from_dict(result["analysis"])
    return _article(request, analysis, {"key": result["key"], "stored": False}, json_url=None)


def _safe_next(target: str | None) -> str:
    # Only paths of this server: "//evil.example" or "https://..." would make /login an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", page_title="Sign in", next=_safe_next(next), error=None, inline_css=True)


@router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, token: Annotated[str, Form(max_length=1000)] = "",
                 next: Annotated[str, Form(max_length=4000)] = "/"):
    ctx = request.app.state.ctx
    expected = ctx.token
    if expected is None:
        return RedirectResponse(_safe_next(next), status_code=303)
    client = client_address(request.scope)
    wait = ctx.logins.wait(client)
    if wait > 0:  # checked before the token, so guesses made while waiting tell nothing
        seconds = max(1, round(wait + 0.5))
        page = render(request, "login.html", status=429, page_title="Sign in", next=_safe_next(next),
                      error=f"Too many wrong tokens from your address: try again in {seconds} s.", inline_css=True)
        page.headers["retry-after"] = str(seconds)
        return page
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        ctx.logins.failed(client)
        return render(request, "login.html", status=401, page_title="Sign in", next=_safe_next(next),
                      error="That is not the token this server was started with.", inline_css=True)
    ctx.logins.succeeded(client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, session_value(expected), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.get("/docs", response_class=HTMLResponse)
def swagger(request: Request) -> HTMLResponse:
    from fastapi.openapi.docs import get_swagger_ui_html

    return get_swagger_ui_html(openapi_url="/openapi.json", title="narrascope API",
                               swagger_js_url="/static-docs/swagger-ui-bundle.js",
                               swagger_css_url="/static-docs/swagger-ui.css",
                               swagger_favicon_url="/static/favicon.svg")


def error_page(request: Request, status: int, title: str, reasons: list[str]) -> HTMLResponse:
    return render(request, "error.html", status=status, page_title=title, status_code=status, title=title,
                  reasons=reasons)
