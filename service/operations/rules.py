"""A session's scalar rules and interpreter teams (pins, forbidden slots and pairs are parts of their own)."""

from __future__ import annotations

from service.db import repository as r
from service.db.models import SessionRow
from service.operations.sessions import ensure_whole
from service.sessionfile.convert import rules_of, rules_out
from service.sessionfile.models import RuleSettingsIn, RulesIn


def rule_settings(rules: RulesIn | RuleSettingsIn) -> RuleSettingsIn:
    return RuleSettingsIn.model_validate(rules.model_dump(include=set(RuleSettingsIn.model_fields)))


def read_rules(row: SessionRow) -> RuleSettingsIn:
    return rule_settings(RulesIn.model_validate(rules_out(r.rules_of(row))))


def replace_rules(row: SessionRow, settings: RuleSettingsIn) -> RuleSettingsIn:
    """The scalar rules replaced; refused when the session no longer holds together."""
    r.write_rules(row, rules_of(RulesIn.model_validate(settings.model_dump())))
    ensure_whole(row, row.rules)
    return rule_settings(settings)


def reset_rules(row: SessionRow) -> None:
    r.write_rules(row, rules_of(RulesIn()))
    ensure_whole(row, row.rules)
