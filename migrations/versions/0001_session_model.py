"""The session model: sessions and their parts, rules, variants and programme versions.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 01:14:03.479061

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('symbols', sa.JSON(), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('working_weekdays', sa.JSON(), nullable=False),
    sa.Column('excluded_days', sa.JSON(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions'))
    )
    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('interpreted', sa.Boolean(), nullable=False),
    sa.Column('window_from', sa.Date(), nullable=True),
    sa.Column('window_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_bodies_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('session_id', 'key', name=op.f('uq_bodies_session_id_key'))
    )
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bodies_session_id'), ['session_id'], unique=False)

    op.create_table('programme_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('programme', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_programme_versions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_versions')),
    sa.UniqueConstraint('session_id', 'number', name=op.f('uq_programme_versions_session_id_number'))
    )
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_versions_session_id'), ['session_id'], unique=False)

    op.create_table('rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=True),
    sa.Column('booths', sa.Boolean(), nullable=False),
    sa.Column('hybrid', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_rooms_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
    sa.UniqueConstraint('session_id', 'key', name=op.f('uq_rooms_session_id_key'))
    )
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rooms_session_id'), ['session_id'], unique=False)

    op.create_table('rules',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('interpreted_meetings_total', sa.Integer(), nullable=True),
    sa.Column('interpreted_at_once', sa.Integer(), nullable=True),
    sa.Column('max_meeting_minutes', sa.Integer(), nullable=True),
    sa.Column('interpreter_teams', sa.Integer(), nullable=True),
    sa.Column('team_meetings_per_day', sa.Integer(), nullable=True),
    sa.Column('team_meetings_per_week', sa.Integer(), nullable=True),
    sa.Column('agenda_order', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_rules_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_rules'))
    )
    op.create_table('slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('labels', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_slots_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_slots'))
    )
    with op.batch_alter_table('slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slots_session_id'), ['session_id'], unique=False)

    op.create_table('variants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('programme', sa.JSON(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_variants_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_variants')),
    sa.UniqueConstraint('session_id', 'name', name=op.f('uq_variants_session_id_name'))
    )
    with op.batch_alter_table('variants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_variants_session_id'), ['session_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('heading', sa.Boolean(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('reserved', sa.Boolean(), nullable=False),
    sa.Column('exclusive', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_agenda_items_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_parent_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_agenda_items_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('body_id', 'code', name=op.f('uq_agenda_items_body_id_code'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_session_id'), ['session_id'], unique=False)

    op.create_table('forbidden_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('slot', sa.Time(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_forbidden_slots_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_forbidden_slots_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forbidden_slots'))
    )
    with op.batch_alter_table('forbidden_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forbidden_slots_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forbidden_slots_session_id'), ['session_id'], unique=False)

    op.create_table('avoid_parallel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('first_body_id', sa.Integer(), nullable=False),
    sa.Column('first_item_id', sa.Integer(), nullable=True),
    sa.Column('second_body_id', sa.Integer(), nullable=False),
    sa.Column('second_item_id', sa.Integer(), nullable=True),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['first_body_id'], ['bodies.id'], name=op.f('fk_avoid_parallel_first_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['first_item_id'], ['agenda_items.id'], name=op.f('fk_avoid_parallel_first_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_body_id'], ['bodies.id'], name=op.f('fk_avoid_parallel_second_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_item_id'], ['agenda_items.id'], name=op.f('fk_avoid_parallel_second_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_avoid_parallel_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_avoid_parallel'))
    )
    with op.batch_alter_table('avoid_parallel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_avoid_parallel_first_body_id'), ['first_body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_avoid_parallel_first_item_id'), ['first_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_avoid_parallel_second_body_id'), ['second_body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_avoid_parallel_second_item_id'), ['second_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_avoid_parallel_session_id'), ['session_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_documents_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_item_id'), ['item_id'], unique=False)

    op.create_table('item_joints',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_item_joints_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['agenda_items.id'], name=op.f('fk_item_joints_other_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'other_id', name=op.f('pk_item_joints'))
    )
    with op.batch_alter_table('item_joints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_joints_other_id'), ['other_id'], unique=False)

    op.create_table('pins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('slot', sa.Time(), nullable=True),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_pins_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_pins_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pins'))
    )
    with op.batch_alter_table('pins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pins_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pins_session_id'), ['session_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('pins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pins_session_id'))
        batch_op.drop_index(batch_op.f('ix_pins_item_id'))

    op.drop_table('pins')
    with op.batch_alter_table('item_joints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_joints_other_id'))

    op.drop_table('item_joints')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_item_id'))

    op.drop_table('documents')
    with op.batch_alter_table('avoid_parallel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_avoid_parallel_session_id'))
        batch_op.drop_index(batch_op.f('ix_avoid_parallel_second_item_id'))
        batch_op.drop_index(batch_op.f('ix_avoid_parallel_second_body_id'))
        batch_op.drop_index(batch_op.f('ix_avoid_parallel_first_item_id'))
        batch_op.drop_index(batch_op.f('ix_avoid_parallel_first_body_id'))

    op.drop_table('avoid_parallel')
    with op.batch_alter_table('forbidden_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forbidden_slots_session_id'))
        batch_op.drop_index(batch_op.f('ix_forbidden_slots_body_id'))

    op.drop_table('forbidden_slots')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_session_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_parent_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_body_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('variants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_variants_session_id'))

    op.drop_table('variants')
    with op.batch_alter_table('slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slots_session_id'))

    op.drop_table('slots')
    op.drop_table('rules')
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rooms_session_id'))

    op.drop_table('rooms')
    with op.batch_alter_table('programme_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_versions_session_id'))

    op.drop_table('programme_versions')
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bodies_session_id'))

    op.drop_table('bodies')
    op.drop_table('sessions')
