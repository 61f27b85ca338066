"""Where a refusal points, in words, never as an internal path."""

from service.web.pages.words import label


def test_a_file_path_is_the_item_and_its_field():
    assert label("agenda[3].minutes") == "Agenda item 4, estimated time"


def test_a_broken_rule_is_named_as_a_rule():
    assert label("variant_id.violations[order]") == "Rule “agenda order”"


def test_a_path_naming_the_whole_request_has_no_label():
    assert label("(body)") == "" and label("path.session_id") == ""


def test_a_pin_of_the_rules():
    assert label("rules.pins[0]") == "Pin 1"
