"""Server-rendered pages: session overview, annex with language switcher, variants, comparison, version history, sign-in.

The annex and the version history are public; the overview, variants and comparison need the
bureau's role, their forms the secretariat's. A browser signs in with an API token, kept in an
HttpOnly, SameSite=Strict cookie; every form carries a CSRF token and is refused from another origin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session as Db

from service import published
from service.db import variants as store
from service.db.repository import session_of
from service.db.tokens import Role
from service.drafts import Edit, apply
from service.errors import DomainError, FieldError, Invalid
from service.exports.annex.labels import slot_label
from service.exports.changelog import changes
from service.operations import jobs, sessions, tokens, variants
from service.operations.variants import EditResult, VariantCreate
from service.operations.versions import publish_variant
from service.sessionfile import errors_of
from service.web.access import COOKIE, PUBLIC, Caller, guarded
from service.web.deps import DbDep, RowId, SessionId
from service.web.errors import status_of
from service.web.security import csrf_checked, csrf_token
from solver.problem import LANGUAGES, Session
from solver.programme import Programme
from solver.search import relative_gap

LOGIN = "/ui/login"
public = guarded(read=Role.public, write=Role.public, prefix="/ui", include_in_schema=False)
drafts = guarded(read=Role.bureau, write=Role.secretariat, login=LOGIN, prefix="/ui", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
EDIT = TypeAdapter(Edit)

LANGUAGE_NAMES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    who: Caller = getattr(request.state, "caller", PUBLIC)
    roles = {"caller": who, "can_read_drafts": who.role >= Role.bureau, "can_edit": who.role >= Role.secretariat}
    return templates.TemplateResponse(request, name, {"languages": LANGUAGE_NAMES, "csrf": csrf_token(request), **roles, **context},
                                      status_code=status)


def _feeds(request: Request, session_id: int, session: Session) -> list[dict[str, str]]:
    """Subscribe links, at the paths of `service.web.api.feeds` (calendar feeds) and of the Atom change log."""
    base = str(request.base_url).rstrip("/")
    calendars = [(session.name("en"), f"/sessions/{session_id}/feed.ics")]
    calendars += [(b.name("en"), f"/sessions/{session_id}/bodies/{b.key}/feed.ics") for b in session.bodies]
    calendars += [(r.name, f"/sessions/{session_id}/rooms/{r.key}/feed.ics") for r in session.rooms]
    out = [{"name": name, "https": base + path, "webcal": "webcal://" + (base + path).split("://", 1)[1]} for name, path in calendars]
    out.append({"name": "Programme changes (Atom)", "https": f"{base}/sessions/{session_id}/changes.atom", "webcal": ""})
    return out


def _slots(session: Session) -> list[tuple[str, str]]:
    """Every slot of the session as a form value `date|HH:MM` and a label."""
    return [(f"{d.isoformat()}|{s.start:%H:%M}", f"{d:%a %d %b} {s.start:%H:%M}") for d in session.days() for s in session.slots_on(d)]


def _meetings(programme: Programme | None) -> list[tuple[str, str]]:
    if programme is None:
        return []
    return [
        (f"{m.date.isoformat()}|{m.slot:%H:%M}|{m.bodies[0]}", f"{m.date:%a %d %b} {m.slot:%H:%M} {'+'.join(m.bodies)}: {', '.join(t.code for t in m.items)}")
        for m in programme.sorted().meetings
    ]


def _takes(programme: Programme | None) -> list[tuple[str, str]]:
    if programme is None:
        return []
    return [
        (f"{t.body}|{t.code}|{m.date.isoformat()}|{m.slot:%H:%M}", f"{t.body} {t.code} — {m.date:%a %d %b} {m.slot:%H:%M}")
        for m in programme.sorted().meetings for t in m.items
    ]


@public.get("", response_class=HTMLResponse)
def home(request: Request, db: DbDep) -> HTMLResponse:
    rows, _ = sessions.list_sessions(db, 100, 0)
    return _page(request, "home.html", sessions=[(r.id, session_of(r)) for r in rows])


def _overview(request: Request, db: Db, session_id: int, status: int = 200, errors: list[FieldError] | None = None) -> HTMLResponse:
    h = published.history(db, session_id)
    rows, _ = variants.list_variants(db, session_id)
    return _page(request, "session.html", status, sid=session_id, session=h.session, variants=rows, versions=h.versions,
                 feeds=_feeds(request, session_id, h.session), errors=errors or [])


@drafts.get("/sessions/{session_id}", response_class=HTMLResponse)
def overview(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    return _overview(request, db, session_id)


@drafts.post("/sessions/{session_id}/variants", response_class=HTMLResponse)
async def new_variant(request: Request, session_id: SessionId, db: DbDep) -> Response:
    form = await request.form()
    source = str(form.get("source", "solve"))
    data: dict[str, Any] = {"name": form.get("name", ""), "params": {"time_limit": form.get("time_limit") or 10}}
    if form.get("format"):
        data["params"]["format"] = form["format"]
    kind, _, ref = source.partition(":")
    if kind == "variant":
        data["copy_of"], data["params"] = ref, {}
    elif kind == "version":
        data["version"] = ref
    stored = sessions.session_row(db, session_id)
    try:
        row, job = variants.create_variant(db, stored, VariantCreate.model_validate(data), _bounds(request))
        db.commit()
    except ValidationError as e:
        return _overview(request, db, session_id, 422, errors_of(e))
    except DomainError as e:
        db.rollback()
        return _overview(request, db, session_id, status_of(e), e.errors)
    if job is not None:  # a solve: follow it on the job's page
        return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)
    return RedirectResponse(f"/ui/sessions/{session_id}/variants/{row.id}", status_code=303)


def _bounds(request: Request) -> jobs.JobBounds:
    config = request.app.state.settings
    return jobs.JobBounds(config.max_jobs_per_session, config.max_jobs)


@drafts.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: RowId, db: DbDep) -> Response:
    """A solve's progress, refreshed each second while it runs (no script); the variant once it succeeded."""
    row = jobs.job_row(db, job_id)
    if row.state == "succeeded":
        return RedirectResponse(f"/ui/sessions/{row.session_id}/variants/{row.variant_id}", status_code=303)
    variant = variants.variant_row(db, row.session_id, row.variant_id)
    return _page(request, "job.html", job=row, variant=variant, sid=row.session_id, active=row.state in ("queued", "running"),
                 gap=relative_gap(row.objective, row.bound))


