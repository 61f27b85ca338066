"""Solve jobs: variants solved in the background by workers holding a lease, with progress and attempts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 01:45:21.354440

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('solve_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('replan', sa.Boolean(), nullable=False),
    sa.Column('solutions', sa.Integer(), nullable=False),
    sa.Column('objective', sa.Float(), nullable=True),
    sa.Column('bound', sa.Float(), nullable=True),
    sa.Column('elapsed', sa.Float(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('lease_owner', sa.String(length=200), nullable=True),
    sa.Column('lease_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name=op.f('ck_solve_jobs_state')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_solve_jobs_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_solve_jobs_variant_id_variants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solve_jobs'))
    )
    with op.batch_alter_table('solve_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_solve_jobs_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_solve_jobs_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_solve_jobs_variant_id'), ['variant_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('solve_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solve_jobs_variant_id'))
        batch_op.drop_index(batch_op.f('ix_solve_jobs_state'))
        batch_op.drop_index(batch_op.f('ix_solve_jobs_session_id'))

    op.drop_table('solve_jobs')
