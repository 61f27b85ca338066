"""The bureau's review of variants: comments, and approvals of a variant as it stands (current until it changes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session as Db

from service.db import reviews as store
from service.db.models import VariantRow
from service.published import aware


@dataclass(frozen=True)
class Comment:
    id: int
    author: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Approval:
    id: int
    approver: str
    variant_version: int
    current: bool  # the variant has not changed since it was approved
    created_at: dt.datetime


def comments(db: Db, variant: VariantRow) -> list[Comment]:
    """The comments on a variant, oldest first."""
    return [Comment(x.id, x.author, x.text, aware(x.created_at)) for x in store.comments(db, variant.id)]


def comment(db: Db, variant: VariantRow, author: str, text: str) -> Comment:
    row = store.add_comment(db, variant.id, author, text)
    return Comment(row.id, row.author, row.text, aware(row.created_at))


def _approval(row, version: int) -> Approval:  # type: ignore[no-untyped-def]
    return Approval(row.id, row.approver, row.variant_version, row.variant_version == version, aware(row.created_at))


def approvals(db: Db, variant: VariantRow) -> list[Approval]:
    """The approvals of a variant, oldest first, each current or out of date."""
    return [_approval(x, variant.version) for x in store.approvals(db, variant.id)]


def approve(db: Db, variant: VariantRow, approver: str) -> Approval:
    """Approve the variant as it stands now (its version)."""
    return _approval(store.add_approval(db, variant.id, approver, variant.version), variant.version)
