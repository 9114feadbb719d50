"""JSON twins of the corpus pages: stories, copy-paste campaigns, emerging groups, one entity, and a
comparison of two slices; plus saving a named group into the server's custom taxonomy file."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from narrascope.api.params_corpus import (
    CampaignParams,
    CompareParams,
    EmergingParams,
    EntityParams,
    NarrativeToSave,
    StoryParams,
)
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

router = APIRouter(prefix="/api", tags=["corpus views"])
GroupId = Annotated[int, Path(ge=1, le=2**62, description="Group id, as listed.")]
EntityName = Annotated[str, Path(min_length=1, max_length=300, description="Entity name (as in the entity facet).")]


def _store(request: Request):
    return request.app.state.ctx.store


@router.get("/stories", summary="Stories: articles about one event across outlets and languages (stories page)")
def stories(request: Request, params: Annotated[StoryParams, Query()]) -> dict[str, Any]:
    return stories_view(_store(request), params)


@router.get("/stories/{story_id}", summary="One story with all its articles")
def story(request: Request, story_id: GroupId) -> dict[str, Any]:
    return story_view(_store(request), story_id)


@router.get("/campaigns", summary="Copy-paste groups published by several sources (campaigns page)")
def campaigns(request: Request, params: Annotated[CampaignParams, Query()]) -> dict[str, Any]:
    return campaigns_view(_store(request), params)


@router.get("/campaigns/{group_id}", summary="One copy-paste group: who published first, spread, shared text")
def campaign(request: Request, group_id: GroupId) -> dict[str, Any]:
    return campaign_view(_store(request), group_id)


@router.get("/emerging", summary="Groups of similar articles the taxonomy covers poorly (emerging page)")
def emerging(request: Request, params: Annotated[EmergingParams, Query()]) -> dict[str, Any]:
    return emerging_view(_store(request), params)


@router.post("/taxonomy/narratives", summary="Save a named group as a narrative of the server's --taxonomy file")
def save_narrative(request: Request, body: NarrativeToSave) -> dict[str, Any]:
    return save_narrative_view(request.app.state.ctx.taxonomy, body)


@router.get("/entities/{name:path}", summary="One entity: roles over time and by source, narratives, mentions")
def entity(request: Request, name: EntityName, params: Annotated[EntityParams, Query()]) -> dict[str, Any]:
    return entity_view(_store(request), name, params)


@router.get("/compare", summary="Two sources, languages or date ranges side by side (compare page)")
def compare(request: Request, params: Annotated[CompareParams, Query()]) -> dict[str, Any]:
    return compare_view(_store(request), params)
