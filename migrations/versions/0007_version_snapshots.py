"""Version snapshots: each published version keeps the session as it was published.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 07:10:00

Versions published before this migration get the session's rows as they are when it runs (best
effort: an edit made between their publishing and this migration is not undone; versions published
afterwards hold exactly what was published).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

versions = sa.table("programme_versions", sa.column("id", sa.Integer), sa.column("session_id", sa.Integer), sa.column("snapshot", sa.JSON))


def _backfill() -> None:
    # The service's own reading of a session: the rows at this revision are the models' (see the docstring).
    from service.db.repository import get_session, session_of
    from service.published import snapshot_of

    connection = op.get_bind()
    snapshots: dict[int, dict] = {}
    with Session(bind=connection) as db:
        for version_id, session_id in connection.execute(sa.select(versions.c.id, versions.c.session_id)).all():
            if session_id not in snapshots:
                snapshots[session_id] = snapshot_of(session_of(get_session(db, session_id)))
            connection.execute(versions.update().where(versions.c.id == version_id).values(snapshot=snapshots[session_id]))


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('snapshot', sa.JSON(), nullable=True))
    _backfill()
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.alter_column('snapshot', existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.drop_column('snapshot')
