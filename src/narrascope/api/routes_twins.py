"""`.json` addresses of the web UI's pages: `/documents/KEY.json`, `/dashboard.json?language=ru`, ...

Readers who copy a page's address and add `.json` (as Datasette's pages answer) are sent, with the same
query, to the page's JSON twin under /api, which the page itself links to. A redirect rather than a second
copy of each twin keeps one builder per page. These routes come before the pages', so that
`/documents/KEY.json` is not read as a key with ".json" in it.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

router = APIRouter(include_in_schema=False)

# The page's address with `.json`, and its twin's (path parameters as in the page's route).
TWINS = {
    "/documents.json": "/api/documents",  # the corpus page is `/`; its twin lists the documents
    "/documents/{key}.json": "/api/documents/{key}",
    "/dashboard.json": "/api/dashboard",
    "/stories.json": "/api/stories",
    "/stories/{story_id}.json": "/api/stories/{story_id}",
    "/campaigns.json": "/api/campaigns",
    "/campaigns/{group_id}.json": "/api/campaigns/{group_id}",
    "/emerging.json": "/api/emerging",
    "/entities/{name:path}.json": "/api/entities/{name}",
    "/compare.json": "/api/compare",
}


def twin_url(request: Request, api_path: str) -> str:
    """`api_path` with the request's query, as the page's "{ } JSON" link gives it."""
    query = request.url.query
    return api_path + ("?" + query if query else "")


def _redirect_to(api_path: str) -> Callable[[Request], RedirectResponse]:
    def redirect(request: Request) -> RedirectResponse:
        # An entity's name may hold "?", "#" or "/": each goes into the twin's path percent-encoded.
        values = {name: quote(str(value), safe="") for name, value in request.path_params.items()}
        return RedirectResponse(twin_url(request, api_path.format(**values)), status_code=307)
    return redirect


for _page, _twin in TWINS.items():
    router.add_api_route(_page, _redirect_to(_twin), methods=["GET"], summary=f"{_page} -> {_twin}")
