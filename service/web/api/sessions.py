"""Sessions: create, read, list, replace, delete; import a session file; export one."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Header, Query, Request, Response

from service.db.models import SessionRow
from service.db.repository import session_of
from service.db.tokens import Role
from service.errors import FieldError, Invalid
from service.operations import sessions as ops
from service.sessionfile import SessionFile, dump_yaml
from service.sessionfile.convert import session_out
from service.sessionfile.limits import Limits
from service.sessionfile.models import SessionCreate
from service.web import imports, preconditions
from service.web.access import guarded
from service.web.api.schemas import SessionOut
from service.web.deps import DbDep, Page, PagingDep, SessionId
from service.web.errors import REFUSALS, ApiError

router = guarded(read=Role.bureau, write=Role.secretariat, tags=["sessions"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


def _out_json(row: SessionRow) -> bytes:
    return _out(row).model_dump_json().encode()


def _out(row: SessionRow) -> SessionOut:
    return SessionOut.model_validate({"id": row.id, "version": row.version, "notes": row.notes, **session_out(session_of(row))})


@router.get("/sessions", operation_id="list_sessions", responses=REFUSALS, summary="List sessions")
def list_sessions(db: DbDep, paging: PagingDep) -> Page[SessionOut]:
    rows, total = ops.list_sessions(db, paging.limit, paging.offset)
    return Page[SessionOut](items=[_out(x) for x in rows], total=total, limit=paging.limit, offset=paging.offset)


@router.post("/sessions", operation_id="create_session", status_code=201, responses=REFUSALS, summary="Create a session")
def create_session(body: SessionCreate, db: DbDep) -> SessionOut:
    row = ops.create_session(db, body, body.notes)
    db.commit()
    return _out(row)


@router.get("/sessions/{session_id}", operation_id="read_session", responses=REFUSALS, summary="Read a session (its ETag is its version)")
def read_session(session_id: SessionId, db: DbDep, response: Response) -> SessionOut:
    row = ops.session_row(db, session_id)
    preconditions.tagged(response, row.version)
    return _out(row)


@router.put("/sessions/{session_id}", operation_id="replace_session", responses={**REFUSALS, **preconditions.STALE},
            summary="Replace a session's own fields; with If-Match, only if unchanged since")
def replace_session(session_id: SessionId, body: SessionCreate, db: DbDep, response: Response, if_match: preconditions.IfMatch = None) -> SessionOut:
    row = ops.session_row(db, session_id)
    preconditions.check(if_match, row.version)
    ops.replace_session(row, body, body.notes)
    db.commit()
    preconditions.tagged(response, row.version)
    return _out(row)


@router.delete("/sessions/{session_id}", operation_id="delete_session", status_code=204, responses={**REFUSALS, **preconditions.STALE},
               summary="Delete a session and all its parts; with If-Match, only if unchanged since")
def delete_session(session_id: SessionId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
    row = ops.session_row(db, session_id)
    preconditions.check(if_match, row.version)
    ops.delete_session(db, row)
    db.commit()
    return Response(status_code=204)


IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/SessionFile"}},
            "application/yaml": {"schema": {"type": "string", "description": "A session file in YAML"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary", "description": "A session file, YAML or JSON"}},
                    "required": ["file"],
                }
            },
        },
    }
}


async def _file_bytes(request: Request) -> tuple[bytes, str, str | None]:
    """The session file in a request, undecoded: its bytes, their kind (json or yaml), the uploaded file's name."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Invalid.at("file", "upload the session file in a form field named `file`")
        return await upload.read(), "yaml", upload.filename
    if kind == "application/json":
        return await request.body(), "json", None
    if kind in YAML_TYPES:
        return await request.body(), "yaml", None
    raise ApiError(415, [FieldError("(request)", "send the session file as application/json, application/yaml or a multipart upload")])


@router.post(
    "/sessions/import",
    operation_id="import_session",
    status_code=201,
    responses={**REFUSALS, 200: {"model": SessionOut, "description": "Imported before under this Idempotency-Key: that session"},
               415: REFUSALS[422] | {"description": "Unsupported content type"}},
    openapi_extra=IMPORT_BODY,
    summary="Import a session file (JSON body, YAML body or file upload), with its programme as version 1; 409 when it is stored already",
)
async def import_session(
    request: Request, db: DbDep,
    copy: Annotated[bool, Query(description="Import a second copy of a session that is stored already")] = False,
    idempotency_key: Annotated[str | None, Header(min_length=1, max_length=200, description="Retry safely: the same key answers the session made the first time")] = None,
) -> Response:
    raw, kind, name = await _file_bytes(request)
    bounds = Limits.of(request.app.state.settings)
    # Off the server's process: a large file takes seconds to check and store, and feeds must keep answering meanwhile.
    stored = await imports.import_file(request.app, db, _out_json, raw, kind, name, bounds, copy, idempotency_key)
    return Response(stored.body, media_type="application/json", status_code=201 if stored.made else 200,
                    headers={"Location": f"/sessions/{stored.session_id}"})


@router.get(
    "/sessions/{session_id}/file",
    operation_id="export_session",
    responses={**REFUSALS, 200: {"content": {"application/yaml": {}}}},
    summary="The session as a session file (JSON, or YAML with format=yaml); 409 while it is incomplete or its published programme no longer fits it",
)
def export_session(
    session_id: SessionId, db: DbDep, format: Annotated[Literal["json", "yaml"], Query()] = "json"
) -> SessionFile:
    data = ops.session_file(db, ops.session_row(db, session_id))
    if format == "yaml":
        return Response(dump_yaml(data), media_type="application/yaml")  # type: ignore[return-value]
    return SessionFile.model_validate(data)
