"""iCalendar feed routes: session, body, item, room and personal feeds, with HTTP validators and a cache.

A feed is rendered once for each (session, latest published version, selection, language) and
served from memory after that (`service.web.rendering_cache`; validators, 304 and HEAD from
`service.web.conditional`): editing the session after publishing changes no feed. The feed routes are async and touch the
database only when the session's remembered state has expired (`service.web.freshness`) or a feed is new:
a cached feed is served at about the rate of a trivial endpoint. Drafts never appear: feeds read
published versions only, each with the session it was published with; a session with no published
version has no feeds (404, the same as no session). The ETag is a digest of the bytes; Last-Modified is the latest version's
publish time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from service import published
from service.db.feed_tokens import PersonalFeed
from service.db.tokens import Role
from service.errors import FieldError, NotFound
from service.exports import CALENDAR_TYPE as CALENDAR
from service.exports.calendar import FeedOptions, Selection, render
from service.operations import tokens
from service.published import FeedState
from service.settings import Settings
from service.web import conditional, links, rendering_cache
from service.web.access import PUBLIC, guarded
from service.web.conditional import Endpoint, Rendering
from service.web.deps import DbDep, SessionId
from service.web.errors import REFUSALS, ErrorBody
from service.web.security import limited
from solver.problem import Language, Session

# Public: feeds read published versions only, and a delegate holding a personal feed's token may revoke it.
router = guarded(read=Role.public, write=Role.public, tags=["feeds"])

Lang = Annotated[Language, Query(description="Language of names and titles")]
RATE_LIMITED: dict[int | str, dict] = {429: {"model": ErrorBody, "description": "Too many from this address; retry after `Retry-After` seconds",
                                             "headers": {"Retry-After": {"schema": {"type": "integer"}}}}}
LOOKUPS = {status: REFUSALS[status] for status in (404, 422)}
ICS_RESPONSES: dict[int | str, dict] = {
    200: {"content": {CALENDAR: {}}, "description": "The feed"},
    **LOOKUPS,
}


def feed_options(config: Settings) -> FeedOptions:
    return FeedOptions(config.feed_refresh, config.feed_keep_cancelled, config.feed_organizer, config.feed_organizer_name)


def _unknown_refs(session: Session, selection: Selection) -> list[FieldError]:
    bodies = {b.key for b in session.bodies}
    items = {i.ref for i in session.agenda}
    rooms = {r.key for r in session.rooms}
    return (
        [FieldError("path.body", f"no body {b!r}") for b in sorted(selection.bodies - bodies)]
        + [FieldError("path.code", f"no item {c!r} of body {b!r}") for b, c in sorted(selection.items - items)]
        + [FieldError("path.room", f"no room {r!r}") for r in sorted(selection.rooms - rooms)]
    )


def _render_fresh(
    app: FastAPI, session_id: int, selection: Selection, lang: str, state: FeedState, page_url: str
) -> Rendering:
    with app.state.sessionmaker() as db:
        h = published.public(db, session_id)
    # A version published since `state` was read waits for the request that sees it in its state.
    versions = [v for v in h.versions if v.number <= state.latest]
    shown = versions[-1].session
    unknown = _unknown_refs(shown, selection)
    if unknown:
        raise NotFound(unknown)
    feed = render(shown, versions, selection, lang, feed_options(app.state.settings), page_url)
    return Rendering.of(feed, CALENDAR, state.published_at)


def _personal(app: FastAPI, token: str) -> PersonalFeed:
    with app.state.sessionmaker() as db:
        return tokens.personal_feed(db, token)


async def _rendered(request: Request, session_id: int, selection: Selection, lang: str) -> Rendering:
    """The cached feed; the database is read only when the remembered state has expired or the feed is new."""
    # Part of the key: without a configured base URL links follow the request's host, and no host sees another's.
    page_url = links.route(request, "annex_page", session_id=session_id)
    # Versions are frozen: edits to the session change no feed, a new version changes them all.
    return await rendering_cache.published(
        request, session_id, ("feed", selection, lang, page_url),
        lambda state: _render_fresh(request.app, session_id, selection, lang, state, page_url),
    )


def _get_and_head(path: str, name: str, responses: dict[int | str, dict] | None = None) -> Callable[[Endpoint], Endpoint]:
    return conditional.get_and_head(router, path, name, responses={**ICS_RESPONSES, **(responses or {})})


@_get_and_head("/sessions/{session_id}/feed.ics", "session_feed")
async def session_feed(request: Request, session_id: SessionId, lang: Lang = "en") -> Response:
    """Every meeting of the session's published programme."""
    return conditional.respond(request, await _rendered(request, session_id, Selection(), lang), private=False)


@_get_and_head("/sessions/{session_id}/bodies/{body}/feed.ics", "body_feed")
async def body_feed(request: Request, session_id: SessionId, body: str, lang: Lang = "en") -> Response:
    """The meetings of one body, joint meetings included."""
    selection = Selection(bodies=frozenset({body}))
    return conditional.respond(request, await _rendered(request, session_id, selection, lang), private=False)


