"""A session's scalar rules and interpreter teams (pins and pairs have routers of their own)."""

from __future__ import annotations

from fastapi import Response

from service.api.access import guarded
from service.api.deps import DbDep, SessionId, commit_checked, session_or_404
from service.api.errors import REFUSALS
from service.db import repository as r
from service.db.tokens import Role
from service.sessionfile import RuleSettingsIn, RulesIn, rules_of, rules_out

router = guarded(read=Role.bureau, write=Role.secretariat, tags=["rules"])


def _out(rules: RulesIn | RuleSettingsIn) -> RuleSettingsIn:
    return RuleSettingsIn.model_validate(rules.model_dump(include=set(RuleSettingsIn.model_fields)))


@router.get("/sessions/{session_id}/rules", operation_id="read_rules", responses=REFUSALS, summary="Read the rules")
def read_rules(session_id: SessionId, db: DbDep) -> RuleSettingsIn:
    return _out(RulesIn.model_validate(rules_out(r.rules_of(session_or_404(db, session_id)))))


@router.put("/sessions/{session_id}/rules", operation_id="replace_rules", responses=REFUSALS, summary="Replace the rules")
def replace_rules(session_id: SessionId, body: RuleSettingsIn, db: DbDep) -> RuleSettingsIn:
    session = session_or_404(db, session_id)
    r.write_rules(session, rules_of(RulesIn.model_validate(body.model_dump())))
    commit_checked(db, session, session.rules)
    return _out(body)


@router.delete("/sessions/{session_id}/rules", operation_id="reset_rules", status_code=204, responses=REFUSALS, summary="Reset the rules to the defaults")
def reset_rules(session_id: SessionId, db: DbDep) -> Response:
    session = session_or_404(db, session_id)
    r.write_rules(session, rules_of(RulesIn()))
    commit_checked(db, session, session.rules)
    return Response(status_code=204)
