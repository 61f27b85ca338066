"""`podium plan`, `podium render` and `podium check` read a session file directly and print the annex or the violations."""

import json

import yaml

from service.cli import main
from tests.conftest import EXAMPLES


def test_plan_prints_the_annex_with_continued_items(capsys):
    assert main(["plan", str(EXAMPLES / "cop10-2020.yaml")]) == 0
    out = capsys.readouterr().out
    assert "12 noon–2 p.m." in out and "General discussion (continued)" in out


def test_plan_prints_json_with_status_objective_and_meetings(capsys):
    assert main(["plan", str(EXAMPLES / "wg2-wg3-2022.yaml"), "--format", "json", "--seed", "3", "--time-limit", "10"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "optimal" and isinstance(data["objective"], int)
    first = data["meetings"][0]
    assert (first["date"], first["slot"], first["start"], first["bodies"]) == (
        "2022-05-23", "10:00", "2022-05-23T10:00:00+02:00", ["wg3", "wg2"],
    )
    assert {"body", "code", "minutes", "continued"} <= set(first["items"][0])


def test_plan_json_carries_the_bound_and_the_gap_beside_the_objective(capsys):
    assert main(["plan", str(EXAMPLES / "cop10-2020.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["objective"], data["bound"], data["gap"]) == (1340, 1340, 0.0)


def test_plan_fast_searches_by_the_clock_and_still_keeps_every_rule(capsys):
    assert main(["plan", str(EXAMPLES / "wg2-wg3-2022.yaml"), "--format", "json", "--fast", "--time-limit", "5"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "optimal"


def test_plan_of_an_infeasible_session_explains_and_exits_1(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text())
    data["session"]["format"] = "hybrid"
    path = tmp_path / "hybrid.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["plan", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no programme: infeasible" in err and "(hybrid format)" in err


def test_plan_replan_lists_what_moved(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text())
    next(i for i in data["agenda"] if i["body"] == "wg2" and i["code"] == "5")["minutes"] = 90
    path = tmp_path / "longer.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["plan", str(path), "--replan"]) == 0
    assert "moved: " in capsys.readouterr().err


def test_check_of_a_published_programme_exits_0(capsys):
    assert main(["check", str(EXAMPLES / "cop10-2020.yaml")]) == 0
    assert "keeps every rule" in capsys.readouterr().out


def test_check_prints_each_violation_and_exits_1(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "cop10-2020.yaml").read_text())
    data["programme"][4]["items"]["plenary"], data["programme"][5]["items"]["plenary"] = ["4"], ["3", "5"]
    path = tmp_path / "swapped.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.startswith("order: plenary takes 4 on Wed 14 Oct 12:00 before finishing 3")


def test_bad_file_names_the_path_and_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("session: [unclosed")
    assert main(["check", str(path)]) == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_render_prints_the_files_own_programme_without_solving(capsys):
    assert main(["render", str(EXAMPLES / "wg2-wg3-2022.yaml"), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "2022年5月23日，星期一" in out and "被判刑人员的移交" in out


def test_render_writes_a_pdf_to_the_given_file(tmp_path):
    out = tmp_path / "annex.pdf"
    assert main(["render", str(EXAMPLES / "cop10-2020.yaml"), "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_render_of_a_file_without_a_programme_exits_2(tmp_path, capsys):
    data = yaml.safe_load((EXAMPLES / "cop10-2020.yaml").read_text())
    del data["programme"]
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["render", str(path)]) == 2
    assert "no `programme` to render" in capsys.readouterr().err
