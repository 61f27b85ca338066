"""Personal feed tokens: a delegate's selection of bodies and items behind a revocable token.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 01:18:52.536409

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('feed_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('bodies', sa.JSON(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_feed_tokens_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_tokens')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_feed_tokens_token_sha256'))
    )
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_tokens_session_id'), ['session_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_tokens_session_id'))

    op.drop_table('feed_tokens')
