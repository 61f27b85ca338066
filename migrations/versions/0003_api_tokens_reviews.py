"""API tokens with roles (stored as SHA-256); the bureau's comments on and approvals of variants.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 01:41:35.129058

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_api_tokens_token_sha256'))
    )
    op.create_table('variant_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('approver', sa.String(length=200), nullable=False),
    sa.Column('variant_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_variant_approvals_variant_id_variants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_variant_approvals'))
    )
    with op.batch_alter_table('variant_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_variant_approvals_variant_id'), ['variant_id'], unique=False)

    op.create_table('variant_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_variant_comments_variant_id_variants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_variant_comments'))
    )
    with op.batch_alter_table('variant_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_variant_comments_variant_id'), ['variant_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('variant_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_variant_comments_variant_id'))

    op.drop_table('variant_comments')
    with op.batch_alter_table('variant_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_variant_approvals_variant_id'))

    op.drop_table('variant_approvals')
    op.drop_table('api_tokens')
