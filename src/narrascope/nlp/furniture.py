"""What in a scraped article is not the article's voice: reader comments, bylines and site furniture.

Scraped pages carry more than the article: a comment thread under it (`1. steelmaker Offline
steelmaker` / `steelmaker 28 November 2019 10: 37`), the author and site (`Timofei Belov, ByeBiden`,
`By John Helmer, Moscow`, `Автор: ...`, a signature with the surname in capitals,
`Иван ПЕТРОВ`), photo credits and sources (`Фото: ...`, `Source: https://...`), bare links and plugs
(`TRUTH LIVES on at https://...`), the footers of embedded posts and lines of hashtags, calls to share,
subscribe (and the newsletter box's "You can unsubscribe any time."), read more or listen ("इस खबर को
सुनें"), "Most read in ..." lists, and the editors' disclaimers. Entities named there are not cast by the
article, and a commenter's handle is no entity at all.

`furniture(text)` returns the (start, end, kind) ranges of such lines, `kind` being `comments`
(from the first line that opens a comment thread to the end of the text), `byline` or `furniture`.
Line-based and conservative: a line is furniture only when it *starts* like furniture and is short,
so an article sentence that happens to begin with "By" or "Source" stays in the body.
"""
from __future__ import annotations

import bisect
import re

from narrascope.nlp.datelines import dateline_ranges

MAX_FURNITURE_CHARS = 160

