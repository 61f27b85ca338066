"""`GET /health`: whether the API can reach its database (for load balancers and `docker compose`)."""

from __future__ import annotations

from typing import Literal

from fastapi import Request, Response
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.db.tokens import Role
from service.web.access import guarded

router = guarded(read=Role.public, write=Role.public, tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]


@router.get("/health", operation_id="health", responses={503: {"model": Health, "description": "The database cannot be reached"}},
            summary="Whether the service and its database answer")
def health(request: Request, response: Response) -> Health:
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        response.status_code = 503
        return Health(status="unavailable", database="unreachable")
    return Health(status="ok", database="ok")
