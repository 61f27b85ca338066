"""The secretariat's workbench: a session set up and edited in the browser (details, slots, bodies, rooms, agenda, rules, files).

Every form posts to a page that calls the operations and shows, in words, what the session lacks
or what a draft would break; parts are added, saved and deleted through `operations.parts`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session as Db
from starlette.datastructures import UploadFile

from service.db import repository
from service.db.models import SessionRow
from service.db.tokens import Role
from service.errors import DomainError, FieldError, Invalid
from service.operations import drafting, parts, rules, sessions, variants
from service.operations.parts import BY_PLURAL
from service.sessionfile import decode, dump_yaml, errors_of, parse
from service.sessionfile.agenda_text import PastedItem, parse_agenda
from service.sessionfile.models import WEEKDAYS, RuleSettingsIn, SessionIn
from service.web.access import guarded
from service.web.deps import DbDep, RowId, SessionId
from service.web.errors import status_of
from service.web.pages import LANGUAGE_NAMES, LOGIN, _bounds, _page, templates
from service.web.security import CSRF_FIELD
from solver.problem import LANGUAGES, Session

bench = guarded(read=Role.secretariat, write=Role.secretariat, login=LOGIN, prefix="/ui", include_in_schema=False)
ZONES = sorted(zoneinfo.available_timezones())
TABS = (("details", "Details"), ("slots", "Days and slots"), ("bodies", "Bodies and rooms"), ("agenda", "Agenda"),
        ("translations", "Translations"), ("rules", "Rules"))
# The page each kind of part is edited on.
PAGE_OF = {"slots": "slots", "bodies": "bodies", "rooms": "bodies", "items": "agenda", "documents": "agenda",
           "pins": "rules", "forbidden": "rules", "avoid-parallel": "rules"}
# The checkboxes of each part's full form: absent from a posted form means unticked.
TICKS = {"bodies": ("interpreted",), "rooms": ("booths", "hybrid"), "items": ("heading", "reserved", "exclusive")}
OPTIONAL = {"date", "slot", "parent", "seats", "body", "kind", "position"}


def _form(form: Any) -> dict[str, str]:
    """A form's fields, without the CSRF token that every form carries (checked before the route runs)."""
    return {k: str(v).strip() for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}


def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.replace(",", "\n").splitlines() if x.strip()]


# --- rendering -------------------------------------------------------------


def _bench(request: Request, db: Db, sid: int, tab: str, status: int = 200, errors: list[FieldError] | None = None,
           **context: Any) -> HTMLResponse:
    row = sessions.session_row(db, sid)
    session = repository.session_of(row)
    if tab == "details" and "values" not in context:
        context["values"] = details_values(session)
    rows = {p.plural: [(x.id, p.show(x)) for x in p.rows(row)] for p in parts.PARTS}
    return _page(request, f"bench_{tab}.html", status, sid=sid, row=row, session=session, tab=tab, tabs=TABS, rows=rows,
                 breaks=drafting.what_breaks(session), errors=errors or [], weekdays=WEEKDAYS, **context)


def _refused(request: Request, db: Db, sid: int, tab: str, e: Exception, **context: Any) -> HTMLResponse:
    db.rollback()
    if isinstance(e, ValidationError):
        return _bench(request, db, sid, tab, 422, errors_of(e), **context)
    assert isinstance(e, DomainError)
    return _bench(request, db, sid, tab, status_of(e), e.errors, **context)


# --- a new session and its details -----------------------------------------


def session_fields(form: dict[str, str], days: list[str]) -> dict[str, Any]:
    """The session's own fields from the details form."""
    data: dict[str, Any] = {f"name_{lang}": form.get(f"name_{lang}") or None for lang in LANGUAGES}
    data |= {"symbols": _lines(form.get("symbols", "")), "venue": form.get("venue", ""), "timezone": form.get("timezone", ""),
             "first_day": form.get("first_day", ""), "last_day": form.get("last_day", ""), "format": form.get("format", "in_person"),
             "working_days": days, "excluded_days": _lines(form.get("excluded_days", "")), "approvals_needed": form.get("approvals_needed") or 0}
    return data


