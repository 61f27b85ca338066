"""Sessions: how many current approvals of the bureau a variant needs before it is published.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('sessions') as batch:
        batch.add_column(sa.Column('approvals_needed', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('sessions') as batch:
        batch.drop_column('approvals_needed')
