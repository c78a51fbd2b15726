from datetime import date

import pytest
from rdflib.namespace import XSD

from newsgraph.text.dates import normalise_date

ARTICLE = date(2024, 3, 14)  # a Thursday


def test_dates_month_day_takes_year_from_article():
    lit = normalise_date("November 17", ARTICLE)
    assert (str(lit), lit.datatype) == ("2023-11-17", XSD.date)
    assert str(normalise_date("March 10", ARTICLE)) == "2024-03-10"


def test_dates_month_day_without_article_date_is_gmonthday():
    lit = normalise_date("on 17 November", None)
    assert (str(lit), lit.datatype) == ("--11-17", XSD.gMonthDay)


def test_dates_full_date_ignores_article_date():
    assert str(normalise_date("Nov. 27, 2023", None)) == "2023-11-27"
    assert str(normalise_date("14 December 2023", ARTICLE)) == "2023-12-14"


def test_dates_bare_month_needs_a_year():
    lit = normalise_date("in March", date(2024, 2, 1))
    assert (str(lit), lit.datatype) == ("2023-03", XSD.gYearMonth)
    assert str(normalise_date("last November", ARTICLE)) == "2023-11"
    assert normalise_date("in March", None) is None


def test_dates_month_year_and_year():
    assert (str(normalise_date("December 2024", None)), normalise_date("December 2024", None).datatype) == ("2024-12", XSD.gYearMonth)
    assert (str(normalise_date("in 2019", None)), normalise_date("in 2019", None).datatype) == ("2019", XSD.gYear)


@pytest.mark.parametrize("phrase, expected", [
    ("yesterday", "2024-03-13"), ("on Thursday", "2024-03-14"), ("Monday", "2024-03-11"),
    ("last week", "2024-03"), ("last month", "2024-02"), ("next year", "2025")])
def test_dates_relative_phrases_with_article_date(phrase, expected):
    assert str(normalise_date(phrase, ARTICLE)) == expected


@pytest.mark.parametrize("phrase", ["yesterday", "on Thursday", "last week", "last month"])
def test_dates_relative_phrases_without_article_date_are_none(phrase):
    assert normalise_date(phrase, None) is None


@pytest.mark.parametrize("phrase", ["48", "may", "the day", "two months", ""])
def test_dates_non_dates_are_none(phrase):
    assert normalise_date(phrase, ARTICLE) is None


@pytest.mark.parametrize("phrase, expected", [
    ("on June 12", "2024-06-12"), ("in April", "2024-04"), ("on Saturday", "2024-03-16"), ("next month", "2024-04")])
def test_dates_planned_events_look_forward(phrase, expected):
    assert str(normalise_date(phrase, ARTICLE, future=True)) == expected


def test_dates_month_day_near_the_new_year_takes_last_year():
    assert str(normalise_date("December 28", date(2024, 1, 5))) == "2023-12-28"
    assert str(normalise_date("in November", date(2024, 1, 5))) == "2023-11"


def test_dates_year_and_weekday_without_article_date():
    assert str(normalise_date("last year", date(2024, 1, 5))) == "2023"
    assert normalise_date("last year", None) is None


# ---------------------------------------------------------------- offsets from the event told before
@pytest.mark.parametrize("phrase, expected", [
    ("Three days later", (3, "day")), ("a week later", (1, "week")), ("two months earlier", (-2, "month")),
    ("the next day", (1, "day")), ("the following week", (1, "week")), ("the day before", (-1, "day")),
    ("the same day", (0, "day"))])
def test_dates_offset_phrases(phrase, expected):
    from newsgraph.text.dates import date_offset
    assert date_offset(phrase) == expected


@pytest.mark.parametrize("phrase", ["three days", "last week", "in March", "later"])
def test_dates_non_offsets_are_none(phrase):
    from newsgraph.text.dates import date_offset
    assert date_offset(phrase) is None


def test_dates_shift_keeps_what_the_base_states():
    from rdflib import Literal
    from newsgraph.text.dates import shift_date
    day, month = Literal("2023-12-30", datatype=XSD.date), Literal("2023-12", datatype=XSD.gYearMonth)
    assert str(shift_date(day, (3, "day"))) == "2024-01-02"
    assert str(shift_date(day, (-1, "week"))) == "2023-12-23"
    assert (str(shift_date(month, (1, "month"))), shift_date(month, (1, "month")).datatype) == ("2024-01", XSD.gYearMonth)
    assert shift_date(month, (2, "day")) is None  # a month cannot move by days


def test_dates_last_week_is_its_month_and_nothing_when_it_spans_two():
    assert str(normalise_date("last week", date(2024, 3, 20))) == "2024-03"
    assert normalise_date("last week", date(2024, 3, 5)) is None  # Feb 26 to Mar 3: no one month


def test_dates_publication_stamps_and_addresses():
    from newsgraph.loaders.read.articles import stamp_date, url_date
    assert stamp_date("Editor fined\n\nDate: 09:15, 04-02-2021.\n\nTaraz. Police fined ...") == date(2021, 2, 4)
    assert stamp_date("Published 3 June 2019\n\nA court in Osh ...") == date(2019, 6, 3)
    assert stamp_date("12.10.2020    source: wires\nPolice detained ...") == date(2020, 10, 12)
    assert stamp_date("Police detained ten people on 12.10.2020 in Osh.") is None
    assert url_date("https://news.example/2020/10/12/osh-arrests") == date(2020, 10, 12)
    assert url_date("https://news.example/2020/10/osh-arrests") is None


def test_dates_a_byline_with_a_numeric_date_dates_the_article():
    from newsgraph.loaders.read.articles import dateline_date
    assert dateline_date("Court Jails Blogger\n\nBy Staff Reporter | 2023-11-20\n\nPolice ...") == date(2023, 11, 20)
    assert dateline_date("Court Jails Blogger\n\nPolitics | 20.11.2023\n\nPolice ...") == date(2023, 11, 20)
    assert dateline_date("Court Jails Blogger\n\nCase 20.11.2023 was heard\n\nPolice ...") is None


def test_dates_the_weekend_this_week_and_ago_read_against_the_article_date():
    wed = date(2024, 5, 22)
    assert str(normalise_date("over the weekend", wed)) == "2024-05"
    assert normalise_date("at the weekend", date(2024, 9, 2)) is None  # Saturday August 31, Sunday September 1
    assert str(normalise_date("earlier this week", wed)) == "2024-05"
    assert normalise_date("earlier this week", date(2024, 5, 1)) is None  # Monday April 29 to May 1
    assert str(normalise_date("two days ago", wed)) == "2024-05-20"
    assert str(normalise_date("a week ago", wed)) == "2024-05"
    assert normalise_date("two days ago", None) is None
    assert normalise_date("this weekend", wed, future=True) is None  # a plan: no weekend just past
    assert str(normalise_date("last weekend", wed)) == "2024-05"  # May 18-19, not a day a week back
    assert str(normalise_date("last weekend", date(2024, 6, 3))) == "2024-06"  # a Monday: June 1-2
    assert normalise_date("last weekend", date(2024, 9, 2)) is None  # August 31 and September 1


def test_dates_offsets_of_a_part_of_the_day():
    from newsgraph.text.dates import date_offset
    assert date_offset("the next morning") == (1, "day")
    assert date_offset("later that night") == date_offset("that evening") == (0, "day")
