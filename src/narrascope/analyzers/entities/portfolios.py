"""The portfolio of a Portuguese office, which the finders took for a name.

Portuguese writes the office in lower case and its portfolio in capitals: "o ministro do Ambiente", "o secretário
de Estado Anthony Blinken", "o chefe de Estado russo", "a ministra dos Negócios Estrangeiros". The capitalised
words are the office's, not a name (the training articles had `Estado` 28 times, `Ambiente` 9 times, `Negócios
Estrangeiros` 7 times among their Portuguese entities), and a name after them is a name of its own: "Estado
Anthony Blinken" is Anthony Blinken, "Estado de Trump" (Trump's secretary of state) is Trump, "Defesa dos EUA"
the United States. A capitalised office ("Ministério da Defesa", "Departamento de Estado") is an organisation's
name and stays whole, as does a portfolio with one more word of its own ("a Defesa Civil", civil protection): only
a portfolio after an office written in lower case is cut.
"""
from __future__ import annotations

import re

from narrascope.document import Span

_OFFICE_BEFORE = re.compile(r"(?<![\w-])(?:(?:vice-|sub)?ministr[oa]s?|(?:sub)?secretári[oa]s?|chefes?|pasta|golpe"
                            r"|ministério)\s+(?:de|do|da|dos|das)\s+$")
_PORTFOLIO = frozenset((
    "estado", "governo", "ambiente", "meio", "negócios", "estrangeiros", "defesa", "finanças", "economia",
    "energia", "saúde", "justiça", "interior", "agricultura", "educação", "trabalho", "transportes", "cultura",
    "ciência", "indústria", "comércio", "relações", "exteriores", "administração", "interna", "segurança",
    "nacional", "pública", "social", "infraestruturas", "ação", "acção", "clima", "climática", "alterações",
    "climáticas", "desenvolvimento", "planeamento", "turismo", "tesouro", "guerra", "e"))
_LINKS = frozenset(("de", "do", "da", "dos", "das"))


def without_portfolio(text: str, sp: Span, lang: str) -> list[Span]:
    """`sp` without the portfolio that opens it after a Portuguese office in lower case, and without the
    "de" that links the portfolio to a name after it; [] when nothing but the portfolio is left."""
    if lang != "pt" or not _OFFICE_BEFORE.search(text, max(0, sp.start - 40), sp.start):
        return [sp]
    words = list(re.finditer(r"\S+", text[sp.start : sp.end]))
    k = 0  # "Negócios Estrangeiros", "Ambiente e das Alterações Climáticas", "Estado de Trump"
    while k < len(words) and (words[k].group().lower() in _PORTFOLIO or (k and words[k].group().lower() in _LINKS)):
        k += 1
    if k == 0:
        return [sp]
    if k == len(words):
        return []
    if words[k - 1].group().lower() not in _LINKS and len(words) - k < 2:
        return [sp]  # "chefe da Defesa Civil", "o Governo Federal": one word more makes an agency's name
    return [Span(sp.start + words[k].start(), sp.end, sp.label, sp.score)]