@bench.get("/new", response_class=HTMLResponse)
def new_session_page(request: Request) -> HTMLResponse:
    return _page(request, "bench_new.html", zones=ZONES, weekdays=WEEKDAYS, values={"working_days": list(WEEKDAYS[:5]), "format": "in_person"})


@bench.post("/new", response_class=HTMLResponse)
async def new_session(request: Request, db: DbDep) -> Response:
    raw = await request.form()
    form, days = _form(raw), [str(d) for d in raw.getlist("working_days")]
    try:
        row = sessions.create_session(db, SessionIn.model_validate(session_fields(form, days)), [])
        db.commit()
    except (ValidationError, DomainError) as e:
        db.rollback()
        errors = errors_of(e) if isinstance(e, ValidationError) else e.errors
        return _page(request, "bench_new.html", 422, zones=ZONES, weekdays=WEEKDAYS, errors=errors, values={**form, "working_days": days})
    return RedirectResponse(f"/ui/sessions/{row.id}/setup/slots", status_code=303)


@bench.get("/sessions/{session_id}/setup", response_class=HTMLResponse)
def details_page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    return _bench(request, db, session_id, "details", zones=ZONES)


@bench.post("/sessions/{session_id}/setup", response_class=HTMLResponse)
async def save_details(request: Request, session_id: SessionId, db: DbDep) -> Response:
    raw = await request.form()
    row = sessions.session_row(db, session_id)
    try:
        fields = SessionIn.model_validate(session_fields(_form(raw), [str(d) for d in raw.getlist("working_days")]))
        sessions.replace_session(row, fields, list(row.notes))
        db.commit()
    except (ValidationError, DomainError) as e:
        return _refused(request, db, session_id, "details", e, zones=ZONES)
    return RedirectResponse(f"/ui/sessions/{session_id}/setup", status_code=303)


# --- parts: slots, bodies, rooms, items, pins, forbidden slots, pairs ------


def _minutes(form: dict[str, str]) -> int | None:
    try:
        total = int(form.get("hours") or 0) * 60 + int(form.get("mins") or 0)
    except ValueError:
        raise Invalid.at("minutes", "hours and minutes are whole numbers") from None
    return total or None


def _documents(text: str) -> list[dict[str, str]]:
    """One document a line: its symbol, then its title."""
    out = []
    for line in text.splitlines():
        symbol, _, title = line.strip().partition(" ")
        if symbol:
            out.append({"symbol": symbol, "title": title.strip()})
    return out


