"""Query parameters of the corpus views (stories, campaigns, emerging, entity, compare)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from narrascope.api.params import FilterParams, Lang, Values
from narrascope.store.query import Filters

Text = Annotated[str, StringConstraints(max_length=2000)]


class StoryParams(FilterParams):
    sort: Literal["size", "recent"] = Field("size", description="Largest stories first, or most recent.")
    limit: int = Field(30, ge=1, le=200, description="Stories per page.")
    offset: int = Field(0, ge=0, le=10_000_000)


class CampaignParams(FilterParams):
    min_sources: int = Field(2, ge=1, le=100, description="Only groups published by at least this many sources.")
    limit: int = Field(30, ge=1, le=200, description="Groups per page.")
    offset: int = Field(0, ge=0, le=10_000_000)


class EmergingParams(FilterParams):
    max_coverage: float = Field(0.5, ge=0, le=1, description="Best narrative score below which an article is "
                                "poorly covered by the taxonomy.")
    threshold: float = Field(0.45, ge=0.1, le=0.99, description="Similarity that joins articles into a group.")
    min_size: int = Field(3, ge=2, le=1000)
    min_cohesion: float = Field(0.55, ge=0, le=1)
    window: int = Field(3000, ge=10, le=20_000, description="How many of the most recent matching articles "
                        "are grouped (the view is recomputed for them, not for the whole store).")
    top: int = Field(15, ge=1, le=100)


class EntityParams(FilterParams):
    interval: Literal["auto", "day", "week", "month"] = Field(
        "auto", description="Timeline bucket; auto: the finest that draws the entity's documents in at most 62 points.")
    mentions: int = Field(30, ge=1, le=200, description="Recent documents whose mentions are listed.")


class CompareParams(FilterParams):
    """Two slices, A and B: the shared filters, each narrowed by its own source, language or dates."""

    a_source: Values = Field(default_factory=list, description="Side A: source (repeat: any).")
    a_language: Annotated[list[Lang], Field(max_length=20)] = Field(default_factory=list)
    a_date_from: dt.date | None = None
    a_date_to: dt.date | None = None
    b_source: Values = Field(default_factory=list, description="Side B: source (repeat: any).")
    b_language: Annotated[list[Lang], Field(max_length=20)] = Field(default_factory=list)
    b_date_from: dt.date | None = None
    b_date_to: dt.date | None = None
    top: int = Field(12, ge=1, le=50, description="Rows per table.")

    @model_validator(mode="after")
    def _sides_in_order(self) -> CompareParams:
        for side in "ab":
            start, end = getattr(self, f"{side}_date_from"), getattr(self, f"{side}_date_to")
            if start and end and start > end:
                raise ValueError(f"{side}_date_from ({start}) is after {side}_date_to ({end})")
        return self

    def side(self, name: str) -> Filters:
        base = self.filters()
        changes: dict = {}
        for field in ("source", "language"):
            values = getattr(self, f"{name}_{field}")
            if values:
                changes[field] = list(values)
        for field in ("date_from", "date_to"):
            value = getattr(self, f"{name}_{field}")
            if value:
                changes[field] = value.isoformat()
        return dataclasses.replace(base, **changes)

    def chosen(self) -> bool:
        return any(getattr(self, f"{s}_{f}") for s in "ab" for f in ("source", "language", "date_from", "date_to"))


class NarrativeToSave(BaseModel):
    """A narrative named from an emerging group, for the server's custom taxonomy file."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    definition: Text = ""
    examples: Annotated[list[Text], Field(max_length=20)] = Field(default_factory=list)
    parent: Annotated[str, StringConstraints(max_length=300)] | None = None
