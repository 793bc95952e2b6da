"""The archive: every article by the year and month it was published.

An index of years (each with its months and counts) and a page per year with a
section per month. Articles whose source gives no date are listed on the index;
those that give only a year are under "Month not stated" on their year's page.
"""

from __future__ import annotations

from collections.abc import Sequence

from clippings.dates import MONTHS
from clippings.site.derive import SitePage, article_list
from clippings.site.records import ArticleRecord
from clippings.site.templates import render
from clippings.site.urls import uri

INDEX = uri("archive")
NO_MONTH = "00"


def year_uri(year: str) -> str:
    return uri("archive", year)


def month_anchor(year: str, month: str) -> str:
    return f"{year}-{month}"


def month_label(year: str, month: str) -> str:
    return f"{MONTHS[int(month) - 1]} {year}" if month != NO_MONTH else f"{year}, month not stated"


def by_year_and_month(
    records: Sequence[ArticleRecord],
) -> tuple[dict[str, dict[str, list[ArticleRecord]]], list[ArticleRecord]]:
    """{year: {month: records}}, newest year and month first, and the undated records."""
    years: dict[str, dict[str, list[ArticleRecord]]] = {}
    undated = []
    for record in records:
        if not record.published:
            undated.append(record)
            continue
        year, _, rest = record.published.partition("-")
        month = rest[:2] or NO_MONTH
        years.setdefault(year, {}).setdefault(month, []).append(record)
    ordered = {
        year: dict(sorted(years[year].items(), reverse=True))
        for year in sorted(years, reverse=True)
    }
    return ordered, undated


def archive_pages(records: Sequence[ArticleRecord]) -> list[SitePage]:
    years, undated = by_year_and_month(records)
    return [index_page(years, undated), *(year_page(y, months) for y, months in years.items())]


def _months(year: str, months: dict[str, list[ArticleRecord]]) -> list[tuple[str, str, int]]:
    """(anchor, label, count) of each month: what the archive-months template links."""
    return [
        (month_anchor(year, month), month_label(year, month).removesuffix(" " + year), len(group))
        for month, group in months.items()
    ]


def _month_links(year: str, months: dict[str, list[ArticleRecord]], page: str) -> str:
    """Months link within the year's own page, and to it from elsewhere."""
    return render("archive-months.html", year=year, months=_months(year, months), page=page)


def index_page(
    years: dict[str, dict[str, list[ArticleRecord]]], undated: list[ArticleRecord]
) -> SitePage:
    listed = [
        (year, sum(len(group) for group in months.values()), _months(year, months))
        for year, months in years.items()
    ]
    lines = [
        "# Archive",
        "",
        "Every article by the year and month it was published, newest first.",
        "",
        render("archive-years.html", years=listed, page=INDEX),
    ]
    if undated:
        lines += [
            "",
            f"## Publication date not stated ({len(undated)})",
            "",
            article_list(undated, INDEX),
        ]
    return SitePage(INDEX, "\n".join(lines) + "\n")


# A year page lists at most this many articles a month (twelve months of 100 cards
# made it 330 KB at 10,000 articles); the Library lists the rest of the month.
MONTH_LISTED = 15


def year_page(year: str, months: dict[str, list[ArticleRecord]]) -> SitePage:
    page = year_uri(year)
    count = sum(len(group) for group in months.values())
    lines = [
        f"# Archive: {year}",
        "",
        f"{_articles(count)} published in {year}: {_month_links(year, months, page)}.",
        "",
        render("link.html", text="All years", target=INDEX, page=page),
        "",
    ]
    for month, group in months.items():
        label = month_label(year, month)
        lines += [
            f"## {label} ({len(group)}) {{ #{month_anchor(year, month)} }}",
            "",
            article_list(
                group,
                page,
                {"q": label} if month != NO_MONTH else {"year": year},
                limit=MONTH_LISTED,
            ),
        ]
    return SitePage(page, "\n".join(lines) + "\n")


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")
