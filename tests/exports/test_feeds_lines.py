"""Content lines: escaping, parameter quoting and folding at 75 octets."""

from service.exports.ical_lines import content_line, fold, param, text


def test_text_escapes_backslash_semicolon_comma_and_newline():
    assert text("a\\b; c, d\ne") == "a\\\\b\\; c\\, d\\ne"


def test_a_parameter_with_a_colon_is_quoted_and_a_double_quote_escaped():
    assert param('UNODC: "Secretariat"') == "\"UNODC: ^'Secretariat^'\""


def test_a_short_line_is_not_folded():
    assert fold("SUMMARY:" + "x" * 66) == b"SUMMARY:" + b"x" * 66 + b"\r\n"


def test_a_long_line_folds_into_physical_lines_of_at_most_75_octets():
    lines = fold("DESCRIPTION:" + "x" * 300).split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75
    assert all(line.startswith(b" ") for line in lines[1:])


def test_a_fold_never_splits_a_three_octet_character():
    for lead in range(3):
        for line in fold("SUMMARY:" + "x" * lead + "汉" * 60).split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")


def test_folding_keeps_every_character_in_order():
    line = "DESCRIPTION:" + "ابتثجحخ" * 20 + "Общие прения" * 10
    assert fold(line).replace(b"\r\n ", b"").decode() == line + "\r\n"


def test_a_fold_does_not_follow_an_escape_character():
    for line in fold("SUMMARY:" + "x" * 65 + text(",") * 10).split(b"\r\n"):
        assert not line.endswith(b"\\")


def test_a_content_line_writes_its_parameters_in_order():
    assert content_line("DTSTART", "20220523T100000", tzid="Europe/Vienna") == (
        b"DTSTART;TZID=Europe/Vienna:20220523T100000\r\n"
    )
