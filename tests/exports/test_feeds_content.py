"""What a feed says: one event per meeting, its summary, description, location, calendar name."""

import dataclasses
import datetime as dt

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from service.exports.calendar import FeedOptions, Selection, render
from service.published import PublishedVersion
from solver.problem import Document, Room
from solver.programme import Programme
from tests.helpers.feedcases import PUBLISHED_1, event_at, events, versions

TUESDAY = dt.date(2020, 10, 13)
NOON = dt.time(12, 0)


def cop10_feed(loaded, selection=Selection(), lang="en", options=FeedOptions(), session=None, programme=None):
    version = PublishedVersion(1, PUBLISHED_1, programme or loaded.programme, session or loaded.session)
    return render(session or loaded.session, [version], selection, lang, options)


def test_one_event_per_meeting(cop10):
    assert len(events(cop10_feed(cop10))) == len(cop10.programme.meetings)


def test_summary_names_the_body_and_each_item_with_its_title(cop10):
    assert event_at(cop10_feed(cop10), dt.date(2020, 10, 14), dt.time(16, 0))["SUMMARY"] == (
        "Plenary: 4 International cooperation, with particular emphasis on…; 5 Technical assistance"
    )


def test_summary_leaves_out_the_heading_and_shortens_long_titles_at_a_word(cop10):
    assert event_at(cop10_feed(cop10), TUESDAY, NOON)["SUMMARY"] == (
        "Plenary: 2(a) United Nations Convention against…; 2(b) Protocol to Prevent, Suppress and…; "
        "2(c) Protocol against the Smuggling of…"
    )


def test_summary_gives_a_lone_item_its_whole_title(wg2_wg3):
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1))
    assert event_at(feed, dt.date(2022, 5, 23), dt.time(15, 0))["SUMMARY"] == (
        "Working Group on International Cooperation: 2 Transfer of sentenced persons (article 17 of the Organized Crime Convention)"
    )


def test_summary_and_description_carry_the_feed_language(cop10):
    feed = cop10_feed(cop10, lang="fr")
    assert {(e["SUMMARY"].params["LANGUAGE"], e["DESCRIPTION"].params["LANGUAGE"]) for e in events(feed)} == {("fr", "fr")}


def test_summary_names_a_reserved_block_by_its_title(cop10):
    thursday = event_at(cop10_feed(cop10), dt.date(2020, 10, 15), NOON)
    assert thursday["SUMMARY"] == "Plenary: Plenary (consideration of and action on draft resolutions)"


def test_summary_of_a_joint_meeting_names_each_body(wg2_wg3):
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1))
    assert event_at(feed, dt.date(2022, 5, 24), dt.time(10, 0))["SUMMARY"] == (
        "Working Group on International Cooperation: 3 Application of the Organized Crime Convention to… — "
        "Working Group of Government Experts on Technical Assistance: 2 Application of the Organized Crime Convention to…"
    )


def test_description_lists_items_with_titles_and_continued(cop10):
    monday_afternoon = event_at(cop10_feed(cop10), dt.date(2020, 10, 12), dt.time(16, 0))
    assert monday_afternoon["DESCRIPTION"] == "1(f) General discussion (continued)"


def test_description_lists_document_symbols_under_their_item(cop10):
    agenda = tuple(
        dataclasses.replace(i, documents=(Document("CTOC/COP/2020/2"), Document("CTOC/COP/2020/3")))
        if i.code == "2(a)" else i
        for i in cop10.session.agenda
    )
    feed = cop10_feed(cop10, session=dataclasses.replace(cop10.session, agenda=agenda))
    lines = event_at(feed, TUESDAY, NOON)["DESCRIPTION"].split("\n")
    assert lines[lines.index("2(a) United Nations Convention against Transnational Organized Crime") + 1] == (
        "    Documents: CTOC/COP/2020/2, CTOC/COP/2020/3"
    )


def test_continued_is_printed_in_the_feed_language(cop10):
    monday_afternoon = event_at(cop10_feed(cop10, lang="zh"), dt.date(2020, 10, 12), dt.time(16, 0))
    assert monday_afternoon["DESCRIPTION"] == "1(f) 一般性讨论（续）"


@pytest.mark.parametrize(
    ("lang", "title"),
    [("ar", "المناقشة العامة"), ("ru", "Общие прения"), ("zh", "一般性讨论")],
)
def test_titles_in_arabic_cyrillic_and_chinese_come_through_intact(cop10, lang, title):
    agenda = tuple(
        dataclasses.replace(i, titles={**i.titles, lang: title}) if i.code == "1(f)" else i
        for i in cop10.session.agenda
    )
    feed = cop10_feed(cop10, lang=lang, session=dataclasses.replace(cop10.session, agenda=agenda))
    assert title in event_at(feed, dt.date(2020, 10, 12), dt.time(16, 0))["DESCRIPTION"]


