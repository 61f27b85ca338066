"""The bureau's review of variants: comments, and approvals of a variant as it stands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends
from pydantic import BaseModel, Field
from sqlalchemy import select

from service.api import preconditions
from service.api.access import Caller, caller, guarded
from service.api.deps import DbDep, RowId, SessionId, session_or_404
from service.api.errors import REFUSALS
from service.api.variants import variant_or_404
from service.db.models import VariantApprovalRow, VariantCommentRow
from service.db.tokens import Role
from service.feeds_store import aware

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


def _comment(row: VariantCommentRow) -> CommentOut:
    return CommentOut(id=row.id, author=row.author, text=row.text, created_at=aware(row.created_at))


@router.get(BASE + "/comments", operation_id="list_comments", responses=REFUSALS, summary="The comments on a variant, oldest first")
def list_comments(session_id: SessionId, variant_id: RowId, db: DbDep) -> list[CommentOut]:
    session_or_404(db, session_id)
    variant = variant_or_404(db, session_id, variant_id)
    rows = db.scalars(select(VariantCommentRow).where(VariantCommentRow.variant_id == variant.id).order_by(VariantCommentRow.id))
    return [_comment(x) for x in rows]


@router.post(BASE + "/comments", operation_id="comment_variant", status_code=201, responses=REFUSALS, summary="Comment on a variant")
def comment(session_id: SessionId, variant_id: RowId, body: CommentIn, db: DbDep, who: CallerDep) -> CommentOut:
    session_or_404(db, session_id)
    row = VariantCommentRow(variant_id=variant_or_404(db, session_id, variant_id).id, author=who.name, text=body.text)
    db.add(row)
    db.commit()
    return _comment(row)


def _approval(row: VariantApprovalRow, version: int) -> ApprovalOut:
    return ApprovalOut(id=row.id, approver=row.approver, variant_version=row.variant_version,
                       current=row.variant_version == version, created_at=aware(row.created_at))


@router.get(BASE + "/approvals", operation_id="list_approvals", responses=REFUSALS, summary="The approvals of a variant, oldest first")
def list_approvals(session_id: SessionId, variant_id: RowId, db: DbDep) -> list[ApprovalOut]:
    session_or_404(db, session_id)
    variant = variant_or_404(db, session_id, variant_id)
    rows = db.scalars(select(VariantApprovalRow).where(VariantApprovalRow.variant_id == variant.id).order_by(VariantApprovalRow.id))
    return [_approval(x, variant.version) for x in rows]


@router.post(BASE + "/approvals", operation_id="approve_variant", status_code=201, responses={**REFUSALS, **preconditions.STALE},
             summary="Approve a variant as it stands; with If-Match, only the version that was read")
def approve(session_id: SessionId, variant_id: RowId, db: DbDep, who: CallerDep, if_match: preconditions.IfMatch = None) -> ApprovalOut:
    session_or_404(db, session_id)
    variant = variant_or_404(db, session_id, variant_id)
    preconditions.check(if_match, variant.version)
    row = VariantApprovalRow(variant_id=variant.id, approver=who.name, variant_version=variant.version)
    db.add(row)
    db.commit()
    return _approval(row, variant.version)
