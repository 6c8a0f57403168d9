"""Publication dates from every place they are found, each with precision and source."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrack.dates import (
    date_from_metadata,
    date_from_text_header,
    date_from_url,
    first_known,
    parse_date,
    parse_loose_date,
)
from claimtrack.models import PublishedDate


@pytest.mark.parametrize(
    ("written", "value", "precision"),
    [
        ("2025-03-20", "2025-03-20", "day"),
        ("2025-08", "2025-08", "month"),
        ("2025", "2025", "year"),
        (" 2025-2-3 ", "2025-02-03", "day"),
        ("2025-02-14T10:30:00Z", "2025-02-14", "day"),
    ],
)
def test_parse_date_keeps_the_written_precision(written, value, precision):
    published = parse_date(written, "user", "set by the user")
    assert (published.value, published.precision, published.source) == (value, precision, "user")
    assert published.evidence == "set by the user"


def test_a_stated_precision_cuts_the_value():
    published = parse_date("2025-08-19", "manifest", precision="month")
    assert (published.value, published.precision) == ("2025-08", "month")
    assert published.anchor() == date(2025, 8, 1)


@pytest.mark.parametrize("written", ["20 March 2025", "2025-13-01", "2025-02-30", "20250", ""])
def test_parse_date_refuses_what_is_not_a_calendar_date(written):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(written, "user")


def test_loose_dates_as_feeds_and_apis_write_them():
    rfc822 = parse_loose_date("Thu, 13 Feb 2025 10:00:00 GMT", "feed")
    assert (rfc822.value, rfc822.precision, rfc822.source) == ("2025-02-13", "day", "feed")
    assert parse_loose_date("20250214T103000Z", "metadata").value == "2025-02-14"
    assert parse_loose_date("2025-08", "manifest").precision == "month"
    unreadable = parse_loose_date("last Tuesday-ish", "metadata")
    assert (unreadable.value, unreadable.precision) == (None, "unknown")
    assert "last Tuesday-ish" in unreadable.evidence


@pytest.mark.parametrize(
    ("url", "value", "precision"),
    [
        (
            "https://www.anews.com.tr/diplomacy/2025/02/14/saudi-arabia-welcomes",
            "2025-02-14",
            "day",
        ),
        (
            "https://en.sputniknews.africa/20250529/russia-awaits-1073624990.html",
            "2025-05-29",
            "day",
        ),
        ("https://example.com/news/2025-06-06-kremlin-says", "2025-06-06", "day"),
        ("https://bnonews.com/index.php/2025/08/trump-says-trilateral/", "2025-08", "month"),
    ],
)
def test_dates_in_url_paths(url, value, precision):
    published = date_from_url(url)
    assert (published.value, published.precision, published.source) == (value, precision, "url")


@pytest.mark.parametrize(
    "url",
    [
        "https://open4business.com.ua/?p=216403",
        "https://censor.net/en/news/3580324/trump-responded",
        "https://example.com/2025/13/45/not-a-date",
        "https://example.com/story?date=2025/02/14",
        None,
    ],
)
def test_urls_without_a_date(url):
    assert date_from_url(url) is None


def test_leading_date_line_of_scraped_text():
    published = date_from_text_header(" date 2025-02-14 Saudi Arabia on Friday commended")
    assert (published.value, published.source) == ("2025-02-14", "text")
    assert date_from_text_header("The Kremlin said on 2025-02-14 that talks") is None
    assert date_from_text_header("date 2025-02-31 impossible") is None


def test_metadata_dates_after_the_fetch_are_refused():
    fetched = date(2025, 3, 1)
    published = date_from_metadata("2025-02-13", fetched)
    assert (published.value, published.source) == ("2025-02-13", "metadata")
    assert date_from_metadata("2025-03-02", fetched) is None
    assert date_from_metadata(None, fetched) is None


def test_first_known_takes_the_first_with_a_value():
    unknown = PublishedDate(evidence="unreadable")
    url = PublishedDate("2025-02-14", "day", "url")
    text = PublishedDate("2025-02-13", "day", "text")
    assert first_known(None, unknown, url, text) == url
    assert first_known(None, unknown) == PublishedDate()
