"""What a version's meeting UIDs start from, kept from the session's first version (a renamed symbol moves no event).

Existing versions keep NULL: their UIDs stay what their subscribers already have (the snapshot's symbol).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:50:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uid_origin', sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.drop_column('uid_origin')
