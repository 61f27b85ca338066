"""The bureau's review of variants: comments, and approvals of a variant as it stands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends
from pydantic import BaseModel, Field

from service.db.tokens import Role
from service.operations import reviews as ops
from service.operations.sessions import session_row
from service.operations.variants import variant_row
from service.web import preconditions
from service.web.access import Caller, caller, guarded
from service.web.deps import DbDep, RowId, SessionId
from service.web.errors import REFUSALS

router = guarded(read=Role.bureau, write=Role.bureau, tags=["reviews"])
CallerDep = Annotated[Caller, Depends(caller)]
BASE = "/sessions/{session_id}/variants/{variant_id}"


class CommentIn(BaseModel):
    text: str = Field(min_length=1, max_length=4000)


class CommentOut(CommentIn):
    id: int
    author: str = Field(description="The name of the token it was written with")
    created_at: dt.datetime


class ApprovalOut(BaseModel):
    id: int
    approver: str = Field(description="The name of the token it was given with")
    variant_version: int = Field(description="The variant's version that was approved")
    current: bool = Field(description="The variant has not changed since")
    created_at: dt.datetime


@router.get(BASE + "/comments", operation_id="list_comments", responses=REFUSALS, summary="The comments on a variant, oldest first")
def list_comments(session_id: SessionId, variant_id: RowId, db: DbDep) -> list[CommentOut]:
    session_row(db, session_id)
    return [CommentOut(**vars(c)) for c in ops.comments(db, variant_row(db, session_id, variant_id))]


@router.post(BASE + "/comments", operation_id="comment_variant", status_code=201, responses=REFUSALS, summary="Comment on a variant")
def comment(session_id: SessionId, variant_id: RowId, body: CommentIn, db: DbDep, who: CallerDep) -> CommentOut:
    session_row(db, session_id)
    made = ops.comment(db, variant_row(db, session_id, variant_id), who.name, body.text)
    db.commit()
    return CommentOut(**vars(made))


@router.get(BASE + "/approvals", operation_id="list_approvals", responses=REFUSALS, summary="The approvals of a variant, oldest first")
def list_approvals(session_id: SessionId, variant_id: RowId, db: DbDep) -> list[ApprovalOut]:
    session_row(db, session_id)
    return [ApprovalOut(**vars(a)) for a in ops.approvals(db, variant_row(db, session_id, variant_id))]


@router.post(BASE + "/approvals", operation_id="approve_variant", status_code=201, responses={**REFUSALS, **preconditions.STALE},
             summary="Approve a variant as it stands; with If-Match, only the version that was read")
def approve(session_id: SessionId, variant_id: RowId, db: DbDep, who: CallerDep, if_match: preconditions.IfMatch = None) -> ApprovalOut:
    session_row(db, session_id)
    variant = variant_row(db, session_id, variant_id)
    preconditions.check(if_match, variant.version)
    made = ops.approve(db, variant, who.name)
    db.commit()
    return ApprovalOut(**vars(made))
