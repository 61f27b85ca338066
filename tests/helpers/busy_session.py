"""A session that keeps the planner searching for a minute: three bodies of sixteen items over two weeks."""

from __future__ import annotations

from typing import Any

BODIES = ("plenary", "wg1", "wg2")


def busy_session() -> dict[str, Any]:
    """In the session file format; the first programmes come within a second, proving the best takes long."""
    agenda = [
        {"code": str(n), "body": body, "minutes": 45 + 15 * ((n * 7 + len(body)) % 9), "title_en": f"Item {n}"}
        for body in BODIES
        for n in range(1, 17)
    ]
    return {
        "session": {"name_en": "Busy session", "timezone": "Europe/Vienna", "first_day": "2024-03-04", "last_day": "2024-03-15"},
        "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}],
        "bodies": [{"key": body, "name_en": body} for body in BODIES],
        "agenda": agenda,
        "rules": {"interpreted_at_once": 2, "agenda_order": "preferred"},
    }
