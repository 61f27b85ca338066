"""Every error response has one shape: `{"detail": [{"path": ..., "reason": ...}]}`; pages get an HTML page instead.

Domain errors (`service.errors`) get their status here: NotFound 404, Invalid 422, Conflict 409,
Stale 412, Gone 410, Busy 429 (with Retry-After). `ApiError` is for refusals that only HTTP knows (401, 403, 413, 415).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from service.errors import Busy, Conflict, DomainError, FieldError, Gone, Invalid, NotFound, Stale

STATUS: dict[type[DomainError], int] = {NotFound: 404, Invalid: 422, Conflict: 409, Stale: 412, Gone: 410, Busy: 429}


class ErrorItem(BaseModel):
    path: str
    reason: str


class ErrorBody(BaseModel):
    """Why a request was refused: one entry per field at fault."""

    detail: list[ErrorItem]


class ApiError(Exception):
    """A refusal that only HTTP knows, with a status and the fields at fault."""

    def __init__(self, status: int, errors: list[FieldError], headers: dict[str, str] | None = None):
        super().__init__("; ".join(f"{e.path}: {e.reason}" for e in errors))
        self.status = status
        self.errors = errors
        self.headers = headers


def status_of(error: DomainError) -> int:
    return next(status for kind, status in STATUS.items() if isinstance(error, kind))


def request_path(loc: tuple[Any, ...]) -> str:
    """`("body", "agenda", 3, "minutes")` as `agenda[3].minutes`; query and path parameters keep their prefix."""
    where, *rest = loc
    out = "" if where == "body" else str(where)
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(body)"


REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((404, "Unknown id"), (409, "Conflicts with stored records"), (422, "Invalid input"))
}
BUSY: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorBody, "description": "Too many solve jobs wait; retry after `Retry-After` seconds",
          "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
}

# How pages answer a refusal (an HTML page); installed by the pages, used for paths under `/ui`.
PageRenderer = Callable[[Request, int, list[FieldError]], Response]


def _document_refusals(app: FastAPI) -> None:
    """Document FastAPI's own 422 responses in the shape they really have (the handler below renders them)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = generate()  # caches itself in app.openapi_schema
            for operations in spec.get("paths", {}).values():
                for operation in operations.values():
                    response = operation.get("responses", {}).get("422", {})
                    if response.get("content", {}).get("application/json", {}).get("schema") == {"$ref": "#/components/schemas/HTTPValidationError"}:
                        response["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/ErrorBody"}
            schemas = spec["components"]["schemas"]  # ErrorBody is there: the session routes use it
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def allowed_methods(request: Request) -> str:
    """Every method some route of the app answers on this request's path."""
    path = request.scope["path"]
    methods = {m for r in iter_route_contexts(request.app.routes) if r.path_regex.match(path) for m in r.methods or ()}
    return ", ".join(sorted(methods))


def install(app: FastAPI, pages_prefix: str | None = None, page: PageRenderer | None = None) -> None:
    """Render every refusal in the one error shape (or as a page under `pages_prefix`), and document it so."""
    _document_refusals(app)

    def respond(request: Request, status: int, errors: list[FieldError], headers: dict[str, str] | None = None) -> Response:
        if page is not None and pages_prefix and request.url.path.startswith(pages_prefix):
            response = page(request, status, errors)
            response.headers.update(headers or {})
            return response
        return JSONResponse({"detail": [e.as_dict() for e in errors]}, status_code=status, headers=headers)

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Busy) else None
        return respond(request, status_of(exc), exc.errors, headers)

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, [FieldError(request_path(tuple(e["loc"])), str(e["msg"]).removeprefix("Value error, ")) for e in exc.errors()])

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 400:
            # FastAPI's only 400: a body it could not decode (not UTF-8, not JSON); an invalid input like any other.
            return respond(request, 422, [FieldError("(body)", "not valid JSON in UTF-8")])
        if exc.status_code in (301, 302, 303, 307, 308):
            return Response(status_code=exc.status_code, headers=headers)
        if exc.status_code == 405:
            # Starlette names the methods of the first route on the path only; RFC 9110 §15.5.6 wants them all.
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return respond(request, exc.status_code, [FieldError("(request)", str(exc.detail))], headers)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> Response:
        # A concurrent writer got there first (the checks before writing saw no clash).
        return respond(request, 409, [FieldError("(request)", "conflicts with a record stored meanwhile; read it again and retry")])

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> Response:
        return respond(request, 422, [FieldError("(request)", "a value cannot be stored (too long or out of range)")])

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> Response:
        # Another writer updated the row between this request's read and its write (the version counter moved).
        status, path = (412, "header.if-match") if "if-match" in request.headers else (409, "(request)")
        return respond(request, status, [FieldError(path, "changed by someone else meanwhile; read it again and retry")])
