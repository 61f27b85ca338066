"""Server-rendered pages: session overview, annex with language switcher, the day's Journal, variants, comparison, review, version history, sign-in.

The annex, the Journal, the version history and personal feeds are public; the overview, variants
and comparison need the bureau's role, as do comments and approvals; the other forms need the
secretariat's. A browser signs in with an API token, kept in an HttpOnly, SameSite=Strict cookie
(so other sites cannot post the forms with it); every form carries a CSRF token and is refused
from another origin (`service.web.security`). Every page is in the language of `?lang=`, kept in
a cookie from page to page (`service.web.pages.i18n` holds the catalogs).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session as Db

from service import published
from service.db import variants as store
from service.db.repository import session_of
from service.db.tokens import Role
from service.drafts import Edit, apply
from service.errors import DomainError, FieldError, Invalid, NotFound
from service.exports.annex.html import render_html_fragment
from service.exports.annex.labels import day_label, slot_label
from service.exports.annex.table import build
from service.exports.changelog import between
from service.exports.journal import journal_fragment
from service.operations import drafting, jobs, reviews, sessions, tokens, variants
from service.operations.variants import EditResult, VariantCreate
from service.operations.versions import publish_variant
from service.sessionfile import errors_of
from service.web import conditional, links, rendering_cache
from service.web.access import COOKIE, PUBLIC, Caller, guarded
from service.web.conditional import Rendering
from service.web.deps import DbDep, RowId, SessionId
from service.web.errors import status_of
from service.web.pages.i18n import N_, gettext, translations
from service.web.pages.words import in_words
from service.web.security import FormToken, csrf_checked, origin_checked
from solver.problem import LANGUAGES, Session
from solver.programme import Programme
from solver.search import relative_gap

LOGIN = "/ui/login"
public = guarded(read=Role.public, write=Role.public, prefix="/ui", include_in_schema=False)
# A delegate's personal feed forms: they sit on the public annex page, which is cached for every
# visitor alike, so they carry no per-browser token (only the origin is checked). Neither can harm
# the one who posts it: one makes a new feed, the other needs the feed's own secret token.
delegates = guarded(read=Role.public, write=Role.public, prefix="/ui", include_in_schema=False)
drafts = guarded(read=Role.bureau, write=Role.secretariat, login=LOGIN, prefix="/ui", include_in_schema=False)
review = guarded(read=Role.bureau, write=Role.bureau, login=LOGIN, prefix="/ui", include_in_schema=False)
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(FilePath(__file__).parent / "templates"), autoescape=True, extensions=["jinja2.ext.i18n"]))
# English until a page gives `_` of its language (`_page`), so a template rendered elsewhere still has it.
templates.env.install_null_translations(newstyle=True)
LANG_COOKIE = "podium_lang"
RTL = {"ar"}
EDIT = TypeAdapter(Edit)

LANGUAGE_NAMES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}


def _lang(request: Request) -> str:
    """The page's language: `?lang=`, else the one the browser last chose (cookie), else English."""
    for lang in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if lang in LANGUAGES:
            return lang
    return "en"


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    who: Caller = getattr(request.state, "caller", PUBLIC)
    lang = _lang(request)
    if context.get("errors"):
        context["errors"] = in_words(context["errors"])
    roles = {"caller": who, "can_read_drafts": who.role >= Role.bureau, "can_edit": who.role >= Role.secretariat, "can_review": who.role >= Role.bureau}
    # The language switcher keeps the rest of the query (a comparison's variants).
    switch = {code: f"{request.url.path}?{request.url.include_query_params(lang=code).query}" for code in LANGUAGE_NAMES}
    words = {"lang": lang, "dir": "rtl" if lang in RTL else "ltr", "_": gettext(lang), "switch": switch, "csrf": FormToken(request)}
    response = templates.TemplateResponse(request, name, {"languages": LANGUAGE_NAMES, **roles, **words, **context}, status_code=status)
    return _remember_language(request, response)


