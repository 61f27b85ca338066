"""Published versions: publish a variant as version N, read any version, render it, and the change log between two."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Path, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session as Db

from service.api.access import guarded
from service.api.deps import MAX_ID, DbDep, SessionId, session_or_404
from service.api.errors import REFUSALS, ApiError, not_found
from service.api.renderings import RESPONSES, Format, Lang, document, negotiated
from service.api.variants import MeetingOut, variant_or_404
from service.changelog import atom, log_json
from service.db import variants as variant_store
from service.db.repository import programme_json, publish, session_of
from service.db.tokens import Role
from service.db.versions import notes
from service.feeds import PublishedVersion
from service.feeds_store import session_and_versions
from service.sessionfile import FieldError
from solver import check
from solver.problem import Session

router = guarded(read=Role.public, write=Role.secretariat, tags=["versions"])

Number = Annotated[int, Path(ge=1, le=MAX_ID, description="Version number")]
ATOM_TYPE = "application/atom+xml"


class PublishIn(BaseModel):
    variant_id: int = Field(ge=1, le=MAX_ID)
    note: str = Field("", max_length=4000, description="What changed and why, for delegates")


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


def history(db: Db, session_id: int) -> tuple[Session, list[PublishedVersion]]:
    session_or_404(db, session_id)
    return session_and_versions(db, session_id)


def version_or_404(versions: list[PublishedVersion], number: int, path: str = "path.number") -> PublishedVersion:
    found = next((v for v in versions if v.number == number), None)
    if found is None:
        raise not_found(path, f"no published version {number}")
    return found


def _out(v: PublishedVersion, note: str) -> VersionOut:
    return VersionOut(number=v.number, note=note, published_at=v.published_at, meetings=len(v.programme.meetings))


def publish_variant(db: Db, session_id: int, body: PublishIn) -> int:
    """Publish a variant that keeps the session's rules as the next version; its number (shared with the pages)."""
    row = session_or_404(db, session_id)
    variant = variant_store.draft(variant_or_404(db, session_id, body.variant_id))
    if variant.programme is None:
        raise ApiError(409, [FieldError("variant_id", "the variant has no programme")])
    # Versions are checked against the session as stored: a variant's own format or slots must be made the session's first.
    broken = check(session_of(row), variant.programme)
    if broken:
        raise ApiError(409, [FieldError(f"variant_id.violations[{v.rule}]", v.message) for v in broken])
    number = publish(db, row, variant.programme, body.note).number
    db.commit()
    return number


@router.post("/sessions/{session_id}/versions", operation_id="publish_variant", status_code=201, responses=REFUSALS,
             summary="Publish a variant as the next version of the session's programme (versions never change afterwards)")
def post_version(session_id: SessionId, body: PublishIn, db: DbDep) -> VersionOut:
    number = publish_variant(db, session_id, body)
    _, versions = session_and_versions(db, session_id)
    return _out(version_or_404(versions, number), body.note)


@router.get("/sessions/{session_id}/versions", operation_id="list_versions", responses=REFUSALS, summary="Every published version, oldest first")
def list_versions(session_id: SessionId, db: DbDep) -> list[VersionOut]:
    _, versions = history(db, session_id)
    noted = notes(db, session_id)
    return [_out(v, noted[v.number]) for v in versions]


@router.get("/sessions/{session_id}/versions/{number}", operation_id="read_version", responses=REFUSALS, summary="One published version with its programme")
def read_version(session_id: SessionId, number: Number, db: DbDep) -> VersionDetail:
    _, versions = history(db, session_id)
    v = version_or_404(versions, number)
    return VersionDetail(**_out(v, notes(db, session_id)[number]).model_dump(), programme=programme_json(v.programme))


@router.get("/sessions/{session_id}/versions/{number}/programme", operation_id="render_version", response_class=Response,
            responses={**REFUSALS, **RESPONSES}, summary="A published version as a document (text, md, html, docx, pdf, json)")
def render_version(request: Request, session_id: SessionId, number: Number, db: DbDep, format: Format = None, lang: Lang = "en") -> Response:
    session, versions = history(db, session_id)
    v = version_or_404(versions, number)
    return document(session, v.programme, negotiated(request, format), lang, {"version": v.number}, f"programme-v{v.number}")


@router.get("/sessions/{session_id}/programme", operation_id="render_programme", response_class=Response,
            responses={**REFUSALS, **RESPONSES}, summary="The published programme (the latest version) as a document")
def render_programme(request: Request, session_id: SessionId, db: DbDep, format: Format = None, lang: Lang = "en") -> Response:
    session, versions = history(db, session_id)
    if not versions:
        raise not_found("path.session_id", f"session {session_id} has no published programme yet")
    v = versions[-1]
    return document(session, v.programme, negotiated(request, format), lang, {"version": v.number}, f"programme-v{v.number}")


def _atom(request: Request, session_id: int, session: Session, versions: list[PublishedVersion], since: int, lang: str) -> Response:
    base = str(request.base_url).rstrip("/")
    feed_id = f"{base}/sessions/{session_id}/changes.atom"
    version_page = f"{base}/ui/sessions/{session_id}/versions/{{number}}"
    return Response(atom(session, versions, since, feed_id, str(request.url), version_page, lang), media_type=ATOM_TYPE)


@router.get("/sessions/{session_id}/versions/{number}/changes/{other}", operation_id="version_changes",
            responses={**REFUSALS, 200: {"content": {"application/json": {}, ATOM_TYPE: {}}, "description": "The change log"}},
            summary="What changed from version `number` to version `other`, in JSON or as an Atom feed (one entry per version)")
def version_changes(request: Request, session_id: SessionId, number: Number, other: Annotated[int, Path(ge=1, le=MAX_ID)], db: DbDep,
                    format: Annotated[Literal["json", "atom"], Query()] = "json", lang: Lang = "en") -> ChangeLog:
    session, versions = history(db, session_id)
    before, after = version_or_404(versions, number), version_or_404(versions, other, "path.other")
    if format == "atom":
        low, high = sorted((number, other))
        return _atom(request, session_id, session, [v for v in versions if low <= v.number <= high], low, lang)  # type: ignore[return-value]
    return ChangeLog.model_validate(log_json(session, before, after, lang))


@router.get("/sessions/{session_id}/changes.atom", operation_id="version_history_atom", response_class=Response,
            responses={**REFUSALS, 200: {"content": {ATOM_TYPE: {}}, "description": "Atom feed"}},
            summary="Atom feed of the version history: one entry per published version with what it changed")
def changes_atom(request: Request, session_id: SessionId, db: DbDep, lang: Lang = "en") -> Response:
    session, versions = history(db, session_id)
    return _atom(request, session_id, session, versions, 0, lang)