@_get_and_head("/sessions/{session_id}/items/{body}/{code}/feed.ics", "item_feed")
async def item_feed(request: Request, session_id: SessionId, body: str, code: str, lang: Lang = "en") -> Response:
    """The meetings that take one agenda item."""
    selection = Selection(items=frozenset({(body, code)}))
    return conditional.respond(request, await _rendered(request, session_id, selection, lang), private=False)


@_get_and_head("/sessions/{session_id}/rooms/{room}/feed.ics", "room_feed")
async def room_feed(request: Request, session_id: SessionId, room: str, lang: Lang = "en") -> Response:
    """The meetings held in one room."""
    selection = Selection(rooms=frozenset({room}))
    return conditional.respond(request, await _rendered(request, session_id, selection, lang), private=False)


@_get_and_head("/feeds/{token}.ics", "personal_feed", {410: {"model": ErrorBody, "description": "Revoked"}})
async def personal_feed(request: Request, token: str, lang: Lang = "en") -> Response:
    """A delegate's own selection of bodies and items; 410 once revoked (looked up on every request)."""
    found = await run_in_threadpool(_personal, request.app, token)
    selection = Selection(bodies=found.bodies, items=found.items)
    return conditional.respond(request, await _rendered(request, found.session_id, selection, lang), private=True)


class FeedLinks(BaseModel):
    """A feed's subscribe links: https:// for any client, webcal:// to open the calendar app."""

    https: str
    webcal: str


class FeedEntry(BaseModel):
    """One feed of a session: what it selects, its name, its links."""

    kind: Literal["session", "body", "item", "room"]
    body: str | None = None
    code: str | None = None
    room: str | None = None
    name: str
    links: FeedLinks


def _links(request: Request, name: str, lang: str, **params: object) -> FeedLinks:
    url = links.route(request, name, **params) + ("" if lang == "en" else f"?lang={lang}")
    return FeedLinks(https=url, webcal=links.webcal(url))


@router.get("/sessions/{session_id}/feeds", responses=LOOKUPS)
def session_feeds(request: Request, db: DbDep, session_id: SessionId, lang: Lang = "en") -> list[FeedEntry]:
    """Every feed of a session's published programme (its latest version), with subscribe links, for the pages that offer them."""
    stored = published.current(db, session_id).session
    return [
        FeedEntry(kind="session", name=stored.name(lang), links=_links(request, "session_feed", lang, session_id=session_id)),
        *(
            FeedEntry(kind="body", body=b.key, name=b.name(lang), links=_links(request, "body_feed", lang, session_id=session_id, body=b.key))
            for b in stored.bodies
        ),
        *(
            FeedEntry(
                kind="item", body=i.body, code=i.code, name=f"{i.code} {i.title(lang)}",
                links=_links(request, "item_feed", lang, session_id=session_id, body=i.body, code=i.code),
            )
            for i in sorted(stored.agenda, key=lambda i: i.position)
            if not i.heading
        ),
        *(
            FeedEntry(kind="room", room=r.key, name=r.name, links=_links(request, "room_feed", lang, session_id=session_id, room=r.key))
            for r in stored.rooms
        ),
    ]


class ItemRef(BaseModel):
    body: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=32)


class PersonalFeedIn(BaseModel):
    """The bodies and items a delegate follows: their meetings make the feed."""

    bodies: list[str] = Field(default=[], max_length=100)
    items: list[ItemRef] = Field(default=[], max_length=500)


class PersonalFeedOut(BaseModel):
    """The token is shown once; keep the links, they are the only way back to the feed."""

    token: str
    links: FeedLinks


@router.post("/sessions/{session_id}/feeds/personal", status_code=201, responses={**REFUSALS, **RATE_LIMITED})
def create_personal_feed(request: Request, db: DbDep, session_id: SessionId, body: PersonalFeedIn) -> PersonalFeedOut:
    """A personal feed for a selection of bodies and items, behind an unguessable token; rate-limited per client (429, Retry-After)."""
    if getattr(request.state, "caller", PUBLIC).role == Role.public:  # delegates, anonymous: one address may not mint feeds without end
        limited(request, request.app.state.feed_creation)
    shown = published.current(db, session_id).session
    token = tokens.create_personal_feed(db, shown, session_id, body.bodies, [(i.body, i.code) for i in body.items])
    db.commit()
    return PersonalFeedOut(token=token, links=_links(request, "personal_feed", "en", token=token))


@router.delete("/feeds/{token}", status_code=204, responses=LOOKUPS)
def revoke_personal_feed(db: DbDep, token: str) -> Response:
    """Revoke a personal feed for good: its URL answers 410 from now on."""
    tokens.revoke_personal_feed(db, token)
    db.commit()
    return Response(status_code=204)