def _remember_language(request: Request, response: Response) -> Response:
    """Keep the language of `?lang=` in a cookie, for the next page."""
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, _lang(request), max_age=365 * 86400, samesite="lax", secure=request.url.scheme == "https")
    return response


def _feeds(request: Request, session_id: int, session: Session) -> list[dict[str, str]]:
    """Subscribe links in the page's language to the calendar feeds and the Atom change log (the API's routes, by name)."""
    lang = _lang(request)
    query = {} if lang == "en" else {"lang": lang}
    calendars = [(session.name(lang), links.route(request, "session_feed", session_id=session_id))]
    calendars += [(b.name(lang), links.route(request, "body_feed", session_id=session_id, body=b.key)) for b in session.bodies]
    calendars += [(r.name, links.route(request, "room_feed", session_id=session_id, room=r.key)) for r in session.rooms]
    out = [{"name": name, "https": links.with_query(url, query), "webcal": links.webcal(links.with_query(url, query))} for name, url in calendars]
    out.append({"name": translations(lang).gettext(N_("Programme changes (Atom)")), "https": links.route(request, "changes_atom", session_id=session_id), "webcal": ""})
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


def _review(approvals: list[reviews.Approval], comments: int) -> tuple[int, int, int]:
    """A variant's current approvals, all its approvals, and its comments, as the overview counts them."""
    return sum(a.current for a in approvals), len(approvals), comments


def _overview(request: Request, db: Db, session_id: int, status: int = 200, errors: list[FieldError] | None = None) -> HTMLResponse:
    h = published.history(db, session_id)
    rows, _ = variants.list_variants(db, session_id)
    review = {v.id: _review(reviews.approvals(db, v), len(reviews.comments(db, v))) for v in rows}
    return _page(request, "session.html", status, sid=session_id, session=h.session, variants=rows, versions=h.versions, review=review,
                 needed=h.session.approvals_needed, feeds=_feeds(request, session_id, h.session), errors=errors or [])


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
    return _page(request, "variant.html", status, sid=session_id, session=session, row=row, draft=value,
                 slots=_slots(seen), meetings=_meetings(value.programme), takes=_takes(value.programme),
                 others=[o for o in others if o.id != row.id], errors=errors or [], pending=pending,
                 terms=TERMS, comments=reviews.comments(db, row), approvals=reviews.approvals(db, row), needed=session.approvals_needed,
                 annex=render_html_fragment(build(seen, value.programme, _lang(request))) if value.programme else None,
                 job=drafting.latest_job(db, row) if value.programme is None else None)


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
    try:
        if not all(i.isdigit() and 0 < int(i) < 2**31 for i in ids):
            raise Invalid.at("query.variant", "variant ids are positive whole numbers")
        c = variants.comparison(db, row, [int(i) for i in ids])
    except DomainError as e:
        # Not JSON and not a bare refusal: the bureau is told how to make a comparison that works.
        return _page(request, "compare_refused.html", status_of(e), sid=session_id, session=session, errors=e.errors, few=len(ids) < 2)
    lang = _lang(request)
    labels = {(line.date, line.slot): (day_label(line.date, lang), slot_label(line.slot, _end(session, line.date, line.slot), lang)) for line in c.lines}
    titles = {i.ref: i.title(lang) for i in session.agenda}
    bodies = {b.key: b.name(lang) for b in session.bodies}
    return _page(request, "compare.html", sid=session_id, session=session, c=c, labels=labels, titles=titles, bodies=bodies,
                 marks=MARK_WORDS, measures=MEASURES, terms=TERMS)