def test_location_is_the_room_and_the_venue(cop10):
    session = dataclasses.replace(cop10.session, rooms=(Room("M", "Plenary Hall M"),))
    programme = Programme(tuple(dataclasses.replace(m, room="M") for m in cop10.programme.meetings))
    feed = cop10_feed(cop10, session=session, programme=programme)
    assert event_at(feed, TUESDAY, NOON)["LOCATION"] == "Plenary Hall M, Vienna"


def test_a_body_feed_shows_only_that_body_s_meetings(wg2_wg3):
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1), Selection(bodies=frozenset({"wg3"})))
    assert len(events(feed)) == sum("wg3" in m.bodies for m in wg2_wg3.programme.meetings)


def test_an_item_feed_shows_only_the_meetings_that_take_the_item(cop10):
    feed = cop10_feed(cop10, Selection(items=frozenset({("plenary", "1(f)")})))
    assert [e.start.time() for e in events(feed)] == [NOON, dt.time(16, 0)]


def test_a_room_feed_shows_only_the_meetings_in_that_room(cop10):
    session = dataclasses.replace(cop10.session, rooms=(Room("M", "Plenary Hall M"), Room("B", "Boardroom B")))
    programme = Programme(
        tuple(dataclasses.replace(m, room="B" if m.date == TUESDAY else "M") for m in cop10.programme.meetings)
    )
    feed = cop10_feed(cop10, Selection(rooms=frozenset({"B"})), session=session, programme=programme)
    assert {e.start.date() for e in events(feed)} == {TUESDAY}


def test_a_personal_feed_shows_the_meetings_of_its_bodies_and_of_its_items(wg2_wg3):
    selection = Selection(bodies=frozenset({"wg3"}), items=frozenset({("wg2", "4")}))
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1), selection)
    wanted = [m for m in wg2_wg3.programme.meetings if "wg3" in m.bodies or ("wg2", "4") in {(t.body, t.code) for t in m.items}]
    assert len(events(feed)) == len(wanted)


@pytest.mark.parametrize(
    ("selection", "name"),
    [
        (Selection(), "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, tenth session"),
        (Selection(bodies=frozenset({"plenary"})), "… — Plenary"),
        (Selection(items=frozenset({("plenary", "3")})), "… — Plenary 3 Other serious crimes, as defined in the Convention, including new forms and dimensions of transnational organized crime"),
        (Selection(bodies=frozenset({"plenary"}), items=frozenset({("plenary", "3")})), "… — personal selection"),
    ],
)
def test_the_calendar_is_named_for_the_session_and_the_selection(cop10, selection, name):
    feed = cop10_feed(cop10, selection)
    assert IcsCalendarStream.calendar_from_ics(feed.decode()).name == [name.replace("…", cop10.session.name("en"))]
    raw = icalendar.Calendar.from_ical(feed)  # icalendar leaves both undecoded: the same escaped TEXT
    assert raw["X-WR-CALNAME"] == raw["NAME"]


def test_the_calendar_is_described_by_session_selection_venue_and_dates(cop10):
    raw = icalendar.Calendar.from_ical(cop10_feed(cop10, Selection(bodies=frozenset({"plenary"}))))
    expected = f"{cop10.session.name('en')}\nPlenary\nVienna, 2020-10-12 – 2020-10-16"
    assert raw["DESCRIPTION"] == expected
    assert raw["X-WR-CALDESC"] == icalendar.vText(expected).to_ical().decode()  # an X- property stays undecoded


def test_with_a_page_url_the_calendar_and_every_event_link_to_the_annex_page(cop10):
    page = "https://podium.example/ui/sessions/7/annex"
    feed = render(cop10.session, [PublishedVersion(1, PUBLISHED_1, cop10.programme, cop10.session)], page_url=page)
    assert IcsCalendarStream.calendar_from_ics(feed.decode()).url == page
    assert {str(e["URL"]) for e in events(feed)} == {page}


def test_without_a_page_url_there_is_no_url(cop10):
    assert "URL" not in cop10_feed(cop10).decode()


def test_the_calendar_asks_clients_to_refresh_at_the_configured_interval(cop10):
    text = cop10_feed(cop10, options=FeedOptions(refresh=dt.timedelta(minutes=30))).decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT30M\r\n" in text


def test_without_an_organizer_there_is_no_method(cop10):
    text = cop10_feed(cop10).decode()
    assert "METHOD:" not in text and "ORGANIZER" not in text


def test_with_an_organizer_the_feed_is_a_publish_and_every_event_names_the_organizer(cop10):
    options = FeedOptions(organizer="mailto:unodc-cop@un.org", organizer_name="Secretariat")
    feed = cop10_feed(cop10, options=options)
    assert icalendar.Calendar.from_ical(feed)["METHOD"] == "PUBLISH"
    assert {str(e["ORGANIZER"]) for e in events(feed)} == {"mailto:unodc-cop@un.org"}
    assert {e["ORGANIZER"].params["CN"] for e in events(feed)} == {"Secretariat"}


def test_an_unknown_language_is_refused(cop10):
    with pytest.raises(ValueError, match="unknown language 'de'"):
        cop10_feed(cop10, lang="de")