@drafts.post("/jobs/{job_id}/cancel", response_class=HTMLResponse)
def cancel_job_page(request: Request, job_id: RowId, db: DbDep) -> Response:
    jobs.cancel_job(db, jobs.job_row(db, job_id))
    db.commit()
    return RedirectResponse(f"/ui/jobs/{job_id}", status_code=303)


def _variant_page(request: Request, db: Db, session_id: int, variant_id: int, status: int = 200,
                  errors: list[FieldError] | None = None, pending: dict[str, str] | None = None) -> HTMLResponse:
    session = sessions.session(db, session_id)
    row = variants.variant_row(db, session_id, variant_id)
    value = store.draft(row)
    seen = apply(session, value.params)
    others, _ = variants.list_variants(db, session_id)
    return _page(request, "variant.html", status, sid=session_id, session=session, row=row, draft=value, lang=_lang(request),
                 slots=_slots(seen), meetings=_meetings(value.programme), takes=_takes(value.programme),
                 others=[o for o in others if o.id != row.id], errors=errors or [], pending=pending)


@drafts.get("/sessions/{session_id}/variants/{variant_id}", response_class=HTMLResponse)
def variant_page(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> HTMLResponse:
    return _variant_page(request, db, session_id, variant_id)


def _when(value: str) -> dict[str, str]:
    date, _, slot = value.partition("|")
    return {"date": date, "slot": slot}


def _meeting(value: str) -> dict[str, str]:
    date, slot, body = (value.split("|") + ["", "", ""])[:3]
    return {"date": date, "slot": slot, "body": body}


def edit_of(form: dict[str, str]) -> dict[str, Any]:
    """The API's edit body from the variant page's forms (select values `date|slot|body`, `body|code|date|slot`)."""
    kind = form.get("kind", "")
    if kind == "move_item":
        body, code, date, slot = (form.get("take", "").split("|") + ["", "", "", ""])[:4]
        return {"kind": kind, "body": body, "code": code, "from": {"date": date, "slot": slot}, "to": _when(form.get("to", ""))}
    if kind == "move_meeting":
        edit: dict[str, Any] = {"kind": kind, "meeting": _meeting(form.get("meeting", "")), "to": _when(form.get("to", ""))}
        if form.get("room"):
            edit["room"] = form["room"]
        return edit
    if kind == "swap_meetings":
        return {"kind": kind, "first": _meeting(form.get("first", "")), "second": _meeting(form.get("second", ""))}
    if kind == "pin":
        body, code = (form.get("item", "").split("|") + [""])[:2]
        return {"kind": kind, "body": body, "code": code, **_when(form.get("at", ""))}
    if kind == "estimate":
        body, code = (form.get("item", "").split("|") + [""])[:2]
        return {"kind": kind, "body": body, "code": code, "minutes": form.get("minutes", "")}
    return {"kind": kind}


@drafts.post("/sessions/{session_id}/variants/{variant_id}/edit", response_class=HTMLResponse)
async def edit_variant(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    session = sessions.session(db, session_id)
    row = variants.variant_row(db, session_id, variant_id)
    try:
        body = EditResult.model_validate({"edit": edit_of(form), "accept_violations": form.get("accept") == "1"})
        variants.apply_edit(session, row, body)
        db.commit()
    except ValidationError as e:
        return _variant_page(request, db, session_id, variant_id, 422, errors_of(e))
    except DomainError as e:
        db.rollback()
        # Violations: show them and offer to keep the edit anyway (the same form again, with accept=1).
        status = status_of(e)
        return _variant_page(request, db, session_id, variant_id, status, e.errors, pending=form if status == 409 else None)
    return RedirectResponse(f"/ui/sessions/{session_id}/variants/{variant_id}", status_code=303)


@drafts.post("/sessions/{session_id}/variants/{variant_id}/replan", response_class=HTMLResponse)
def replan_page(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> Response:
    stored = sessions.session_row(db, session_id)
    row = variants.variant_row(db, session_id, variant_id)
    try:
        job = variants.replan_variant(db, stored, row, _bounds(request))
        db.commit()
    except DomainError as e:
        db.rollback()
        return _variant_page(request, db, session_id, variant_id, status_of(e), e.errors)
    return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)


@drafts.post("/sessions/{session_id}/variants/{variant_id}/publish", response_class=HTMLResponse)
async def publish_page(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> Response:
    form = await request.form()
    stored = sessions.session_row(db, session_id)
    variants.variant_row(db, session_id, variant_id)
    try:
        number = publish_variant(db, stored, variant_id, str(form.get("note", ""))[:4000]).number
        db.commit()
    except DomainError as e:
        db.rollback()
        return _variant_page(request, db, session_id, variant_id, status_of(e), e.errors)
    return RedirectResponse(f"/ui/sessions/{session_id}/versions#v{number}", status_code=303)


@drafts.get("/sessions/{session_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    row = sessions.session_row(db, session_id)
    session = session_of(row)
    ids = request.query_params.getlist("variant")
    if not all(i.isdigit() and 0 < int(i) < 2**31 for i in ids):
        raise Invalid.at("query.variant", "variant ids are positive whole numbers")
    c = variants.comparison(db, row, [int(i) for i in ids])
    lang = _lang(request)
    labels = {(line.date, line.slot): slot_label(line.slot, _end(session, line.date, line.slot), lang) for line in c.lines}
    return _page(request, "compare.html", sid=session_id, session=session, c=c, labels=labels)


def _end(session: Session, day: dt.date, start: dt.time) -> dt.time:
    # A variant may use slots the session does not have: then its end is not known, so show the start alone.
    return next((s.end for s in session.slots_on(day) if s.start == start), start)


@public.get("/sessions/{session_id}/versions", response_class=HTMLResponse)
def history_page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    h = published.history(db, session_id)
    logs = {v.number: changes(h.session, p.programme, v.programme) for p, v in zip(h.versions, h.versions[1:])}
    return _page(request, "versions.html", sid=session_id, session=h.session, versions=list(reversed(h.versions)), logs=logs,
                 feeds=_feeds(request, session_id, h.session))


@public.get("/sessions/{session_id}/annex", response_class=HTMLResponse)
def annex_page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    """The published programme: the latest version."""
    return _annex(request, db, session_id, None)


@public.get("/sessions/{session_id}/versions/{number}", response_class=HTMLResponse)
def version_page(request: Request, session_id: SessionId, number: RowId, db: DbDep) -> HTMLResponse:
    return _annex(request, db, session_id, number)


def _annex(request: Request, db: Db, session_id: int, number: int | None) -> HTMLResponse:
    h = published.history(db, session_id)
    latest = h.latest_or_404()
    shown = latest if number is None else h.version(number)
    return _page(request, "annex_page.html", sid=session_id, session=h.session, version=shown, latest=latest.number,
                 lang=_lang(request), note=shown.note, feeds=_feeds(request, session_id, h.session))


HEADINGS = {404: "Not found", 409: "Not done", 410: "No longer available", 412: "Changed meanwhile", 413: "Too large", 422: "Not done",
            429: "Busy: try again shortly"}


def error_page(request: Request, status: int, errors: list[FieldError]) -> Response:
    """A refusal under /ui as a page in words (the API answers the same refusal in JSON)."""
    back = request.headers.get("referer") or "/ui"
    heading = HEADINGS.get(status, "Not done")
    return _page(request, "error.html", status, errors=errors, heading=heading, back=_next(back.split(str(request.base_url).rstrip("/"), 1)[-1]))


def _next(path: str) -> str:
    # Only back into the pages: never to another site (`//host`) from a crafted sign-in link.
    return path if path.startswith("/ui") and not path.startswith("//") else "/ui"


@public.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/ui") -> HTMLResponse:
    return _page(request, "login.html", next=_next(next))


@public.post("/login", response_class=HTMLResponse)
def login(request: Request, db: DbDep, token: Annotated[str, Form(max_length=200)], next: Annotated[str, Form(max_length=2000)] = "/ui") -> Response:
    if tokens.holder(db, token) is None:
        return _page(request, "login.html", 401, next=_next(next), errors=[FieldError("token", "unknown or revoked token")])
    response = RedirectResponse(_next(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@public.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse("/ui", status_code=303)
    response.delete_cookie(COOKIE, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


# Every form post, sign-in and sign-out included, from this origin with this browser's token (service.web.security).
router = APIRouter(dependencies=[Depends(csrf_checked)])
router.include_router(public)
router.include_router(drafts)