# The words of the comparison's marks (compare.html shows one a cell), of the measures and of the objective's terms.
MARK_WORDS = {"removed": N_("removed"), "added": N_("added"), "moved": N_("moved"), "split": N_("split differently"), "room": N_("other room")}
MEASURES = {
    "interpreted": (N_("Meetings with interpretation"), N_("Used out of the number the session may have; interpretation is the scarcest service.")),
    "per_day": (N_("Meetings per day"), N_("How the load is spread over the days.")),
    "max_parallel": (N_("Most meetings at the same time"), N_("Delegations can attend only one meeting at a time.")),
    "parallel_slots": (N_("Half-days with parallel meetings"), N_("Fewer is easier for small delegations.")),
    "split": (N_("Items split over several meetings"), N_("An item taken in one meeting is easier to follow.")),
    "order": (N_("Items out of agenda order"), N_("Pairs of items where the later one starts before the earlier one ends.")),
    "moved": (N_("Minutes moved against the published programme"), N_("How much a delegate's calendar changes; — without a published programme.")),
    "objective": (N_("Overall cost"), N_("The planner's score: lower is better; the lines below make it up.")),
}
TERMS = {
    "order": N_("Items out of agenda order"),
    "item_gaps": N_("Breaks within an item (half-days between its meetings)"),
    "body_gaps": N_("Idle half-days of a body between its meetings"),
    "splits": N_("Extra meetings an item needs"),
    "parallel": N_("Meetings in parallel that the session wants apart"),
    "day_peak": N_("Meetings on the busiest day"),
    "finish": N_("How late the work finishes"),
    "moved": N_("Meetings moved in re-planning"),
    "minutes_moved": N_("Minutes moved in re-planning"),
}


def _end(session: Session, day: dt.date, start: dt.time) -> dt.time:
    # A variant may use slots the session does not have: then its end is not known, so show the start alone.
    return next((s.end for s in session.slots_on(day) if s.start == start), start)