def part_data(plural: str, form: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    """The part's create body: what it holds now, with what the form changes (blank optional fields empty)."""
    data = dict(current)
    special = {"hours", "mins", "joint", "documents", "window_from", "window_to", "item", "full"}
    for k, v in form.items():
        if k in special:
            continue
        data[k] = v if v or k not in OPTIONAL and not k.startswith(("title_", "name_", "label_")) else None
    if form.get("full"):
        for tick in TICKS.get(plural, ()):
            data[tick] = tick in form
    if plural == "items":
        if "hours" in form or "mins" in form:
            data["minutes"] = _minutes(form)
        if "joint" in form:
            body, _, code = form["joint"].partition(":")
            data["joint_with"] = {body.strip(): code.strip()} if code.strip() else {}
        if "documents" in form:
            data["documents"] = _documents(form["documents"])
    if plural == "bodies" and ("window_from" in form or "window_to" in form):
        window = {"from": form.get("window_from") or None, "to": form.get("window_to") or None}
        data["window"] = window if any(window.values()) else None
    if plural == "pins" and "item" in form:
        data["body"], _, data["code"] = form["item"].partition("|")
    return data


@bench.post("/sessions/{session_id}/setup/parts/{plural}", response_class=HTMLResponse)
async def add_part(request: Request, session_id: SessionId, plural: str, db: DbDep) -> Response:
    part = _part(plural)
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    try:
        parts.add_part(row, part, part.create.model_validate(part_data(plural, form, {})))
        db.commit()
    except (ValidationError, DomainError) as e:
        return _refused(request, db, session_id, PAGE_OF[plural], e, **_extra(PAGE_OF[plural]))
    return RedirectResponse(f"/ui/sessions/{session_id}/setup/{PAGE_OF[plural]}#{plural}", status_code=303)


@bench.post("/sessions/{session_id}/setup/parts/{plural}/{row_id}", response_class=HTMLResponse)
async def save_part(request: Request, session_id: SessionId, plural: str, row_id: RowId, db: DbDep) -> Response:
    part = _part(plural)
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    target = parts.part_row(row, part, row_id)
    back = "translations" if form.pop("back", "") == "translations" else PAGE_OF[plural]
    try:
        parts.save_part(row, part, target, part.create.model_validate(part_data(plural, form, part.show(target))))
        db.commit()
    except (ValidationError, DomainError) as e:
        return _refused(request, db, session_id, back, e, **_extra(back))
    return RedirectResponse(f"/ui/sessions/{session_id}/setup/{back}#{plural}-{row_id}", status_code=303)


@bench.post("/sessions/{session_id}/setup/parts/items/{row_id}/move", response_class=HTMLResponse)
async def move_item(request: Request, session_id: SessionId, row_id: RowId, db: DbDep) -> Response:
    """Up or down one place among its body's items."""
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    item = parts.part_row(row, BY_PLURAL["items"], row_id)
    same = [i for i in sorted(row.items, key=lambda x: x.position) if i.body is item.body]
    at = same.index(item) + (-1 if form.get("direction") == "up" else 1)
    if 0 <= at < len(same):
        other = same[at]
        item.position, other.position = other.position, item.position
        repository.touch(item)
        repository.touch(other)
        try:
            sessions.ensure_whole(row, item)
            db.commit()
        except DomainError as e:
            return _refused(request, db, session_id, "agenda", e)
    return RedirectResponse(f"/ui/sessions/{session_id}/setup/agenda#items-{row_id}", status_code=303)


@bench.get("/sessions/{session_id}/setup/parts/{plural}/{row_id}/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, session_id: SessionId, plural: str, row_id: RowId, db: DbDep) -> HTMLResponse:
    part = _part(plural)
    row = sessions.session_row(db, session_id)
    shown = part.show(parts.part_row(row, part, row_id))
    return _page(request, "bench_delete.html", sid=session_id, session=repository.session_of(row), what=_describe(plural, shown),
                 action=f"/ui/sessions/{session_id}/setup/parts/{plural}/{row_id}/delete", back=f"/ui/sessions/{session_id}/setup/{PAGE_OF[plural]}")


@bench.post("/sessions/{session_id}/setup/parts/{plural}/{row_id}/delete", response_class=HTMLResponse)
def delete_part(request: Request, session_id: SessionId, plural: str, row_id: RowId, db: DbDep) -> Response:
    part = _part(plural)
    row = sessions.session_row(db, session_id)
    try:
        parts.delete_part(row, part, parts.part_row(row, part, row_id))
        db.commit()
    except DomainError as e:
        return _refused(request, db, session_id, PAGE_OF[plural], e, **_extra(PAGE_OF[plural]))
    return RedirectResponse(f"/ui/sessions/{session_id}/setup/{PAGE_OF[plural]}", status_code=303)


def _part(plural: str) -> parts.Part:
    if plural not in BY_PLURAL:
        raise Invalid.at("path", f"no such part of a session: {plural}")
    return BY_PLURAL[plural]


def _describe(plural: str, shown: dict[str, Any]) -> str:
    if plural == "slots":
        return f"the slot {shown['start']}-{shown['end']}" + (f" on {shown['date']}" if shown.get("date") else " of every day")
    if plural == "items":
        return f"agenda item {shown['code']} “{shown.get('title_en', '')}” of {shown['body']}, with its documents"
    if plural == "bodies":
        return f"the body {shown.get('name_en') or shown['key']}, with its agenda items"
    if plural == "pins":
        return f"the pin of item {shown['code']} on {shown['date']}"
    if plural == "avoid-parallel":
        return f"keeping {shown['first']} and {shown['second']} apart"
    return f"the {BY_PLURAL[plural].label} " + ", ".join(str(v) for v in shown.values() if v not in (None, "", [], {}))


# --- pages of the parts ----------------------------------------------------


def _extra(tab: str) -> dict[str, Any]:
    return {"zones": ZONES} if tab == "details" else {}


def details_values(session: Session) -> dict[str, Any]:
    """The details form's values for a stored session."""
    return {**{f"name_{k}": v for k, v in session.names.items()}, "symbols": ", ".join(session.symbols), "venue": session.venue,
            "timezone": session.timezone, "first_day": session.first_day.isoformat(), "last_day": session.last_day.isoformat(),
            "format": session.format, "working_days": [WEEKDAYS[d] for d in session.working_weekdays],
            "excluded_days": "\n".join(d.isoformat() for d in session.excluded_days)}


def _tab_page(tab: str):  # type: ignore[no-untyped-def]
    def page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
        return _bench(request, db, session_id, tab)

    return page


# The set-up pages that only show the session's parts and their forms: one route each.
for _tab in ("slots", "bodies", "agenda", "translations", "rules"):
    bench.add_api_route(f"/sessions/{{session_id}}/setup/{_tab}", _tab_page(_tab), methods=["GET"], response_class=HTMLResponse,
                        name=f"{_tab}_page")


def rule_settings(form: dict[str, str]) -> dict[str, Any]:
    """The scalar rules from the rules form; blank means no limit."""
    data: dict[str, Any] = {k: form.get(k) or None for k in ("interpreted_meetings_total", "interpreted_at_once", "max_meeting_minutes")}
    data["agenda_order"] = form.get("agenda_order", "strict")
    if form.get("teams"):
        data["interpreter_teams"] = {"teams": form["teams"], "per_day": form.get("per_day") or 2, "per_week": form.get("per_week") or 7}
    return data


@bench.post("/sessions/{session_id}/setup/rules", response_class=HTMLResponse)
async def save_rules(request: Request, session_id: SessionId, db: DbDep) -> Response:
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    try:
        rules.replace_rules(row, RuleSettingsIn.model_validate(rule_settings(form)))
        db.commit()
    except (ValidationError, DomainError) as e:
        return _refused(request, db, session_id, "rules", e)
    return RedirectResponse(f"/ui/sessions/{session_id}/setup/rules", status_code=303)


# --- the pasted agenda -----------------------------------------------------


def _pasted(form: dict[str, str]) -> tuple[str, str, list[PastedItem]]:
    lang = form.get("lang", "en")
    if lang not in LANGUAGES:
        raise Invalid.at("lang", "choose one of the six languages")
    items = parse_agenda(form.get("text", ""))
    if not items:
        raise Invalid.at("text", "no numbered item found: paste the list as printed, e.g. “1. Opening of the session.”")
    return lang, form.get("body", ""), items


@bench.post("/sessions/{session_id}/setup/paste", response_class=HTMLResponse)
async def paste_agenda(request: Request, session_id: SessionId, db: DbDep) -> Response:
    """Show what the pasted agenda holds, and which items it adds or gives a title in its language; save when confirmed."""
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    try:
        lang, body, items = _pasted(form)
        if repository.body_row(row, body) is None:
            raise Invalid.at("body", "choose the body whose agenda this is")
        known = {i.code for i in row.items if i.body.key == body}
        if form.get("confirm") == "1":
            save_pasted(row, lang, body, items, form.get("minutes", ""))
            db.commit()
            return RedirectResponse(f"/ui/sessions/{session_id}/setup/agenda#body-{body}", status_code=303)
    except (ValidationError, DomainError) as e:
        return _refused(request, db, session_id, "agenda", e, pasted=form)
    return _bench(request, db, session_id, "agenda", pasted=form, preview=[(i, i.code in known) for i in items],
                  language=LANGUAGE_NAMES[lang])


def save_pasted(row: SessionRow, lang: str, body: str, items: list[PastedItem], minutes: str) -> None:
    """Titles in `lang` on the items with these codes; the other codes added at the end of the body's agenda."""
    part = BY_PLURAL["items"]
    for pasted in items:
        target = repository.item_row(row, body, pasted.code)
        if target is not None:
            data = {**part.show(target), f"title_{lang}": pasted.title}
            parts.save_part(row, part, target, part.create.model_validate(data))
            continue
        data = {"body": body, "code": pasted.code, f"title_{lang}": pasted.title, "heading": pasted.heading, "parent": pasted.parent}
        if not pasted.heading:
            data["minutes"] = minutes or None
        parts.add_part(row, part, part.create.model_validate(data))


# --- session files ---------------------------------------------------------


@bench.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    return _page(request, "bench_upload.html")


@bench.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, db: DbDep) -> Response:
    """A preview of the uploaded file, warning when the session is stored already; import when confirmed."""
    form = await request.form()
    upload_ = form.get("file")
    raw = await upload_.read() if isinstance(upload_, UploadFile) else str(form.get("content", "")).encode()
    try:
        loaded = parse(decode(raw, "the file"), "the file")
    except DomainError as e:
        return _page(request, "bench_upload.html", 422, errors=e.errors)
    existing = repository.find_session(db, loaded.session.name("en"), loaded.session.first_day)
    if form.get("confirm") == "1":
        row = sessions.import_session(db, loaded)
        db.commit()
        return RedirectResponse(f"/ui/sessions/{row.id}/setup", status_code=303)
    return _page(request, "bench_upload.html", preview=loaded.session, programme=loaded.programme is not None,
                 existing=existing, content=raw.decode("utf-8"))


@bench.get("/sessions/{session_id}/setup/file")
def download(session_id: SessionId, db: DbDep) -> Response:
    row = sessions.session_row(db, session_id)
    data = sessions.session_file(db, row)
    name = "".join(c if c.isalnum() else "-" for c in repository.session_of(row).name("en")).strip("-").lower() or "session"
    return Response(dump_yaml(data), media_type="application/yaml",
                    headers={"content-disposition": f'attachment; filename="{name}.yaml"'})


# --- a draft, and a variant deleted ----------------------------------------


@bench.post("/sessions/{session_id}/setup/draft", response_class=HTMLResponse)
async def draft(request: Request, session_id: SessionId, db: DbDep) -> Response:
    form = _form(await request.form())
    row = sessions.session_row(db, session_id)
    try:
        limit = float(form.get("time_limit") or 10)
        variant, _job = drafting.draft_programme(db, row, min(max(limit, 1), 60), _bounds(request))
        db.commit()
    except ValueError:
        return _bench(request, db, session_id, form.get("tab", "details"), 422, [FieldError("time_limit", "a number of seconds")])
    except DomainError as e:
        return _refused(request, db, session_id, form.get("tab", "details"), e)
    return RedirectResponse(f"/ui/sessions/{session_id}/variants/{variant.id}", status_code=303)


@bench.get("/sessions/{session_id}/variants/{variant_id}/delete", response_class=HTMLResponse)
def confirm_delete_variant(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> HTMLResponse:
    variant = variants.variant_row(db, session_id, variant_id)
    return _page(request, "bench_delete.html", sid=session_id, session=sessions.session(db, session_id),
                 what=f"the variant “{variant.name}” and its programme",
                 action=f"/ui/sessions/{session_id}/variants/{variant_id}/delete", back=f"/ui/sessions/{session_id}/variants/{variant_id}")


@bench.post("/sessions/{session_id}/variants/{variant_id}/delete", response_class=HTMLResponse)
def delete_variant(session_id: SessionId, variant_id: RowId, db: DbDep) -> Response:
    variants.delete_variant(db, variants.variant_row(db, session_id, variant_id))
    db.commit()
    return RedirectResponse(f"/ui/sessions/{session_id}", status_code=303)


def titles_table(session: Session) -> list[tuple[Any, dict[str, str]]]:
    """Every item with its title in each language ('' where missing)."""
    return [(i, {lang: i.titles.get(lang, "") for lang in LANGUAGES}) for i in session.agenda]


templates.env.globals.setdefault("titles_table", titles_table)
def span(start: str, end: str) -> int:
    """Minutes from one "HH:MM" to another."""
    a, b = dt.datetime.strptime(start, "%H:%M"), dt.datetime.strptime(end, "%H:%M")
    return int((b - a).total_seconds() // 60)


templates.env.globals.setdefault("span", span)
