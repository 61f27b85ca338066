"""Published versions: publish a variant as version N, read any version, render it, and the change log between two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import FastAPI, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from pydantic_core import to_json

from service import published
from service.db.programmes import programme_json
from service.db.tokens import Role
from service.errors import NotFound
from service.exports import ATOM_TYPE
from service.exports.changelog import atom, log_json
from service.operations.sessions import session_row
from service.operations.versions import publish_variant
from service.published import FeedState, Published, PublishedVersion
from service.sessionfile.models import MAX_ID
from service.web import conditional, links, rendering_cache
from service.web.access import guarded
from service.web.api.variants import MeetingOut
from service.web.conditional import Rendering
from service.web.deps import DbDep, SessionId
from service.web.errors import REFUSALS
from service.web.renderings import RESPONSES, Format, Lang, negotiated, published_document

router = guarded(read=Role.public, write=Role.secretariat, tags=["versions"])

Number = Annotated[int, Path(ge=1, le=MAX_ID, description="Version number")]


class PublishIn(BaseModel):
    variant_id: int = Field(ge=1, le=MAX_ID, description="The variant to publish: it keeps every rule and has the approvals the session needs", examples=[2])
    note: str = Field("", max_length=4000, description="What changed and why, for delegates", examples=["Closing meeting moved to Friday afternoon"])


class VersionOut(BaseModel):
    number: int
    note: str
    published_at: dt.datetime
    meetings: int


class VersionDetail(VersionOut):
    programme: list[MeetingOut]


class ChangeEntry(BaseModel):
    uid: str
    kinds: list[Literal["new", "cancelled", "moved", "room", "items"]]
    bodies: list[str]
    items: list[str]
    before: dict[str, str | None] | None
    after: dict[str, str | None] | None
    text: str


class ChangeLog(BaseModel):
    from_version: int
    to_version: int
    from_published_at: str
    to_published_at: str
    changes: list[ChangeEntry]


def _out(v: PublishedVersion) -> VersionOut:
    return VersionOut(number=v.number, note=v.note, published_at=v.published_at, meetings=len(v.programme.meetings))


@router.post("/sessions/{session_id}/versions", operation_id="publish_variant", status_code=201, responses=REFUSALS,
             summary="Publish a variant as the next version of the session's programme (versions never change afterwards)")
def post_version(session_id: SessionId, body: PublishIn, db: DbDep) -> VersionOut:
    version = publish_variant(db, session_row(db, session_id), body.variant_id, body.note)
    db.commit()
    return _out(version)


def _as_of(request: Request, session_id: int, state: FeedState) -> Published:
    """The versions published up to `state`: one published since it was read waits for the request that sees it in its state."""
    with request.app.state.sessionmaker() as db:
        h = published.public(db, session_id)
    return Published(session_id, [v for v in h.versions if v.number <= state.latest])


async def _cached_json(request: Request, session_id: int, key: tuple[object, ...], make: Callable[[Published], BaseModel | list[VersionOut]]) -> Response:
    """A JSON reading of the published versions, from the cache: read once per version published (versions never change)."""

    def rendering(state: FeedState) -> Rendering:
        return Rendering.of(to_json(make(_as_of(request, session_id, state))), "application/json", state.published_at)

    return conditional.respond(request, await rendering_cache.published(request, session_id, key, rendering))


@conditional.get_and_head(router, "/sessions/{session_id}/versions", "list_versions", operation_id="list_versions", responses=REFUSALS,
                          response_model=list[VersionOut], response_class=JSONResponse, summary="Every published version, oldest first")
async def list_versions(request: Request, session_id: SessionId) -> Response:
    return await _cached_json(request, session_id, ("version list",), lambda h: [_out(v) for v in h.versions])


def _detail(h: Published, number: int) -> VersionDetail:
    v = h.version(number)
    return VersionDetail(**_out(v).model_dump(), programme=programme_json(v.programme))


@conditional.get_and_head(router, "/sessions/{session_id}/versions/{number}", "read_version", operation_id="read_version", responses=REFUSALS,
                          response_model=VersionDetail, response_class=JSONResponse, summary="One published version with its programme")
async def read_version(request: Request, session_id: SessionId, number: Number) -> Response:
    return await _cached_json(request, session_id, ("version", number), lambda h: _detail(h, number))


def _read_version(app: FastAPI, session_id: int, number: int) -> PublishedVersion:
    with app.state.sessionmaker() as db:
        found = published.find(db, session_id, number)
    if found is None:
        raise NotFound.at("path.number", f"no published version {number}")
    return found


async def _document(request: Request, session_id: int, number: int | None, fmt: str, lang: str) -> Response:
    """A version's document from the cache: rendered once per version, format and language (versions never change)."""

    def shown(state: FeedState) -> int:
        return state.latest if number is None else number

    def make(state: FeedState) -> Rendering:
        if shown(state) > state.latest:
            raise NotFound.at("path.number", f"no published version {number}")
        return published_document(_read_version(request.app, session_id, shown(state)), fmt, lang)

    def key(state: FeedState) -> tuple[object, ...]:
        return ("document", shown(state), fmt, lang)

    return conditional.respond(request, await rendering_cache.published(request, session_id, key, make))