@public.get("/sessions/{session_id}/versions", response_class=HTMLResponse)
def history_page(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    h = published.public(db, session_id)
    shown = h.latest_or_404().session
    logs = {v.number: between(p, v) for p, v in zip(h.versions, h.versions[1:])}
    return _page(request, "versions.html", sid=session_id, session=shown, versions=list(reversed(h.versions)), logs=logs,
                 feeds=_feeds(request, session_id, shown))


def _annex_page(request: Request, h: published.Published, number: int | None, status: int = 200, **context: Any) -> HTMLResponse:
    """The page of a version (the latest when `number` is None), from its own snapshot, the annex inline."""
    latest = h.latest_or_404()
    shown = latest if number is None else h.version(number)
    annex = render_html_fragment(build(shown.session, shown.programme, _lang(request)))
    return _page(request, "annex_page.html", status, sid=h.session_id, session=shown.session, version=shown, latest=latest.number, annex=annex,
                 note=shown.note, feeds=_feeds(request, h.session_id, latest.session), **context)


def _annex(request: Request, session_id: int, number: int | None) -> Rendering:
    with request.app.state.sessionmaker() as db:
        h = published.public(db, session_id)
    page = _annex_page(request, h, number)
    return Rendering.of(page.body, page.media_type, (h.latest if number is None else h.version(number)).published_at)


async def _cached_annex(request: Request, session_id: int, number: int | None) -> Response:
    """An annex page from the cache: once per version, language and caller (the page names who is signed in)."""
    who: Caller = getattr(request.state, "caller", PUBLIC)
    key = ("annex page", number, _lang(request), who.name, who.role, links.base(request))
    found = await rendering_cache.published(request, session_id, key, lambda _: _annex(request, session_id, number))
    return _remember_language(request, conditional.respond(request, found, private=who.role > Role.public))


@conditional.get_and_head(public, "/sessions/{session_id}/annex", "annex_page")
async def annex_page(request: Request, session_id: SessionId) -> Response:
    """The published programme: the latest version."""
    return await _cached_annex(request, session_id, None)


@conditional.get_and_head(public, "/sessions/{session_id}/versions/{number}", "version_page")
async def version_page(request: Request, session_id: SessionId, number: RowId) -> Response:
    return await _cached_annex(request, session_id, number)


@delegates.post("/sessions/{session_id}/personal-feeds", response_class=HTMLResponse)
async def new_personal_feed(request: Request, session_id: SessionId, db: DbDep) -> HTMLResponse:
    """A delegate's own feed of the bodies and items ticked; its links shown once, with a way to revoke it."""
    form = await request.form()
    h = published.public(db, session_id)
    session = h.latest_or_404().session
    chosen = [str(v) for v in form.getlist("item")]
    items = [(b, c) for b, _, c in (v.partition("|") for v in chosen)]
    try:
        token = tokens.create_personal_feed(db, session, session_id, [str(b) for b in form.getlist("body")], items)
        db.commit()
    except DomainError as e:
        db.rollback()
        return _annex_page(request, h, None, status_of(e), errors=e.errors)
    lang = _lang(request)
    url = links.with_query(links.route(request, "personal_feed", token=token), {} if lang == "en" else {"lang": lang})
    made = {"token": token, "https": url, "webcal": links.webcal(url)}
    return _annex_page(request, h, None, 201, made=made)


@delegates.post("/personal-feeds/{token}/revoke", response_class=HTMLResponse)
def revoke_feed(request: Request, token: Annotated[str, Path(max_length=200)], db: DbDep) -> HTMLResponse:
    tokens.revoke_personal_feed(db, token)
    db.commit()
    return _page(request, "feed_revoked.html")


@review.post("/sessions/{session_id}/variants/{variant_id}/comments", response_class=HTMLResponse)
def comment_page(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep, text: Annotated[str, Form()] = "") -> Response:
    if not text.strip() or len(text) > 4000:
        return _variant_page(request, db, session_id, variant_id, 422, [FieldError("text", "write a comment of 1 to 4000 characters")])
    reviews.comment(db, variants.variant_row(db, session_id, variant_id), request.state.caller.name, text.strip())
    db.commit()
    return RedirectResponse(f"/ui/sessions/{session_id}/variants/{variant_id}#review", status_code=303)


@review.post("/sessions/{session_id}/variants/{variant_id}/approvals", response_class=HTMLResponse)
def approve_page(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep) -> Response:
    reviews.approve(db, variants.variant_row(db, session_id, variant_id), request.state.caller.name)
    db.commit()
    return RedirectResponse(f"/ui/sessions/{session_id}/variants/{variant_id}#review", status_code=303)


HEADINGS = {404: N_("Not found"), 409: N_("Not done"), 410: N_("No longer available"), 412: N_("Changed meanwhile"), 413: N_("Too large"), 422: N_("Not done"), 429: N_("Busy: try again shortly")}


def error_page(request: Request, status: int, errors: list[FieldError]) -> Response:
    """A refusal under /ui as a page in words (the API answers the same refusal in JSON)."""
    back = request.headers.get("referer") or "/ui"
    heading = HEADINGS.get(status, N_("Not done"))
    return _page(request, "error.html", status, errors=errors, heading=heading, back=_next(back.split(links.base(request), 1)[-1]))


@public.get("/sessions/{session_id}/journal/{date}", response_class=HTMLResponse)
def journal_page(request: Request, session_id: SessionId, date: dt.date, db: DbDep) -> HTMLResponse:
    """The day's Journal of the published programme, in the language of `?lang=`."""
    version = published.current(db, session_id)
    session = version.session
    if not session.first_day <= date <= session.last_day:
        raise NotFound.at("path.date", f"{date} is not a day of the session")
    lang = _lang(request)
    return _page(request, "journal_page.html", sid=session_id, session=session, lang=lang, date=date, days=session.days(),
                 journal=journal_fragment(session, version.programme, date, lang))


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


from service.web.pages import workbench  # noqa: E402 (it renders with this module's `_page`)

# Every form post comes from this origin (service.web.security); every one but a delegate's personal feed
# forms, sign-in and sign-out included, also carries this browser's token.
forms = APIRouter(dependencies=[Depends(csrf_checked)])
forms.include_router(public)
forms.include_router(workbench.bench)
forms.include_router(drafts)
forms.include_router(review)
router = APIRouter(dependencies=[Depends(origin_checked)])
router.include_router(delegates)
router.include_router(forms)
