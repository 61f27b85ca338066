"""Import idempotency keys (a retried import answers the session it made) and the lost attempts of solve jobs.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('import_keys',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_import_keys_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_import_keys'))
    )
    with op.batch_alter_table('import_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_keys_session_id'), ['session_id'], unique=False)
    with op.batch_alter_table('solve_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lost', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('solve_jobs', schema=None) as batch_op:
        batch_op.drop_column('lost')
    with op.batch_alter_table('import_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_keys_session_id'))
    op.drop_table('import_keys')
