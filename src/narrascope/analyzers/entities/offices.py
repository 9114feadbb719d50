"""Offices and who held them: what a description such as "the French president" can stand for.

News names a head of state once and then describes them ("the French president", "руският президент",
"o líder russo", "रूसी राष्ट्रपति"). `descriptions.py` finds such descriptions and joins one to a person
the article names when that is clear; this module holds the facts it reads:

- `COUNTRY_FORMS`: how each language writes a country (or alliance) as an adjective before or after the
  office, and after "of" (its own preposition). Adjective entries are stems where the language inflects
  them; the patterns in `descriptions.py` add the endings.
- `OFFICES`: the office words per language (heads of state and government, secretaries general, foreign
  and defence ministers), and `HEAD`: which office "leader" or "head of state" means in each country (none
  where two offices share the lead, as in Poland or Bulgaria).
- `HOLDERS`: who held an office from 2019, the years of the SemEval-2025 articles, on; spellings in
  several scripts so that a name the alias table does not know still matches by its Latin skeleton. An
  office two holders of which an article names (Joe Biden and Donald Trump) is not resolved by this
  table: only the article's own words ("President Joe Biden") can then tell them apart. Training also
  gives these spellings to the alias table (`holder_names`), so that `Столтенберг` and `शोल्ज़` are Jens
  Stoltenberg and Olaf Scholz in every language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Country (English key) -> language -> (adjective forms or stems, forms after "of" and its like).
COUNTRY_FORMS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "Russia": {
        "en": (("Russian", "Kremlin"), ("Russia", "the Russian Federation")),
        "bg": (("руски",), ("Русия", "Руската федерация", "Руската Федерация", "РФ")),
        "ru": (("российск",), ("России", "РФ", "Российской Федерации")),
        "pt": (("russo", "russa"), ("da Rússia", "da Federação Russa")),
        "hi": (("रूसी",), ("रूस",)),
    },
    "Ukraine": {
        "en": (("Ukrainian",), ("Ukraine",)),
        "bg": (("украински",), ("Украйна",)),
        "ru": (("украинск",), ("Украины",)),
        "pt": (("ucraniano", "ucraniana"), ("da Ucrânia",)),
        "hi": (("यूक्रेनी", "यूक्रेनियन"), ("यूक्रेन",)),
    },
    "France": {
        "en": (("French",), ("France",)),
        "bg": (("френски",), ("Франция",)),
        "ru": (("французск",), ("Франции",)),
        "pt": (("francês", "francesa"), ("da França", "de França")),
        "hi": (("फ्रांसीसी", "फ्रेंच"), ("फ्रांस",)),
    },
    "United States": {
        "en": (("American", "US", "U.S."), ("the United States", "America", "the US", "the U.S.")),
        "bg": (("американски",), ("САЩ", "Съединените щати")),
        "ru": (("американск",), ("США",)),
        "pt": (("americano", "americana", "norte-americano", "norte-americana", "estadunidense"),
               ("dos Estados Unidos", "dos EUA", "dos EU")),
        "hi": (("अमेरिकी", "अमेरिकन"), ("अमेरिका",)),
    },
    "Germany": {
        "en": (("German",), ("Germany",)),
        "bg": (("германски",), ("Германия",)),
        "ru": (("германск", "немецк"), ("Германии", "ФРГ")),
        "pt": (("alemão", "alemã"), ("da Alemanha",)),
        "hi": (("जर्मन",), ("जर्मनी",)),
    },
    "United Kingdom": {
        "en": (("British", "UK", "U.K."), ("Britain", "the United Kingdom", "the UK")),
        "bg": (("британски",), ("Великобритания", "Обединеното кралство")),
        "ru": (("британск",), ("Великобритании", "Британии")),
        "pt": (("britânico", "britânica"), ("do Reino Unido", "da Grã-Bretanha")),
        "hi": (("ब्रिटिश",), ("ब्रिटेन",)),
    },
    "Hungary": {
        "en": (("Hungarian",), ("Hungary",)),
        "bg": (("унгарски",), ("Унгария",)),
        "ru": (("венгерск",), ("Венгрии",)),
        "pt": (("húngaro", "húngara"), ("da Hungria",)),
        "hi": (("हंगेरियन", "हंगेरियाई"), ("हंगरी",)),
    },
    "Belarus": {
        "en": (("Belarusian", "Belarussian"), ("Belarus",)),
        "bg": (("беларуски",), ("Беларус",)),
        "ru": (("белорусск",), ("Белоруссии", "Беларуси")),
        "pt": (("bielorrusso", "bielorrussa"), ("da Bielorrússia",)),
        "hi": (("बेलारूसी",), ("बेलारूस",)),
    },
    "Turkey": {
        "en": (("Turkish",), ("Turkey",)),
        "bg": (("турски",), ("Турция",)),
        "ru": (("турецк",), ("Турции",)),
        "pt": (("turco", "turca"), ("da Turquia",)),
        "hi": ((), ("तुर्की",)),
    },
    "China": {
        "en": (("Chinese",), ("China",)),
        "bg": (("китайски",), ("Китай",)),
        "ru": (("китайск",), ("Китая", "КНР")),
        "pt": (("chinês", "chinesa"), ("da China",)),
        "hi": (("चीनी",), ("चीन",)),
    },
    "India": {
        "en": (("Indian",), ("India",)),
        "bg": (("индийски",), ("Индия",)),
        "ru": (("индийск",), ("Индии",)),
        "pt": (("indiano", "indiana"), ("da Índia",)),
        "hi": (("भारतीय",), ("भारत",)),
    },
    "Israel": {
        "en": (("Israeli",), ("Israel",)),
        "bg": (("израелски",), ("Израел",)),
        "ru": (("израильск",), ("Израиля",)),
        "pt": (("israelita", "israelense"), ("de Israel",)),
        "hi": (("इजरायली", "इज़रायली", "इस्राइली"), ("इजरायल", "इज़राइल", "इजराइल")),
    },
    "Italy": {
        "en": (("Italian",), ("Italy",)),
        "bg": (("италиански",), ("Италия",)),
        "ru": (("итальянск",), ("Италии",)),
        "pt": (("italiano", "italiana"), ("da Itália",)),
        "hi": (("इतालवी",), ("इटली",)),
    },
    "Serbia": {
        "en": (("Serbian",), ("Serbia",)),
        "bg": (("сръбски",), ("Сърбия",)),
        "ru": (("сербск",), ("Сербии",)),
        "pt": (("sérvio", "sérvia"), ("da Sérvia",)),
        "hi": ((), ("सर्बिया",)),
    },
    "Slovakia": {
        "en": (("Slovak", "Slovakian"), ("Slovakia",)),
        "bg": (("словашки",), ("Словакия",)),
        "ru": (("словацк",), ("Словакии",)),
        "pt": (("eslovaco", "eslovaca"), ("da Eslováquia",)),
        "hi": ((), ("स्लोवाकिया",)),
    },
    "North Korea": {
        "en": (("North Korean",), ("North Korea",)),
        "bg": (("севернокорейски",), ("Северна Корея",)),
        "ru": (("северокорейск",), ("КНДР", "Северной Кореи")),
        "pt": (("norte-coreano",), ("da Coreia do Norte",)),
        "hi": (("उत्तर कोरियाई",), ("उत्तर कोरिया",)),
    },
    "NATO": {
        "en": (("NATO",), ("NATO",)),
        "bg": ((), ("НАТО",)),
        "ru": ((), ("НАТО",)),
        "pt": ((), ("da NATO", "da OTAN")),
        "hi": (("नाटो",), ("नाटो",)),
    },
    "United Nations": {
        "en": (("UN", "U.N."), ("the United Nations", "the UN")),
        "bg": ((), ("ООН",)),
        "ru": ((), ("ООН",)),
        "pt": ((), ("da ONU", "das Nações Unidas")),
        "hi": (("संयुक्त राष्ट्र",), ("संयुक्त राष्ट्र",)),
    },
}

PRESIDENT, PRIME_MINISTER, CHANCELLOR, SECRETARY_GENERAL, LEADER = (
    "president", "prime minister", "chancellor", "secretary general", "leader")
FOREIGN_MINISTER, DEFENCE_MINISTER = "foreign minister", "defence minister"

# Office -> language -> its words (stems in Russian and Bulgarian, where the pattern adds the endings).
# Portuguese "chanceler" is left out: in Brazil it is the foreign minister.
OFFICES: dict[str, dict[str, tuple[str, ...]]] = {
    PRESIDENT: {"en": ("president",), "bg": ("президент",), "ru": ("президент",), "pt": ("presidente",),
                "hi": ("राष्ट्रपति",)},
    PRIME_MINISTER: {"en": ("prime minister", "premier", "PM"), "bg": ("премиер", "министър-председател"),
                     "ru": ("премьер-министр", "премьер"), "pt": ("primeiro-ministro", "primeira-ministra"),
                     "hi": ("प्रधानमंत्री", "प्रधान मंत्री", "पीएम")},
    CHANCELLOR: {"en": ("chancellor",), "bg": ("канцлер",), "ru": ("канцлер",), "pt": (), "hi": ("चांसलर",)},
    SECRETARY_GENERAL: {"en": ("secretary general", "secretary-general"), "bg": ("генерален секретар", "генсек"),
                        "ru": ("генеральный секретарь", "генсек"), "pt": ("secretário-geral",),
                        "hi": ("महासचिव",)},
    LEADER: {"en": ("leader", "head of state", "head"), "bg": ("лидер", "държавен глава"), "ru": ("лидер", "глав"),
             "pt": ("líder", "chefe de Estado"), "hi": ("नेता",)},
    FOREIGN_MINISTER: {"en": ("foreign minister", "foreign secretary", "secretary of state", "top diplomat"),
                       "bg": ("външен министър", "министър на външните работи"),
                       "ru": ("министр иностранных дел", "глава МИД", "госсекретарь"),
                       "pt": ("ministro dos Negócios Estrangeiros", "ministro das Relações Exteriores",
                              "chefe da diplomacia", "secretário de Estado"),
                       "hi": ("विदेश मंत्री",)},
    DEFENCE_MINISTER: {"en": ("defence minister", "defense minister", "defence secretary", "defense secretary"),
                       "bg": ("министър на отбраната",), "ru": ("министр обороны", "глава Минобороны"),
                       "pt": ("ministro da Defesa",), "hi": ("रक्षा मंत्री",)},
}

# The office "leader" stands for, per country; a country missing here has no clear leader office.
HEAD: dict[str, str] = {
    "Russia": PRESIDENT, "Ukraine": PRESIDENT, "France": PRESIDENT, "United States": PRESIDENT,
    "Germany": CHANCELLOR, "United Kingdom": PRIME_MINISTER, "Hungary": PRIME_MINISTER, "Belarus": PRESIDENT,
    "Turkey": PRESIDENT, "China": PRESIDENT, "India": PRIME_MINISTER, "Israel": PRIME_MINISTER,
    "Italy": PRIME_MINISTER, "Serbia": PRESIDENT, "Slovakia": PRIME_MINISTER, "North Korea": LEADER,
    "NATO": SECRETARY_GENERAL, "United Nations": SECRETARY_GENERAL,
}


@dataclass(frozen=True, slots=True)
class Holder:
    name: str  # the English name
    offices: tuple[tuple[str, str], ...]  # (country, office)
    spellings: tuple[str, ...] = ()  # the name in other scripts and spellings
    surname_alone: bool = True  # False where the surname alone names others too (Johnson)


HOLDERS: tuple[Holder, ...] = (
    Holder("Vladimir Putin", (("Russia", PRESIDENT),), ("Владимир Путин", "व्लादिमीर पुतिन")),
    Holder("Volodymyr Zelensky", (("Ukraine", PRESIDENT),),
           ("Vladimir Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenski", "Volodimir Zelenski",
            "Володимир Зеленський",
            "Владимир Зеленский", "वलोडिमिर जेलेंस्की")),
    Holder("Emmanuel Macron", (("France", PRESIDENT),), ("Еманюел Макрон", "Эммануэль Макрон", "इमैनुएल मैक्रों")),
    Holder("Joe Biden", (("United States", PRESIDENT),), ("Джо Байдън", "Джо Байден", "जो बाइडेन")),
    Holder("Donald Trump", (("United States", PRESIDENT),), ("Доналд Тръмп", "Дональд Трамп", "डोनाल्ड ट्रंप")),
    Holder("Olaf Scholz", (("Germany", CHANCELLOR),), ("Олаф Шолц", "Олаф Шольц", "ओलाफ शोल्ज़")),
    Holder("Angela Merkel", (("Germany", CHANCELLOR),), ("Ангела Меркел", "Ангела Меркель", "एंजेला मर्केल")),
    Holder("Boris Johnson", (("United Kingdom", PRIME_MINISTER),), ("Борис Джонсън", "Борис Джонсон"),
           surname_alone=False),
    Holder("Liz Truss", (("United Kingdom", PRIME_MINISTER),), ("Лиз Тръс", "Лиз Трасс")),
    Holder("Rishi Sunak", (("United Kingdom", PRIME_MINISTER),), ("Риши Сунак", "ऋषि सुनक")),
    Holder("Keir Starmer", (("United Kingdom", PRIME_MINISTER),), ("Киър Стармър", "Кир Стармер", "कीर स्टार्मर")),
    Holder("Viktor Orban", (("Hungary", PRIME_MINISTER),), ("Виктор Орбан", "विक्टर ओर्बन")),
    Holder("Jens Stoltenberg", (("NATO", SECRETARY_GENERAL),), ("Йенс Столтенберг", "स्टोल्टेनबर्ग")),
    Holder("Mark Rutte", (("NATO", SECRETARY_GENERAL),), ("Марк Рюте", "Марк Рютте")),
    Holder("Alexander Lukashenko", (("Belarus", PRESIDENT),), ("Александър Лукашенко", "Александр Лукашенко")),
    Holder("Recep Tayyip Erdogan", (("Turkey", PRESIDENT),),
           ("Реджеп Тайип Ердоган", "Реджеп Тайип Эрдоган", "रेचेप तैयप एर्दोगन")),
    Holder("Xi Jinping", (("China", PRESIDENT),), ("Си Дзинпин", "Си Цзиньпин", "शी जिनपिंग"), surname_alone=False),
    Holder("Narendra Modi", (("India", PRIME_MINISTER),), ("Нарендра Моди", "नरेंद्र मोदी")),
    Holder("Benjamin Netanyahu", (("Israel", PRIME_MINISTER),), ("Бенямин Нетаняху", "Биньямин Нетаньяху",
                                                                "बेंजामिन नेतन्याहू")),
    Holder("Giorgia Meloni", (("Italy", PRIME_MINISTER),), ("Джорджа Мелони", "Джорджия Мелони")),
    Holder("Aleksandar Vucic", (("Serbia", PRESIDENT),), ("Александър Вучич", "Александр Вучич")),
    Holder("Robert Fico", (("Slovakia", PRIME_MINISTER),), ("Роберт Фицо",), surname_alone=False),
    Holder("Kim Jong Un", (("North Korea", LEADER),), ("Ким Чен Ун", "Ким Чен-ун", "Ким Чен Ын", "किम जोंग उन"),
           surname_alone=False),
    Holder("Antonio Guterres", (("United Nations", SECRETARY_GENERAL),), ("Антониу Гутериш", "Антониу Гутерриш")),
    Holder("Sergei Lavrov", (("Russia", FOREIGN_MINISTER),), ("Serguei Lavrov", "Сергей Лавров", "सर्गेई लावरोव")),
    Holder("Antony Blinken", (("United States", FOREIGN_MINISTER),), ("Антъни Блинкен", "Энтони Блинкен",
                                                                      "एंटनी ब्लिंकन")),
    Holder("Dmytro Kuleba", (("Ukraine", FOREIGN_MINISTER),), ("Dmitry Kuleba", "Дмитро Кулеба", "Дмитрий Кулеба",
                                                              "दिमित्रो कुलेबा")),
    Holder("Andrii Sybiha", (("Ukraine", FOREIGN_MINISTER),), ("Андрій Сибіга", "Андрий Сибиха", "Андрей Сибига")),
    Holder("Subrahmanyam Jaishankar", (("India", FOREIGN_MINISTER),), ("S. Jaishankar", "एस जयशंकर")),
    Holder("Annalena Baerbock", (("Germany", FOREIGN_MINISTER),), ("Аналена Бербок", "Анналена Бербок")),
    Holder("Peter Szijjarto", (("Hungary", FOREIGN_MINISTER),), ("Петер Сиярто", "Петер Сийярто")),
    Holder("Sergei Shoigu", (("Russia", DEFENCE_MINISTER),), ("Сергей Шойгу", "सर्गेई शोइगु")),
    Holder("Andrei Belousov", (("Russia", DEFENCE_MINISTER),), ("Андрей Белоусов",)),
    Holder("Lloyd Austin", (("United States", DEFENCE_MINISTER),), ("Лойд Остин", "Ллойд Остин", "लॉयड ऑस्टिन")),
    Holder("Oleksii Reznikov", (("Ukraine", DEFENCE_MINISTER),), ("Олексій Резніков", "Алексей Резников")),
    Holder("Rustem Umerov", (("Ukraine", DEFENCE_MINISTER),), ("Рустем Умеров",)),
    Holder("Boris Pistorius", (("Germany", DEFENCE_MINISTER),), ("Борис Писториус",)),
)


_SCRIPTS = ((re.compile("[\u0400-\u04ff]"), ("bg", "ru")), (re.compile("[\u0900-\u097f]"), ("hi",)),
            (re.compile("[A-Za-z]"), ("en", "pt")))


def holder_names() -> tuple[tuple[str, str, str], ...]:
    """(language, a spelling, the English name) of every office holder, for the alias table (as
    `known_names.known_names`): each spelling in the languages of its script, and its surname alone where
    that names the holder only (`Holder.surname_alone`)."""
    out = []
    for h in HOLDERS:
        for spelling in (h.name, *h.spellings):
            langs = next((langs for rx, langs in _SCRIPTS if rx.search(spelling)), ())
            forms = [spelling] + ([spelling.split()[-1]] if h.surname_alone and " " in spelling else [])
            out.extend((lang, form, h.name) for lang in langs for form in forms)
    return tuple(dict.fromkeys(out))
