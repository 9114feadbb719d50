"""Query parameters of every view, validated: a wrong value or an unknown name is a 422 that says
which parameter and why (a misspelt `?narative=` must not silently show the whole corpus)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from narrascope.api.limits import search_problem
from narrascope.document import replace_lone_surrogates
from narrascope.store.query import Filters

Label = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Lang = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
Values = Annotated[list[Label], Field(max_length=20)]
FILTER_FIELDS = ("narrative", "subnarrative", "entity", "role", "technique", "language", "source", "domain",
                 "doc_id", "date_from", "date_to", "q", "confident")


class FilterParams(BaseModel):
    """Which documents a view is about (see `narrascope.store.query` for the semantics)."""

    model_config = ConfigDict(extra="forbid")

    narrative: Values = Field(default_factory=list, description="Narrative label (repeat: all must be present).")
    subnarrative: Values = Field(default_factory=list, description="Sub-narrative label (repeat: all present).")
    entity: Values = Field(default_factory=list, description="Entity name (repeat: all present).")
    role: Values = Field(default_factory=list, description="Role; with `entity`, the role that entity is cast in.")
    technique: Values = Field(default_factory=list, description="Persuasion technique (repeat: all present).")
    language: Annotated[list[Lang], Field(max_length=20)] = Field(
        default_factory=list, description="Language code, e.g. en (repeat: any of them).")
    source: Values = Field(default_factory=list, description="Source name (repeat: any of them).")
    domain: Values = Field(default_factory=list, description="Domain, e.g. URW or CC (repeat: any of them).")
    doc_id: Values = Field(default_factory=list, description="Document id as ingested (repeat: any of them).")
    date_from: dt.date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    date_to: dt.date | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    q: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        None, description='Full-text search: words (all must appear), "phrases", prefix*, OR.')
    confident: bool = Field(False, description=("Count and match only labels not marked weak (right less than half "
                                                "the time at their score in training); selects no documents by itself."))

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any) -> Any:
        # HTML forms send empty fields as `name=`; that means "not set", not "the empty string".
        if isinstance(value, list):
            return [v for v in value if not (isinstance(v, str) and not v.strip())]
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("q")
    @classmethod
    def _search_within_limits(cls, value: str | None) -> str | None:
        problem = search_problem(value) if value else None
        if problem:
            raise ValueError(f"the search {problem}")
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> FilterParams:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from ({self.date_from}) is after date_to ({self.date_to})")
        return self

    def filters(self) -> Filters:
        data = {name: getattr(self, name) for name in FILTER_FIELDS}
        for name in ("date_from", "date_to"):
            data[name] = data[name].isoformat() if data[name] else None
        return Filters.from_mapping(data)


class CorpusParams(FilterParams):
    limit: int = Field(50, ge=1, le=500, description="Documents per page.")
    offset: int = Field(0, ge=0, le=10_000_000, description="Documents to skip.")
    sort: Literal["date", "date_asc", "relevance", "ingested"] | None = Field(
        None, description="Order (default: relevance when searching, else newest first).")
    facets: bool = Field(True, description="Include facet counts.")
    facet_limit: int = Field(15, ge=1, le=200, description="Values per facet.")


class FacetParams(FilterParams):
    names: Annotated[list[Literal["narrative", "subnarrative", "entity", "role", "technique", "language", "source",
                                  "domain"]], Field(max_length=8)] = Field(default_factory=list)
    facet_limit: int = Field(15, ge=1, le=200)


class DashboardParams(FilterParams):
    interval: Literal["auto", "day", "week", "month"] = Field(
        "auto", description="Timeline bucket; auto: the finest that draws the view in at most 62 points.")
    level: Literal["narrative", "subnarrative", "technique", "entity", "role"] = Field(
        "narrative", description="Which labels the timeline and breakdowns count.")
    metric: Literal["count", "share"] = Field("count", description="Chart documents, or their share of the bucket.")
    top: int = Field(8, ge=1, le=30, description="Series on the timeline.")


class ExportParams(FilterParams):
    include_text: bool | None = Field(None, description="Include article texts (default: JSONL yes, CSV no).")


class SpanParams(FilterParams):
    kind: Literal["technique", "mention", "narrative_evidence", "subnarrative_evidence", "entity_evidence",
                  "explanation_evidence", "paragraph_technique"] = "technique"
    label: Label | None = None
    limit: int = Field(100, ge=1, le=1000)


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(min_length=1)] = Field(description="The article text.")
    title: Annotated[str, StringConstraints(max_length=1000)] | None = None
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    source: Annotated[str, StringConstraints(max_length=300)] | None = None
    published: Annotated[str, StringConstraints(max_length=64)] | None = None
    lang: Lang | None = None
    id: Annotated[str, StringConstraints(max_length=300)] | None = None
    store: bool = Field(False, description="Also store it in the corpus (only on a server started --writable).")
    _repaired: int = PrivateAttr(0)  # lone surrogates replaced with U+FFFD (see narrascope.document)

    @model_validator(mode="wrap")
    @classmethod
    def _replace_lone_surrogates(cls, data: Any, handler: Any) -> AnalyzeRequest:
        # JSON may escape half a UTF-16 pair ("\ud800"); pydantic refuses such a str outright, and
        # narrascope's policy is to keep the record with U+FFFD in its place.
        data, repaired = replace_lone_surrogates(data) if isinstance(data, dict) else (data, 0)
        model = handler(data)
        model._repaired = repaired
        return model

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is only whitespace")
        return value
