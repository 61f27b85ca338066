"""Response bodies: the session file's own models with the ids and versions the API adds."""

from __future__ import annotations

from pydantic import Field

from service.sessionfile.models import (
    AvoidIn,
    BodyIn,
    DocumentCreate,
    ForbiddenIn,
    ItemIn,
    PinIn,
    RoomIn,
    SessionCreate,
    SlotCreate,
)


class SessionOut(SessionCreate):
    id: int
    version: int = Field(description="Counts the session's updates")


class SlotOut(SlotCreate):
    id: int


class BodyOut(BodyIn):
    id: int


class RoomOut(RoomIn):
    id: int


class ItemOut(ItemIn):
    id: int
    position: int


class DocumentOut(DocumentCreate):
    id: int


class PinOut(PinIn):
    id: int


class ForbiddenOut(ForbiddenIn):
    id: int


class AvoidOut(AvoidIn):
    id: int