@conditional.get_and_head(router, "/sessions/{session_id}/versions/{number}/programme", "render_version", operation_id="render_version",
                          responses={**REFUSALS, **RESPONSES}, summary="A published version as a document (text, md, html, docx, json)")
async def render_version(request: Request, session_id: SessionId, number: Number, format: Format = None, lang: Lang = "en") -> Response:
    return await _document(request, session_id, number, negotiated(request, format), lang)


@conditional.get_and_head(router, "/sessions/{session_id}/programme", "render_programme", operation_id="render_programme",
                          responses={**REFUSALS, **RESPONSES}, summary="The published programme (the latest version) as a document")
async def render_programme(request: Request, session_id: SessionId, format: Format = None, lang: Lang = "en") -> Response:
    return await _document(request, session_id, None, negotiated(request, format), lang)


def _atom(request: Request, h: Published, versions: list[PublishedVersion], since: int, lang: str) -> Response:
    feed_id = links.route(request, "changes_atom", session_id=h.session_id)
    version_page = links.absolute(request, f"/ui/sessions/{h.session_id}/versions/{{number}}")
    return Response(atom(h.latest_or_404().session, versions, since, feed_id, links.this(request), version_page, lang), media_type=ATOM_TYPE)


def _log(h: Published, number: int, other: int, lang: str) -> ChangeLog:
    return ChangeLog.model_validate(log_json(h.version(number), h.version(other, "path.other"), lang))


def _log_atom(request: Request, session_id: int, number: int, other: int, lang: str, state: FeedState) -> Rendering:
    h = _as_of(request, session_id, state)
    low, high = sorted((h.version(number).number, h.version(other, "path.other").number))
    return Rendering.of(_atom(request, h, [v for v in h.versions if low <= v.number <= high], low, lang).body, ATOM_TYPE, state.published_at)


@conditional.get_and_head(router, "/sessions/{session_id}/versions/{number}/changes/{other}", "version_changes", operation_id="version_changes",
                          responses={**REFUSALS, 200: {"content": {"application/json": {}, ATOM_TYPE: {}}, "description": "The change log"}},
                          response_model=ChangeLog, response_class=JSONResponse,
                          summary="What changed from version `number` to version `other`, in JSON or as an Atom feed (one entry per version)")
async def version_changes(request: Request, session_id: SessionId, number: Number, other: Annotated[int, Path(ge=1, le=MAX_ID)],
                          format: Annotated[Literal["json", "atom"], Query()] = "json", lang: Lang = "en") -> Response:
    if format == "atom":
        key = ("change log atom", number, other, lang, links.this(request))
        found = await rendering_cache.published(request, session_id, key, lambda state: _log_atom(request, session_id, number, other, lang, state))
        return conditional.respond(request, found)
    return await _cached_json(request, session_id, ("change log", number, other, lang), lambda h: _log(h, number, other, lang))


def _history_atom(request: Request, session_id: int, lang: str, state: FeedState) -> Rendering:
    h = _as_of(request, session_id, state)
    body = _atom(request, h, h.versions, 0, lang).body
    return Rendering.of(body, ATOM_TYPE, state.published_at)


@conditional.get_and_head(router, "/sessions/{session_id}/changes.atom", "changes_atom", operation_id="version_history_atom",
                          responses={**REFUSALS, 200: {"content": {ATOM_TYPE: {}}, "description": "Atom feed"}},
                          summary="Atom feed of the version history: one entry per published version with what it changed")
async def changes_atom(request: Request, session_id: SessionId, lang: Lang = "en") -> Response:
    key = ("history atom", lang, links.this(request))
    found = await rendering_cache.published(request, session_id, key, lambda state: _history_atom(request, session_id, lang, state))
    return conditional.respond(request, found)
