"""Every error response has one shape: `{"detail": [{"path": ..., "reason": ...}]}`."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from service.sessionfile import FieldError


class ErrorItem(BaseModel):
    path: str
    reason: str


class ErrorBody(BaseModel):
    """Why a request was refused: one entry per field at fault."""

    detail: list[ErrorItem]


class ApiError(Exception):
    """A refusal with a status and the fields at fault."""

    def __init__(self, status: int, errors: list[FieldError], headers: dict[str, str] | None = None):
        super().__init__("; ".join(f"{e.path}: {e.reason}" for e in errors))
        self.status = status
        self.errors = errors
        self.headers = headers


def not_found(path: str, reason: str) -> ApiError:
    return ApiError(404, [FieldError(path, reason)])


def refusal(errors: list[FieldError]) -> ApiError:
    """409 when the request clashes with stored records, else 422."""
    return ApiError(409 if any(e.conflict for e in errors) else 422, errors)


def request_path(loc: tuple[Any, ...]) -> str:
    """`("body", "agenda", 3, "minutes")` as `agenda[3].minutes`; query and path parameters keep their prefix."""
    where, *rest = loc
    out = "" if where == "body" else str(where)
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(body)"


def _response(status: int, errors: list[FieldError], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": [e.as_dict() for e in errors]}, status_code=status, headers=headers)


REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((404, "Unknown id"), (409, "Conflicts with stored records"), (422, "Invalid input"))
}


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


def install(app: FastAPI) -> None:
    """Render every refusal in the one error shape, and document it so."""
    _document_refusals(app)

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return _response(exc.status, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _response(
            422, [FieldError(request_path(tuple(e["loc"])), str(e["msg"]).removeprefix("Value error, ")) for e in exc.errors()]
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's only 400: a body it could not decode (not UTF-8, not JSON); an invalid input like any other.
            return _response(422, [FieldError("(body)", "not valid JSON in UTF-8")])
        return _response(exc.status_code, [FieldError("(request)", str(exc.detail))], getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # A concurrent writer got there first (the checks before writing saw no clash).
        return _response(409, [FieldError("(request)", "conflicts with a record stored meanwhile; read it again and retry")])

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        return _response(422, [FieldError("(request)", "a value cannot be stored (too long or out of range)")])

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        # Another writer updated the row between this request's read and its write (the version counter moved).
        status, path = (412, "header.if-match") if "if-match" in request.headers else (409, "(request)")
        return _response(status, [FieldError(path, "changed by someone else meanwhile; read it again and retry")])
