"""Who is calling and what their role lets them do: one access rule per router, checked on every route.

A caller presents an API token as `Authorization: Bearer <token>`, or (in a browser) the
`podium_token` cookie set by the sign-in page; without either they are the public. Every router
is made by `guarded`, which declares the minimum role for reading (GET, HEAD) and for writing
(anything else) its routes: 401 when a role is needed and no token was given, or when a bearer
token is not valid; 403 when the token's role is too low.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from starlette.exceptions import HTTPException

from service.db.tokens import Role
from service.errors import FieldError
from service.operations.tokens import holder
from service.web.errors import ApiError, ErrorBody

COOKIE = "podium_token"
READS = frozenset({"GET", "HEAD"})
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {401: {"model": ErrorBody, "description": "No valid token, and the route needs a role"}}
FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"model": ErrorBody, "description": "The token's role may not do this"}}


@dataclass(frozen=True)
class Caller:
    """A token's holder (by the token's name) and role; the public has no name."""

    role: Role
    name: str = ""


PUBLIC = Caller(Role.public)


def _unauthorized(reason: str) -> ApiError:
    return ApiError(401, [FieldError("header.authorization", reason)], {"WWW-Authenticate": 'Bearer realm="podium"'})


def _lookup(request: Request, token: str) -> Caller | None:
    with request.app.state.sessionmaker() as db:
        found = holder(db, token)
        return None if found is None else Caller(found.role, found.name)


async def caller(request: Request) -> Caller:
    """The caller of this request, looked up once (the public's requests never touch the database).

    A bad bearer token is refused (401); a cookie whose token was revoked only makes its browser
    the public again, so that the sign-in page stays reachable.
    """
    known = getattr(request.state, "caller", None)
    if known is not None:
        return known
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("send the token as `Authorization: Bearer <token>`")
        found = await run_in_threadpool(_lookup, request, token.strip())
        if found is None:
            raise _unauthorized("unknown or revoked token")
    else:
        cookie = request.cookies.get(COOKIE)
        found = (await run_in_threadpool(_lookup, request, cookie) if cookie else None) or PUBLIC
    request.state.caller = found
    return found


Check = Callable[[Request], Awaitable[Caller]]


def _check(read: Role, write: Role, login: str | None) -> Check:
    async def check(request: Request) -> Caller:
        need = read if request.method in READS else write
        who = await caller(request)
        if who.role >= need:
            return who
        if who is PUBLIC:
            if login is not None and request.method in READS:
                # A browser without a token is sent to the sign-in page, which comes back here.
                raise HTTPException(303, "sign in first", headers={"Location": f"{login}?next={request.url.path}"})
            raise _unauthorized(f"needs a {need.name} token")
        raise ApiError(403, [FieldError("header.authorization", f"needs the {need.name} role; this token has {who.role.name}")])

    check.roles = (read, write)  # type: ignore[attr-defined]
    return check


def guarded(read: Role, write: Role, login: str | None = None, **router: Any) -> APIRouter:
    """A router whose every route needs `read` to GET or HEAD and `write` for any other method.

    `login`: the sign-in page, where visitors without a token are sent when a page needs a role.
    """
    responses = {**UNAUTHORIZED, **(FORBIDDEN if write > Role.public else {}), **router.pop("responses", {})}
    return APIRouter(dependencies=[Depends(_check(read, write, login))], responses=responses, **router)


DOCS = {"/docs", "/docs/oauth2-redirect", "/redoc"}  # fastapi-offline's routes (it keeps FastAPI's own docs_url unset)


def api_routes(app: FastAPI) -> list[RouteContext]:
    """Every route of the app's routers (FastAPI keeps included routers as branches of `app.routes`).

    The documentation pages (`/docs`, `/redoc`, which fastapi-offline adds as routes) are public and not the API's.
    """
    return [r for r in iter_route_contexts(app.routes) if isinstance(r.original_route, APIRoute) and r.original_route.path not in DOCS]


def minimum_role(route: RouteContext) -> Role | None:
    """The role `route` needs, from its router's access rule; None when it has none (which the tests forbid)."""
    for dependency in route.dependant.dependencies:
        roles = getattr(dependency.call, "roles", None)
        if roles is not None:
            read, write = roles
            return read if set(route.methods) <= READS else write
    return None


def install(app: FastAPI) -> None:
    """Declare bearer tokens and show each operation's minimum role in the OpenAPI document (`x-minimum-role`)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = generate()
            spec["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer", "description": "podium token create"}}
            for route in api_routes(app):
                role = minimum_role(route)
                for method in route.methods:
                    operation = spec["paths"].get(route.path_format, {}).get(method.lower())
                    if operation is not None and role is not None:
                        operation["x-minimum-role"] = role.name
                        # `{}`: the public may call it without a token.
                        operation["security"] = [{"bearer": []}] if role > Role.public else [{}, {"bearer": []}]
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
