"""The REST API: the JSON twin of every page, exports, and analysis of new text."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import StreamingResponse

from narrascope._version import __version__
from narrascope.api.params import (
    AnalyzeRequest,
    CorpusParams,
    DashboardParams,
    ExportParams,
    FacetParams,
    SpanParams,
)
from narrascope.api.views import article_view, corpus_view, dashboard_view, key_of
from narrascope.document import REPAIRS_KEY, Document
from narrascope.errors import InputError
from narrascope.ingest.raw import decode_text, guess_title
from narrascope.store.export import iter_csv, iter_jsonl, iter_timeline_csv
from narrascope.web.highlight import not_the_article
from narrascope.web.labels import catalog

router = APIRouter(prefix="/api", tags=["api"])
KeyPath = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{8,64}$", description="Document key (≥ 8 hex digits).")]


def _ctx(request: Request):
    return request.app.state.ctx


@router.get("/stats", summary="Corpus and server facts")
def stats(request: Request) -> dict[str, Any]:
    ctx = _ctx(request)
    return {**ctx.store.stats(), "version": __version__, "writable": ctx.writable, "analyzers": ctx.analyzers}


@router.get("/documents", summary="Filtered, searchable document list with facet counts (corpus page)")
def documents(request: Request, params: Annotated[CorpusParams, Query()]) -> dict[str, Any]:
    return corpus_view(_ctx(request).store, params)


@router.get("/documents/{key}", summary="One stored analysis with its text (article page)")
def document(request: Request, key: KeyPath) -> dict[str, Any]:
    return article_view(_ctx(request).store, key)


@router.get("/facets", summary="Document counts per facet value among the filtered documents")
def facets(request: Request, params: Annotated[FacetParams, Query()]) -> dict[str, Any]:
    f = params.filters()
    return {"filters": f.to_dict(), "facets": _ctx(request).store.facets(f, params.names or None, params.facet_limit)}


@router.get("/dashboard", summary="Prevalence over time, by source and language; top entities; techniques")
def dashboard(request: Request, params: Annotated[DashboardParams, Query()]) -> dict[str, Any]:
    return dashboard_view(_ctx(request).store, params)


def _batched(lines: Iterator[str], size: int = 256) -> Iterator[str]:
    # A sync iterator is read one item per thread-pool hop: send a few hundred lines per hop.
    while chunk := "".join(itertools.islice(lines, size)):
        yield chunk


def _download(chunks: Iterator[str], media_type: str, filename: str) -> StreamingResponse:
    batches = _batched(chunks)
    # The first batch is read before the answer starts, so a failure there (a damaged database)
    # still gets an error status; one later on breaks the transfer off (never a complete-looking file).
    first = next(batches, "")
    return StreamingResponse(itertools.chain([first], batches), media_type=media_type,
                             headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/timeline.csv", summary="The dashboard timeline as CSV (bucket, label, documents, share)")
def timeline_csv(request: Request, params: Annotated[DashboardParams, Query()]) -> StreamingResponse:
    data = _ctx(request).store.timeline(params.filters(), params.interval, params.level, params.top)
    return _download(iter_timeline_csv(data), "text/csv; charset=utf-8", f"narrascope-timeline-{data['interval']}.csv")


@router.get("/export.csv", summary="Filtered documents as CSV, one row per document")
def export_csv(request: Request, params: Annotated[ExportParams, Query()]) -> StreamingResponse:
    chunks = iter_csv(_ctx(request).store, params.filters(), include_text=bool(params.include_text))
    return _download(chunks, "text/csv; charset=utf-8", "narrascope-export.csv")


@router.get("/export.jsonl", summary="Filtered documents as JSON Lines, one full analysis per line")
def export_jsonl(request: Request, params: Annotated[ExportParams, Query()]) -> StreamingResponse:
    include_text = params.include_text is not False
    chunks = iter_jsonl(_ctx(request).store, params.filters(), include_text=include_text)
    return _download(chunks, "application/x-ndjson", "narrascope-export.jsonl")


@router.get("/spans", summary="Evidence spans with their text, e.g. every passage flagged as one technique")
def spans(request: Request, params: Annotated[SpanParams, Query()]) -> dict[str, Any]:
    f = params.filters()
    items = list(_ctx(request).store.iter_spans(params.kind, params.label, f, params.limit))
    return {"kind": params.kind, "label": params.label, "filters": f.to_dict(), "spans": items}


@router.get("/labels", summary="Names and definitions of techniques, roles and narratives")
def labels() -> dict[str, Any]:
    return {kind: sorted(items.values(), key=lambda x: x["name"]) for kind, items in catalog().items()}


def analyze_document(request: Request, doc: Document, store: bool) -> dict[str, Any]:
    """Analyse one document (and store it if asked and allowed): shared by the API and the page."""
    ctx = _ctx(request)
    if store and not ctx.writable:
        raise HTTPException(403, "this server opened the corpus read-only; restart `narrascope serve` with "
                                 "--writable to store documents (the analysis itself works without it)")
    analysis = ctx.analyse(doc)
    status = ctx.store.add(analysis) if store else None
    return {"key": key_of(analysis), "stored": bool(store), "status": status, "analysis": analysis.to_dict(),
            "not_the_article": not_the_article(analysis.document.text)}


@router.post("/analyze", summary="Analyse a text (JSON body); optionally store it")
def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    meta = {REPAIRS_KEY: f"{body._repaired} lone surrogate(s) (invalid UTF-16) replaced with U+FFFD"} \
        if body._repaired else {}
    doc = Document(text=body.text, id=body.id or "", title=body.title or guess_title(body.text), url=body.url,
                   source=body.source, published=body.published, lang=body.lang, meta=meta)
    return analyze_document(request, doc, body.store)


@router.post("/analyze/upload", summary="Analyse an uploaded UTF-8 text file; optionally store it")
def analyze_upload(
    request: Request,
    file: Annotated[UploadFile, File(description="A UTF-8 text file with one article.")],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    source: Annotated[str | None, Form(max_length=300)] = None,
    published: Annotated[str | None, Form(max_length=64)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    store: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    name = file.filename or "upload"
    try:
        text = decode_text(file.file.read(), name)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    doc = Document(text=text, id=name, title=title or guess_title(text), url=url or None, source=source or None,
                   published=published or None)
    return analyze_document(request, doc, store)
