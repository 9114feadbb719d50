"""The corpus pages of the web UI: stories, campaigns, emerging, entity, compare. Each links to its
JSON twin under /api (same builder, same parameters)."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from narrascope.api.params_corpus import (
    CampaignParams,
    CompareParams,
    EmergingParams,
    EntityParams,
    NarrativeToSave,
    StoryParams,
)
from narrascope.api.routes_corpus_api import EntityName, GroupId
from narrascope.api.routes_pages import render
from narrascope.api.routes_twins import twin_url
from narrascope.api.views_corpus import (
    campaign_view,
    campaigns_view,
    compare_view,
    emerging_view,
    entity_view,
    save_narrative_view,
    stories_view,
    story_view,
)
from narrascope.errors import TaxonomyError
from narrascope.web.charts import line_chart

router = APIRouter(include_in_schema=False)


def _store(request: Request):
    return request.app.state.ctx.store


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, params: Annotated[StoryParams, Query()]) -> HTMLResponse:
    data = stories_view(_store(request), params)
    return render(request, "stories.html", data=data, params=params, filters=params.filters(),
                  json_url=twin_url(request, "/api/stories"), page_title="Stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: GroupId) -> HTMLResponse:
    data = story_view(_store(request), story_id)
    return render(request, "story.html", s=data, json_url=f"/api/stories/{story_id}", page_title=data["title"] or "Story")


@router.get("/campaigns", response_class=HTMLResponse)
def campaigns_page(request: Request, params: Annotated[CampaignParams, Query()]) -> HTMLResponse:
    data = campaigns_view(_store(request), params)
    return render(request, "campaigns.html", data=data, params=params, filters=params.filters(),
                  json_url=twin_url(request, "/api/campaigns"), page_title="Campaigns")


@router.get("/campaigns/{group_id}", response_class=HTMLResponse)
def campaign_page(request: Request, group_id: GroupId) -> HTMLResponse:
    data = campaign_view(_store(request), group_id)
    return render(request, "campaign.html", g=data, json_url=f"/api/campaigns/{group_id}",
                  page_title=data["title"] or "Copy-paste group")


def _emerging(request: Request, params: EmergingParams, status: int = 200, saved: dict | None = None,
              error: str | None = None) -> HTMLResponse:
    data = emerging_view(_store(request), params)
    return render(request, "emerging.html", status=status, data=data, params=params, filters=params.filters(),
                  taxonomy=request.app.state.ctx.taxonomy, saved=saved, error=error,
                  json_url=twin_url(request, "/api/emerging"), page_title="Emerging")


@router.get("/emerging", response_class=HTMLResponse)
def emerging_page(request: Request, params: Annotated[EmergingParams, Query()]) -> HTMLResponse:
    return _emerging(request, params)


@router.post("/emerging/save", response_class=HTMLResponse)
def emerging_save(
    request: Request,
    name: Annotated[str, Form(max_length=300)] = "",
    definition: Annotated[str, Form(max_length=2000)] = "",
    examples: Annotated[str, Form(max_length=20_000)] = "",
    parent: Annotated[str, Form(max_length=300)] = "",
) -> HTMLResponse:
    params = EmergingParams()
    try:
        item = NarrativeToSave(name=name.strip() or " ", definition=definition,
                               examples=[e for e in examples.splitlines() if e.strip()][:20], parent=parent or None)
        result = save_narrative_view(request.app.state.ctx.taxonomy, item)
    except TaxonomyError as exc:
        return _emerging(request, params, status=422, error=str(exc))
    return _emerging(request, params, saved=result)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: EntityName, params: Annotated[EntityParams, Query()]) -> HTMLResponse:
    data = entity_view(_store(request), name, params)
    t = data["roles_over_time"]
    totals = [sum(s["counts"][i] for s in t["series"]) for i in range(len(t["buckets"]))]
    shares = [{**s, "shares": [c / n if n else 0.0 for c, n in zip(s["counts"], totals, strict=True)]}
              for s in t["series"]]
    chart = line_chart(t["buckets"], shares, totals) if t["buckets"] else None
    return render(request, "entity.html", e=data, params=params, filters=params.filters(), chart=chart,
                  json_url=twin_url(request, "/api/entities/" + quote(name, safe="")), page_title=name)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, params: Annotated[CompareParams, Query()]) -> HTMLResponse:
    data = compare_view(_store(request), params)
    facets = _store(request).facets(params.filters(), names=["source", "language"], limit=50)
    return render(request, "compare.html", data=data, params=params, filters=params.filters(), facets=facets,
                  json_url=twin_url(request, "/api/compare"), page_title="Compare")
