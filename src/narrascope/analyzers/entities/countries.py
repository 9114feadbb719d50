"""Country names in every supported language, for the alias table (training only).

The annotators cast few countries in some languages, so the alias table learned from their mentions
(`aliases.learn_aliases`) left `Франция`, `Италия`, `Alemanha` or `जर्मनी` under their own names while
English articles name France, Italy and Germany. The ISO 3166 country list and its translations, as the
`pycountry` package ships them (the iso-codes catalogues), give each country's name in Bulgarian, Hindi,
Portuguese (European and Brazilian) and Russian; `learn_aliases` adds them where the learned table has
no entry for the name.

Only short names are used: a translated name with a comma ("Молдова, Република") is an official form no
article writes, and the name a news article uses in English (`ENGLISH`: "Turkey", not "Türkiye") is the
canonical one. Needs `pip install 'narrascope[train]'` (the catalogues are not needed to analyse).
"""
from __future__ import annotations

import functools
import gettext
import json
from pathlib import Path

from narrascope.errors import ConfigError

# Catalogue language -> narrascope language.
CATALOGUES = {"bg": "bg", "hi": "hi", "pt": "pt", "pt_BR": "pt", "ru": "ru"}
# ISO names that English news writes otherwise; None: the ISO short name is not a country's usual name.
ENGLISH = {"Türkiye": "Turkey", "Russian Federation": "Russia", "Viet Nam": "Vietnam", "Czechia": "Czech Republic",
           "Holy See (Vatican City State)": None}
# Translated names that are also common words of their language (read off the lexicon's learned lists of
# common words: the only hit in the cased languages): "granada" is a grenade, and a Spanish city.
NOT_NAMES = {("pt", "Granada")}


@functools.lru_cache(maxsize=1)
def country_names() -> tuple[tuple[str, str, str], ...]:
    """(language, the country's name in it, its English name) for every country and language; in English,
    the ISO names that differ from the usual one."""
    try:
        import pycountry
    except ImportError as err:
        raise ConfigError("learning the alias table needs the country catalogues: pip install 'narrascope[train]'"
                          ) from err
    root = Path(pycountry.__file__).parent
    countries = json.loads((root / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    out: set[tuple[str, str, str]] = set()
    for catalogue, lang in CATALOGUES.items():
        translate = gettext.translation("iso3166-1", str(root / "locales"), languages=[catalogue]).gettext
        for country in countries:
            iso = country.get("common_name") or country["name"]
            english = ENGLISH.get(iso, iso)
            if english is None or "," in english:
                continue
            for source in {country["name"], iso}:
                name = translate(source)
                if name != source and "," not in name and "(" not in name and (lang, name) not in NOT_NAMES:
                    out.add((lang, name, english))
    # English articles may write the ISO name ("Russian Federation") for the usual one ("Russia").
    for country in countries:
        iso = country.get("common_name") or country["name"]
        english = ENGLISH.get(iso, iso)
        if english is not None and "," not in english and "," not in country["name"] and country["name"] != english:
            out.add(("en", country["name"], english))
    return tuple(sorted(out))
