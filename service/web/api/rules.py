"""A session's scalar rules and interpreter teams (pins and pairs have routers of their own)."""

from __future__ import annotations

from fastapi import Response

from service.db.tokens import Role
from service.operations import rules as ops
from service.operations.sessions import session_row
from service.sessionfile.models import RuleSettingsIn
from service.web.access import guarded
from service.web.deps import DbDep, SessionId
from service.web.errors import REFUSALS

router = guarded(read=Role.bureau, write=Role.secretariat, tags=["rules"])


@router.get("/sessions/{session_id}/rules", operation_id="read_rules", responses=REFUSALS, summary="Read the rules")
def read_rules(session_id: SessionId, db: DbDep) -> RuleSettingsIn:
    return ops.read_rules(session_row(db, session_id))


@router.put("/sessions/{session_id}/rules", operation_id="replace_rules", responses=REFUSALS, summary="Replace the rules")
def replace_rules(session_id: SessionId, body: RuleSettingsIn, db: DbDep) -> RuleSettingsIn:
    settings = ops.replace_rules(session_row(db, session_id), body)
    db.commit()
    return settings


@router.delete("/sessions/{session_id}/rules", operation_id="reset_rules", status_code=204, responses=REFUSALS, summary="Reset the rules to the defaults")
def reset_rules(session_id: SessionId, db: DbDep) -> Response:
    ops.reset_rules(session_row(db, session_id))
    db.commit()
    return Response(status_code=204)
