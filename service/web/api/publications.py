"""The published programme for delegates and their apps: the day's Journal, and frab schedule.json / schedule.xml."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Path, Query, Request, Response

from service import published
from service.db.tokens import Role
from service.errors import NotFound
from service.exports.frab import render_schedule_json, render_schedule_xml
from service.exports.journal import render_journal_html, render_journal_text
from service.web.access import guarded
from service.web.deps import DbDep, SessionId
from service.web.errors import REFUSALS
from service.web.renderings import Lang

router = guarded(read=Role.public, write=Role.secretariat, tags=["publications"])

JOURNAL_MEDIA = {"html": "text/html; charset=utf-8", "text": "text/plain; charset=utf-8"}
XML_TYPE = "application/xml"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/sessions/{session_id}/journal/{date}", operation_id="journal_day", response_class=Response,
            responses={**REFUSALS, 200: {"content": {m.split(";")[0]: {} for m in JOURNAL_MEDIA.values()}, "description": "The day's Journal"}},
            summary="The day's Journal: every meeting of that day of the published programme in time order, with room, bodies and items")
def journal(session_id: SessionId, date: Annotated[dt.date, Path(description="A day of the session (ISO date)")], db: DbDep,
            format: Annotated[Literal["html", "text"], Query()] = "html", lang: Lang = "en") -> Response:
    version = published.current(db, session_id)
    session = version.session
    if not session.first_day <= date <= session.last_day:
        raise NotFound.at("path.date", f"{date} is not a day of the session ({session.first_day} to {session.last_day})")
    render = render_journal_html if format == "html" else render_journal_text
    return Response(render(session, version.programme, date, lang), media_type=JOURNAL_MEDIA[format])


@router.get("/sessions/{session_id}/schedule.json", operation_id="schedule_json", response_class=Response,
            responses={**REFUSALS, 200: {"content": {"application/json": {}}, "description": "frab-style schedule (c3voc schema.json)"}},
            summary="The published programme as schedule.json for conference apps (Giggity, ConfClerk, EventFahrplan)")
def schedule_json(request: Request, session_id: SessionId, db: DbDep, lang: Lang = "en") -> Response:
    version = published.current(db, session_id)
    session = version.session
    body = render_schedule_json(session, session_id, version.programme, version.number, lang, _base(request))
    return Response(body, media_type="application/json")


@router.get("/sessions/{session_id}/schedule.xml", operation_id="schedule_xml", response_class=Response,
            responses={**REFUSALS, 200: {"content": {XML_TYPE: {}}, "description": "frab-style schedule (c3voc schedule.xml.xsd)"}},
            summary="The published programme as schedule.xml for conference apps (Giggity, ConfClerk, EventFahrplan)")
def schedule_xml(request: Request, session_id: SessionId, db: DbDep, lang: Lang = "en") -> Response:
    version = published.current(db, session_id)
    session = version.session
    body = render_schedule_xml(session, session_id, version.programme, version.number, lang, _base(request))
    return Response(body, media_type=XML_TYPE)
