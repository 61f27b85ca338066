"""The bureau's comments on variants and approvals of them, as stored rows."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from service.db.models import VariantApprovalRow, VariantCommentRow


def comments(db: Db, variant_id: int) -> list[VariantCommentRow]:
    return list(db.scalars(select(VariantCommentRow).where(VariantCommentRow.variant_id == variant_id).order_by(VariantCommentRow.id)))


def add_comment(db: Db, variant_id: int, author: str, text: str) -> VariantCommentRow:
    row = VariantCommentRow(variant_id=variant_id, author=author, text=text)
    db.add(row)
    db.flush()
    return row


def approvals(db: Db, variant_id: int) -> list[VariantApprovalRow]:
    return list(db.scalars(select(VariantApprovalRow).where(VariantApprovalRow.variant_id == variant_id).order_by(VariantApprovalRow.id)))


def add_approval(db: Db, variant_id: int, approver: str, variant_version: int) -> VariantApprovalRow:
    row = VariantApprovalRow(variant_id=variant_id, approver=approver, variant_version=variant_version)
    db.add(row)
    db.flush()
    return row
