"""Publication dates as a day: the forms articles, feeds and spreadsheets write them in."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_WRITTEN_DATES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


def normalize_day(published: str | None) -> str | None:
    """YYYY-MM-DD for an ISO 8601 date/datetime, a day.month.year date, an RFC 2822 date (as RSS feeds write
    them) or an English written date ("March 5, 2024"); None for anything else."""
    if not published:
        return None
    value = published.strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = re.match(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\b", value)  # 31.12.2024, as many European sites
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for form in _WRITTEN_DATES:  # "March 5, 2024", "5 March 2024", as English sites write them
        try:
            return dt.datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    return None
