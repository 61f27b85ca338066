"""Alembic migrations of the Podium database (run with `podium db upgrade`)."""
