"""Request and response bodies: the session file's own models, plus ids and what the API adds."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from service.api.deps import MAX_ID
from service.sessionfile import (
    AvoidIn,
    BodyIn,
    DocumentIn,
    ForbiddenIn,
    ItemIn,
    PinIn,
    RoomIn,
    SessionIn,
    SlotIn,
)


class SessionCreate(SessionIn):
    notes: list[str] = Field([], description="The rules stated in the document, in words (`rules_stated_in_document`)")


class SessionOut(SessionCreate):
    id: int
    version: int = Field(description="Counts the session's updates")


class SlotCreate(SlotIn):
    date: dt.date | None = Field(None, description="The one day this slot is for; empty for every day without slots of its own")


class SlotOut(SlotCreate):
    id: int


class BodyOut(BodyIn):
    id: int


class RoomOut(RoomIn):
    id: int


class ItemCreate(ItemIn):
    position: int | None = Field(None, ge=0, le=MAX_ID, description="Place in the session's agenda; the end when empty")


class ItemOut(ItemIn):
    id: int
    position: int


class DocumentCreate(DocumentIn):
    item_id: int = Field(ge=1, le=MAX_ID)


class DocumentOut(DocumentCreate):
    id: int


class PinOut(PinIn):
    id: int


class ForbiddenOut(ForbiddenIn):
    id: int


class AvoidOut(AvoidIn):
    id: int
