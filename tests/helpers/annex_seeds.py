"""The annex tables of the seed documents, as rows to compare renderings with (shared by the annex tests)."""

import re

from service.exports.annex.table import Table
from tests.helpers import FIXTURES

SEEDS = FIXTURES / "seeds"


def flat(table: Table) -> list[tuple[str, ...]]:
    """A day row as (date,); a slot line as (slot label, then code and title per column)."""
    out = []
    for row in table.rows:
        if row.kind == "day":
            out.append((row.label,))
        else:
            out.append((row.label,) + tuple(x for e in row.entries for x in ((e.code, e.text) if e else ("", ""))))
    return out


def cop10_seed_rows() -> list[tuple[str, ...]]:
    """The annex of CTOC/COP/2020/1 as printed: tab-separated lines after the column headings."""
    text = (SEEDS / "cop10-2020-annotated-agenda.zh.txt").read_text(encoding="utf-8")
    lines = text[text.index("日期/时间\t议程项目\t标题或说明") :].splitlines()[1:]
    rows = []
    for line in filter(None, lines):
        cells = line.split("\t")
        day = re.fullmatch(r"<b>(.+)</b>", cells[0])
        rows.append((day.group(1),) if day else tuple(cells))
    return rows


# The annex of CTOC/COP/WG.2/2022/1 and WG.3/2022/1, transcribed cell by cell from the seed (its
# text is extracted from PDF with broken lines): date; slot; WG.3 item, title; WG.2 item, title.
WG_SEED_ZH = [
    ("2022年 5月 23日，星期一",),
    ("上午 10 时至下午 1 时", "1(a)", "会议开幕", "1(a)", "会议开幕"),
    ("", "1(b)", "通过议程和工作安排", "1(b)", "通过议程和工作安排"),
    ("", "2", "被判刑人员的移交（《有组织犯罪公约》第十七条）", "", ""),
    ("下午 3 时至 6 时", "2", "被判刑人员的移交（《有组织犯罪公约》第十七条）（续）", "", ""),
    ("2022年 5月 24日，星期二",),
    ("上午 10 时至下午 1 时", "3", "适用《有组织犯罪公约》预防和打击影响环境的跨国有组织犯罪", "2", "适用《有组织犯罪公约》预防和打击影响环境的跨国有组织犯罪"),
    ("下午 3 时至 6 时", "3", "适用《有组织犯罪公约》预防和打击影响环境的跨国有组织犯罪（续）", "2", "适用《有组织犯罪公约》预防和打击影响环境的跨国有组织犯罪（续）"),
    ("2022年 5月 25日，星期三",),
    ("上午 10 时至下午 1 时", "", "", "3", "预防和打击有组织犯罪的有效战略，包括将性别和人权纳入主流。"),
    ("下午 3 时至 6 时", "", "", "3", "预防和打击有组织犯罪的有效战略，包括将性别和人权纳入主流（续）"),
    ("2022年 5月 26日，星期四",),
    ("上午 10 时至下午 1 时", "", "", "4", "最后确定并通过工作组第十二次会议（2020 年 7 月 9 日和 10 日）提出的建议草案"),
    ("", "", "", "5", "与联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制有关的事项"),
    ("下午 3 时至 6 时", "4", "其他事项", "6", "其他事项"),
    ("", "5", "通过联合报告", "7", "通过联合报告"),
    ("2022年 5月 27日，星期五",),
    ("上午 10 时至下午 1 时", "5", "通过联合报告（续）", "7", "通过联合报告（续）"),
]


def as_printed_in_2022(row: tuple[str, ...]) -> tuple[str, ...]:
    """The 2022 seed's text has spaces in day rows from its PDF ("2022年 5月 23日") and ends one title with a full stop; drop both."""
    if len(row) == 1:
        return (row[0].replace(" ", ""),)
    return tuple(cell.removesuffix("。") for cell in row)


