"""Publication dates as a day: the forms articles, feeds and spreadsheets write them in."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

# Month names as the five languages' sites write them in a date (Russian in the genitive, "5 марта 2024").
_MONTH_WORDS = (
    "january jan janeiro января январь янв януари जनवरी",
    "february feb fevereiro февраля февраль фев февруари फरवरी",
    "march mar março marco марта март мар मार्च",
    "april apr abril апреля апрель апр април अप्रैल",
    "may maio мая май मई",
    "june jun junho июня июнь июн юни जून",
    "july jul julho июля июль июл юли जुलाई",
    "august aug agosto августа август авг अगस्त",
    "september sep sept setembro сентября сентябрь сен сент септември सितंबर सितम्बर",
    "october oct outubro октября октябрь окт октомври अक्टूबर",
    "november nov novembro ноября ноябрь ноя ноември नवंबर नवम्बर",
    "december dec dezembro декабря декабрь дек декември दिसंबर दिसम्बर",
)
_MONTH = {word: number for number, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()}
# "5 March 2024", "5 de março de 2024", "5 марта 2024 г.", "March 5, 2024"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+(?:de\s+)?(\S+?)\.?,?\s+(?:de\s+)?(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"(\S+?)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def normalize_day(published: str | None) -> str | None:
    """YYYY-MM-DD for an ISO 8601 date/datetime, a day.month.year date, an RFC 2822 date (as RSS feeds write
    them) or a date written with its month's name ("March 5, 2024", "5 марта 2024"); None for anything else."""
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
    return _written_date(value)


def _written_date(value: str) -> str | None:
    """The day of a date written with its month's name, in any of the five languages, at the start of `value`."""
    for pattern, day, month, year in ((_DAY_MONTH_YEAR, 1, 2, 3), (_MONTH_DAY_YEAR, 2, 1, 3)):
        m = pattern.match(value)
        number = _MONTH.get(m[month].lower()) if m else None
        if number:
            try:
                return dt.date(int(m[year]), number, int(m[day])).isoformat()
            except ValueError:
                return None
    return None