# A line that opens a reader-comment thread; everything after it is comments.
_COMMENTS_START = re.compile(
    r"""^\s*(?:
        (?:leave\ a\ reply|post\ new\ comment|comments?|\d+\ comments?|reader\ comments|
           коментари(?:\ на\ читателите)?|комментарии(?:\ читателей)?|comentários|टिप्पणियाँ|टिप्पणी)\s*:?\s*$
      | \d+\.\s+\S+(?:\s\S+){0,3}\s+(?:Offline|Online)\s+\S+   # "1. steelmaker Offline steelmaker"
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A handle with a time stamp on a line of its own: "gorenina91 (Irina) 28 November 2019 17: 06".
_COMMENT_STAMP = re.compile(r"^\s*\S+(?:\s\([^)]{1,40}\))?\s+\d{1,2}\s+\w+\s+\d{4}\s+\d{1,2}:\s?\d{2}\s*$")

_FURNITURE = re.compile(
    r"""^\s*+[•*·\-–—]?\s*+(?:\((?:excerpt|extract)\)\s*)?(?:
        \(?(?:image\ |photo\ )?(?:source|sources|photo|photos(?:\ used)?|image|credit|credits|фото|снимка|снимки|
           източник|източници|источник|источники|fonte|fontes|foto|स्रोत|फोटो|तस्वीर)\s*[:：|\-–]
      | read\ more|read\ also|(?:also\ )?read\s*:|related\s*:|see\ also|more\ on\ this|watch\s*:|tags|теги|етикети|
        читайте\ (?:также|тоже|ещё|еще)|прочетете\ (?:още|също)|вижте\ още|още\ по\ темата|
        leia\ (?:mais|também)|veja\ (?:mais|também)|saiba\ mais|यह\ भी\ पढ़ें|ये\ भी\ पढ़ें|और\ पढ़ें
      | share(?:\ this|\ on|\ before|\ if\ you|\.|:|\s*$)|please\ share|subscribe|by\ subscribing|you\ can\ unsubscribe|most\ read\ (?:in|on)\ |
        follow\ (?:us|\S+\ on)|click\ (?:here|to)|sign\ up|इस\ खबर\ को\ सुनें|
        подпишитесь|абонирайте|последвайте|inscreva-se|siga-nos|exit\ mobile\ version|skip\ to\ content
      | all\ content\ created\ by|terms\ of\ use|copyright|©|all\ rights\ reserved|
        the\ author'?s\ (?:point\ of\ view|opinion)|мнението\ на\ автора|мнение(?:то)?\ на\ автора|
        точка\ зрения\ автора|a\ opinião\ do\ autor|pic\.twitter\.com
      | trending\ (?:photos|videos|news|now)\s*$|source\ link\s*$|to\ get\ pdf\ version|(?:photo|image)\ courtesy
      | (?:published|updated|posted)(?:\ on)?\s*[-–:|]?\s*(?:[a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[a-z]+\.?\s+\d{4})
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "By John Helmer, Moscow", "Authored by Andrew Korybko via Substack,", "Автор: Иван Петров", "Por João Silva".
_BYLINE = re.compile(
    r"^\s*(?i:(?:written |authored |posted |reported )?by|author|автор(?:ът)?|por|लेखक|द्वारा)\s*:?\s+"
    r"[A-ZА-ЯЁ\u0900-\u097F][\w\u0900-\u097F.'’-]*(?:[\s,|]|$)"
)
# Bulgarian and Russian papers sign with the surname in capitals, on a line of its own: "Иван ПЕТРОВ",
# "Мария ИВАНОВА, Петър ГЕОРГИЕВ." (an interview's speaker heading ends with a colon instead).
_CAPITALS_BYLINE = re.compile(r"^\s*(?:[А-ЯЁA-Z][а-яёa-z]+\.?\s+[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z]{2,})?(?:\s*,\s*|\s+и\s+|\s*\.?\s*$))+$")
# "Published by X for Y" in Hindi, on a line of its own: who produced the piece, not what it says.
_PUBLISHED_BY = re.compile(r"^\s*[^\n.।]{1,80}?\sकी\s+ओर\s+से\s+प्रकाशित\s*[।.]?\s*$")
# A news site's footer: "Read all the Latest News, Trending News, Cricket News ... here. Follow us on ..."
_NEWS_PLUG = re.compile(r"^\s*read all the latest news\b", re.IGNORECASE)
_SENTENCE_PUNCT = re.compile(r"[.!?…।]\s+\S")
_URL_START = r"(?:https?://|www\.)"
LINK = r"(?:https?://|www\.|pic\.twitter\.com/)\S+"  # a link as articles paste it, an embedded post's included
# A bare link, or a few words that point to one ("TRUTH LIVES on at https://…"): a site's plug, not the
# article's voice. An embedded post (its sentence, then its link) is longer or ends its words with a stop.
_URL_AT = re.compile(_URL_START + r"\S", re.IGNORECASE)
MAX_LINK_LINE_WORDS = 6
# The footer of an embedded post ("— Jane Roe (@janeroe) July 9, 2024"; the post itself is quoted above it,
# and none of the 44 such footers of the SemEval training articles holds an annotated mention), and a line
# of hashtags alone.
_POST_FOOTER = re.compile(r"^\s*[—–-]+\s*[^\n]{1,80}?\(@\w+\)")
_HASHTAGS_ONLY = re.compile(r"^\s*(?:#\w+[\s,]*)+$")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\r?\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _looks_like_signature(line: str) -> bool:
    """A last line such as "Timofei Belov, ByeBiden": a few capitalised words split by a comma, a bar or
    a slash, without a sentence in it."""
    words = line.split()
    if not 2 <= len(words) <= 6 or len(line) > 70 or _SENTENCE_PUNCT.search(line) or line.rstrip()[-1:] in ".!?:;":
        return False
    if not re.search(r"[,|/—–]", line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= max(2, len(words) - 1)


def _is_link_line(line: str) -> bool:
    """Whether `line` ends on a link (in its last run without spaces) after at most a few words that do not end
    a sentence. Read from the line's end: one pattern over the whole line takes time cubic in a run of spaces."""
    line = line.rstrip()
    last = line.rsplit(None, 1)[-1] if line else ""
    m = _URL_AT.search(last)
    if m is None:
        return False
    words = line[: len(line) - len(last) + m.start()].strip()
    return len(words.split()) <= MAX_LINK_LINE_WORDS and not words.endswith((".", "!", "?", "…", "।", ":"))


# A link to another of the site's stories inside a paragraph: its headline in title case after "RELATED:" in
# brackets ("(RELATED: Did The Mayor Of Norvale Sell The Port?)"; 9 in the training articles, none holding an
# annotated mention). An aside in sentence case ("(Related: Last year Brenmark seized ...)") is the article's
# own: annotators cast entities there.
_RELATED_LINK = re.compile(r"\((?:related|read more|read also|also read|see also)\s*:\s*([^()\n]{3,300})\)", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")  # words of four letters or more: "of", "the" stay lower case


def related_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of the bracketed links to other stories inside the lines of `text` (`_RELATED_LINK`)."""
    out = []
    for m in _RELATED_LINK.finditer(text):
        words = _TITLE_WORD.findall(m.group(1))
        if words and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append(m.span())
    return out


def furniture(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the non-article lines of `text` (see the module docstring), and of the links
    to other stories inside a line (`related_links`)."""
    out = _furniture_lines(text)
    inside = [(s, e, "furniture") for s, e in related_links(text) if not any(a <= s < b for a, b, _ in out)]
    return sorted(out + inside) if inside else out


def _furniture_lines(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    for n, (s, e) in enumerate(lines):
        line = text[s:e]
        if _COMMENTS_START.match(line) or (_COMMENT_STAMP.match(line) and n > len(lines) // 2):
            out.append((s, len(text), "comments"))
            break
        if _NEWS_PLUG.match(line):  # however long its list of sections
            out.append((s, e, "furniture"))
            continue
        if len(line) > MAX_FURNITURE_CHARS:
            continue
        if _FURNITURE.match(line) or _is_link_line(line) or _POST_FOOTER.match(line) or _HASHTAGS_ONLY.match(line):
            out.append((s, e, "furniture"))
        elif (_BYLINE.match(line) and not _SENTENCE_PUNCT.search(line) or _PUBLISHED_BY.match(line)
              or _CAPITALS_BYLINE.match(line)
              or n == len(lines) - 1 and n > 0 and _looks_like_signature(line)):
            out.append((s, e, "byline"))
    return out


# A link or a handle inside a line of the body ("Watch more on https://t.co/AXC5qRugeb", "@WIONews"): its
# letters are no name, whatever their capitals.
_LINK_OR_HANDLE = re.compile(LINK + r"|(?<![\w.])@\w+", re.IGNORECASE)
TRAILING_TIME = re.compile(r"\s+\d{1,2}:\d{2}\s*$")  # a scraped headline's time of day ("... на Украине 19:50")
_TRAILING_LINK = re.compile(r"(?:\s*" + LINK + r")+\s*$", re.IGNORECASE)
# marks that open an interview's answer or a list item, not what is said, and the invisible marks an emoji
# or a copied post leaves before the words (variation selector, zero-width space and joiner, byte-order mark)
_BULLETS = "-–—•*▪►· \t\r\n\ufe0f\u200b\u200d\ufeff"


_LEADING_TIME = re.compile(r"\d{1,2}:\d{2}(?!\d)\s*(?=[^\W\d_])")


def quotable(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] as a quote shows it: without the dash, bullet or time stamp that opens it ("- Разведывательные
    БПЛА ...", "• Former president ...", "18:07 Зеленский отверг ...") and without the links or the time stamp that
    close it ("... risk for Ukraine pic.twitter.com/C4F5", an embedded post's text; a headline's "... на Украине
    19:50"). Never empty where the piece was not."""
    piece = text[start:end]
    s = start + len(piece) - len(piece.lstrip(_BULLETS))
    stamp = _LEADING_TIME.match(text, s, end)  # a live blog's "18:07" before its line
    s = stamp.end() if stamp else s
    if s >= end:
        return start, end
    m = _TRAILING_LINK.search(text, s, end) or (TRAILING_TIME.search(text, s, end)
                                                 if text[end:].lstrip(" \t")[:1] in ("\n", "") else None)  # a line's end
    return s, (m.start() if m and m.start() > s else end)


class BodyFilter:
    """Whether an offset lies in the article body (not in any `furniture` range) of one text."""

    def __init__(self, text: str):
        self.text = text
        self.ranges = furniture(text)
        self._starts = [s for s, _, _ in self.ranges]
        self._links: list[tuple[int, int]] | None = None
        self._datelines: list[tuple[int, int]] = []

    def in_body(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i < 0 or start >= self.ranges[i][1]

    def voices(self, start: int, end: int) -> bool:
        """Whether the sentence text[start:end] is the article's voice: in the body, and no plug or credit of its
        own inside a paragraph ("Follow us on Facebook and Twitter.", "Фото: ...", "Читайте также на ...: ...",
        a bare link), which `furniture` leaves in the body when its line goes on."""
        piece = self.text[start:end].strip()
        return self.in_body(start, end) and not (len(piece) <= MAX_FURNITURE_CHARS and (
            _FURNITURE.match(piece) or _is_link_line(piece)))

    def may_name(self, start: int, end: int) -> bool:
        """Whether a found name at text[start:end] is the article's: in the body, not inside a link or a
        handle, nor inside a dateline (where the story was filed and by which agency: "PORT VALDOR, May 25
        (Wire) --", "एजेंसी, नई दिल्ली।")."""
        if not self.in_body(start, end):
            return False
        if self._links is None:
            self._links = [m.span() for m in _LINK_OR_HANDLE.finditer(self.text)]
            self._datelines = dateline_ranges(self.text)
        return not any(s < end and start < e for s, e in self._links) and not any(
            s <= start and end <= e for s, e in self._datelines)


# A piece of evidence this long that another holds whole repeats it ("The council has one answer: the port must
# close before winter" in the lead, "According to the mayor, the port must close before winter" further down):
# quoted once.
MIN_REPEAT_CHARS = 40


_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,.;:!?])")


def repeats(words: str, other: str) -> bool:
    """Whether one of two quotes (normalised: one space, lower case) says the other again, whatever the spaces
    before their punctuation ("Путин: Това ..." and "Путин : Това ...")."""
    shorter, longer = sorted((_SPACE_BEFORE_MARK.sub("", words), _SPACE_BEFORE_MARK.sub("", other)), key=len)
    return shorter == longer or (len(shorter) >= MIN_REPEAT_CHARS and shorter in longer)