COP10_EN = [
    ("Monday, 12 October",),
    ("12 noon–2 p.m.", "1(a)", "Opening of the tenth session of the Conference"),
    ("", "1(b)", "Election of officers"),
    ("", "1(c)", "Adoption of the agenda and organization of work"),
    ("", "1(d)", "Participation"),
    ("", "1(e)", "Adoption of the report of the Bureau on credentials"),
    ("", "1(f)", "General discussion"),
    ("4–6 p.m.", "1(f)", "General discussion (continued)"),
    ("Tuesday, 13 October",),
    ("12 noon–2 p.m.", "2", "Review of the implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto"),
    ("", "2(a)", "United Nations Convention against Transnational Organized Crime"),
    ("", "2(b)", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children"),
    ("", "2(c)", "Protocol against the Smuggling of Migrants by Land, Sea and Air"),
    ("4–6 p.m.", "2(d)", "Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition"),
    ("Wednesday, 14 October",),
    ("12 noon–2 p.m.", "3", "Other serious crimes, as defined in the Convention, including new forms and dimensions of transnational organized crime"),
    ("4–6 p.m.", "4", "International cooperation, with particular emphasis on extradition, mutual legal assistance and international cooperation for the purpose of confiscation, and the establishment and strengthening of central authorities"),
    ("", "5", "Technical assistance"),
    ("Thursday, 15 October",),
    ("12 noon–2 p.m.", "", "Plenary"),
    ("4–6 p.m.", "", "Plenary (continued)"),
    ("Friday, 16 October",),
    ("12 noon–2 p.m.", "", "Plenary (continued)"),
    ("4–6 p.m.", "6", "Financial and budgetary matters"),
    ("", "7", "Provisional agenda for the eleventh session of the Conference"),
    ("", "8", "Other matters"),
    ("", "9", "Adoption of the report of the Conference on its tenth session"),
]

ENVIRONMENT = "Application of the Organized Crime Convention to preventing and combating transnational organized crime that affects the environment"
STRATEGIES = "Effective strategies for preventing and combating organized crime, including mainstreaming gender and human rights"
WG_EN = [
    ("Monday, 23 May 2022",),
    ("10 a.m.–1 p.m.", "1(a)", "Opening of the meeting", "1(a)", "Opening of the meeting"),
    ("", "1(b)", "Adoption of the agenda and organization of work", "1(b)", "Adoption of the agenda and organization of work"),
    ("", "2", "Transfer of sentenced persons (article 17 of the Organized Crime Convention)", "", ""),
    ("3–6 p.m.", "2", "Transfer of sentenced persons (article 17 of the Organized Crime Convention) (continued)", "", ""),
    ("Tuesday, 24 May 2022",),
    ("10 a.m.–1 p.m.", "3", ENVIRONMENT, "2", ENVIRONMENT),
    ("3–6 p.m.", "3", ENVIRONMENT + " (continued)", "2", ENVIRONMENT + " (continued)"),
    ("Wednesday, 25 May 2022",),
    ("10 a.m.–1 p.m.", "", "", "3", STRATEGIES),
    ("3–6 p.m.", "", "", "3", STRATEGIES + " (continued)"),
    ("Thursday, 26 May 2022",),
    ("10 a.m.–1 p.m.", "", "", "4", "Finalization and adoption of the draft recommendations arising from the twelfth meeting of the Working Group (9 and 10 July 2020)"),
    ("", "", "", "5", "Matters related to the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto"),
    ("3–6 p.m.", "4", "Other matters", "6", "Other matters"),
    ("", "5", "Adoption of the joint report", "7", "Adoption of the joint report"),
    ("Friday, 27 May 2022",),
    ("10 a.m.–1 p.m.", "5", "Adoption of the joint report (continued)", "7", "Adoption of the joint report (continued)"),
]


def as_the_seed_prints(case: str, rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Rows in the seed's conventions: 2020 prints no （续）; 2022 has PDF spaces and one stray full stop."""
    if case == "cop10":
        return [tuple(c.removesuffix("（续）") for c in row) for row in rows]
    return [as_printed_in_2022(row) for row in rows]


def seed_rows(case: str) -> list[tuple[str, ...]]:
    """The seed's annex in Chinese, in the same conventions."""
    return as_the_seed_prints(case, cop10_seed_rows() if case == "cop10" else WG_SEED_ZH)
