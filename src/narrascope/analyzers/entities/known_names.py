"""Places, organisations and news agencies that the news of the two topics name often, in every
supported language.

The alias table learned from the annotated mentions (`aliases.learn_aliases`) only knows the names that
annotators cast, and they rarely cast a city or an agency: Hindi articles write `मॉस्को` or `मास्को` for
Moscow, Bulgarian ones `Брюксел` for Brussels, and each stayed an entity of its own language. This list
gives their usual spellings, read off the names the finder groups most often in the training articles
that had no English name (`python -m benchmarks.canonical_coverage` prints what is still missing); a
name the learned table already has keeps its learned entry. Countries come from the ISO catalogues
instead (`countries.py`).

The key is the name English articles use most often in training; English spellings of the same thing
are listed under "en".
"""
from __future__ import annotations

KNOWN_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "Moscow": {"bg": ("Москва",), "ru": ("Москва",), "pt": ("Moscovo", "Moscou"), "hi": ("मॉस्को", "मास्को")},
    "Kyiv": {"bg": ("Киев",), "ru": ("Киев",), "pt": ("Kiev", "Kyiv"), "hi": ("कीव",)},
    "Washington": {"bg": ("Вашингтон",), "ru": ("Вашингтон",), "hi": ("वॉशिंगटन", "वाशिंगटन")},
    "Brussels": {"bg": ("Брюксел",), "ru": ("Брюссель",), "pt": ("Bruxelas",), "hi": ("ब्रसेल्स", "ब्रुसेल्स")},
    "Paris": {"bg": ("Париж",), "ru": ("Париж",), "hi": ("पेरिस",)},
    "Berlin": {"bg": ("Берлин",), "ru": ("Берлин",), "pt": ("Berlim",), "hi": ("बर्लिन",)},
    "London": {"bg": ("Лондон",), "ru": ("Лондон",), "pt": ("Londres",), "hi": ("लंदन",)},
    "Beijing": {"bg": ("Пекин",), "ru": ("Пекин",), "pt": ("Pequim",), "hi": ("बीजिंग",)},
    "New York": {"bg": ("Ню Йорк",), "ru": ("Нью-Йорк",), "pt": ("Nova Iorque",), "hi": ("न्यूयॉर्क",)},
    "New Delhi": {"bg": ("Ню Делхи",), "ru": ("Нью-Дели",), "pt": ("Nova Deli",), "hi": ("नई दिल्ली",)},
    "Warsaw": {"bg": ("Варшава",), "ru": ("Варшава",), "pt": ("Varsóvia",)},
    "Budapest": {"bg": ("Будапеща",), "ru": ("Будапешт",), "pt": ("Budapeste",)},
    "Minsk": {"bg": ("Минск",), "ru": ("Минск",), "hi": ("मिन्स्क",)},
    "Gaza": {"bg": ("Газа",), "ru": ("Газа",), "hi": ("गाजा",)},
    "Davos": {"bg": ("Давос",), "ru": ("Давос",)},
    "Crimea": {"bg": ("Крим",), "ru": ("Крым",), "pt": ("Crimeia",), "hi": ("क्रीमिया", "क्राइमिया")},
    "Donbas": {"en": ("Donbass",), "bg": ("Донбас",), "ru": ("Донбасс",), "pt": ("Donbass",), "hi": ("डोनबास",)},
    "Donetsk": {"bg": ("Донецк",), "ru": ("Донецк",), "hi": ("डोनेट्स्क",)},
    "Luhansk": {"en": ("Lugansk",), "bg": ("Луганск",), "ru": ("Луганск",), "pt": ("Lugansk",), "hi": ("लुहांस्क",)},
    "Kharkiv": {"en": ("Kharkov",), "bg": ("Харков",), "ru": ("Харьков",), "hi": ("खार्किव", "खारकीव")},
    "Kherson": {"bg": ("Херсон",), "ru": ("Херсон",), "hi": ("खेरसॉन",)},
    "Zaporizhzhia": {"en": ("Zaporozhye", "Zaporizhia"), "bg": ("Запорожие",), "ru": ("Запорожье",),
                     "pt": ("Zaporozhie", "Zaporijia", "Zaporíjia")},
    "Odessa": {"en": ("Odesa",), "bg": ("Одеса",), "ru": ("Одесса",), "hi": ("ओडेसा",)},
    "Mariupol": {"bg": ("Мариупол",), "ru": ("Мариуполь",), "hi": ("मारियुपोल",)},
    "Sevastopol": {"bg": ("Севастопол",), "ru": ("Севастополь",)},
    "Avdiivka": {"en": ("Avdeevka",), "bg": ("Авдеевка",), "ru": ("Авдеевка",), "pt": ("Avdeevka",)},
    # the dictionary reads "Часов" as the genitive of "часы": each case of the town keys otherwise
    "Chasiv Yar": {"en": ("Chasov Yar",), "bg": ("Часов Яр",), "ru": ("Часов Яр", "Часова Яра", "Часовом Яре", "Часову Яру"),
                   "pt": ("Chasov Yar",)},
    "Kursk": {"bg": ("Курск",), "ru": ("Курск",), "hi": ("कुर्स्क",)},
    "Belgorod": {"bg": ("Белгород",), "ru": ("Белгород",), "hi": ("बेलगोरोद",)},
    "Lisbon": {"bg": ("Лисабон",), "ru": ("Лиссабон",), "pt": ("Lisboa",), "hi": ("लिस्बन",)},
    "Astana": {"bg": ("Астана",), "ru": ("Астана",), "hi": ("अस्ताना",)},
    "Texas": {"bg": ("Тексас",), "ru": ("Техас",), "hi": ("टेक्सास",)},
    "Arizona": {"bg": ("Аризона",), "ru": ("Аризона",), "hi": ("एरिज़ोना", "एरिजोना")},
    "White House": {"bg": ("Белия дом", "Белият дом"), "ru": ("Белый дом",), "pt": ("Casa Branca",), "hi": ("व्हाइट हाउस",)},
    "Pentagon": {"bg": ("Пентагон", "Пентагона", "Пентагонът"), "ru": ("Пентагон",), "pt": ("Pentágono",), "hi": ("पेंटागन",)},
    "Kremlin": {"bg": ("Кремъл",), "ru": ("Кремль",), "hi": ("क्रेमलिन",)},
    "Africa": {"bg": ("Африка",), "ru": ("Африка",), "pt": ("África",), "hi": ("अफ्रीका",)},
    "Asia": {"bg": ("Азия",), "ru": ("Азия",), "pt": ("Ásia",), "hi": ("एशिया",)},
    "Eastern Europe": {"bg": ("Източна Европа",), "ru": ("Восточная Европа",), "pt": ("Europa de Leste", "Leste Europeu"),
                       "hi": ("पूर्वी यूरोप",)},
    "Antarctica": {"bg": ("Антарктида",), "ru": ("Антарктида", "Антарктика"), "pt": ("Antártida", "Antártica"),
                   "hi": ("अंटार्कटिका",)},
    "Pacific Ocean": {"en": ("Pacific",), "bg": ("Тихия океан", "Тихият океан"), "ru": ("Тихий океан",),
                      "pt": ("Oceano Pacífico", "Pacífico"), "hi": ("प्रशांत महासागर",)},
    "Mediterranean": {"bg": ("Средиземно море", "Средиземноморието"), "ru": ("Средиземное море",),
                      "pt": ("Mediterrâneo",), "hi": ("भूमध्य सागर",)},
    "Earth": {"bg": ("Земя", "Земята"), "ru": ("Земля",), "pt": ("Terra",), "hi": ("पृथ्वी",)},
    "Middle East": {"bg": ("Близкия изток", "Близкият изток"), "ru": ("Ближний Восток",), "pt": ("Médio Oriente", "Oriente Médio"),
                    "hi": ("मध्य पूर्व",)},
    "NATO": {"en": ("North Atlantic Alliance", "Atlantic Alliance", "North Atlantic Treaty Organization",
                    "North Atlantic Treaty Organisation"),
             "bg": ("Северноатлантически алианс", "Организацията на Северноатлантическия договор"),
             "ru": ("Североатлантический альянс", "Организация Североатлантического договора"),
             "pt": ("Organização do Tratado do Atlântico Norte", "Aliança Atlântica"),
             "hi": ("उत्तरी अटलांटिक संधि संगठन", "उत्तर अटलांटिक संधि संगठन")},
    "United Nations": {"bg": ("Организацията на обединените нации",),
                       "ru": ("Организация Объединённых Наций", "Организация Объединенных Наций"),
                       "pt": ("Nações Unidas", "Organização das Nações Unidas")},
    "European Commission": {"bg": ("Европейската комисия",), "ru": ("Еврокомиссия", "Европейская комиссия"),
                            "pt": ("Comissão Europeia",), "hi": ("यूरोपीय आयोग",)},
    "Soviet Union": {"bg": ("СССР", "Съветския съюз"), "ru": ("СССР", "Советский Союз"), "pt": ("União Soviética",),
                     "hi": ("सोवियत संघ",)},
    "BRICS": {"bg": ("БРИКС",), "ru": ("БРИКС",), "hi": ("ब्रिक्स",)},
    "Shanghai Cooperation Organisation": {"en": ("SCO", "Shanghai Cooperation Organization"), "bg": ("ШОС",),
                                          "ru": ("ШОС",), "hi": ("एससीओ", "शंघाई सहयोग संगठन")},
    "Paris Agreement": {"bg": ("Парижкото споразумение",), "ru": ("Парижское соглашение",), "pt": ("Acordo de Paris",),
                        "hi": ("पेरिस समझौता", "पेरिस समझौते")},
    "European Union": {"hi": ("यूरोपीय संघ", "यूरोपियन यूनियन")},
    # Hindi annotators cast the nationality adjective as the country ("रूसी हमले", the Russian attack, is
    # Russia's); the other languages' finders leave adjectives out.
    "Russia": {"bg": ("РФ",), "hi": ("रूसी",)},
    # The long official form, beside the short one the ISO catalogue gives.
    "United States": {"bg": ("Съединените американски щати",), "ru": ("Соединённые Штаты Америки",),
                      "pt": ("Estados Unidos da América",), "hi": ("अमेरिकी", "संयुक्त राज्य अमेरिका")},
    "Ukraine": {"hi": ("यूक्रेनी",)},
    "India": {"hi": ("भारतीय",)},
    "China": {"bg": ("КНР",), "ru": ("КНР",)},
    "North Korea": {"bg": ("КНДР",), "ru": ("КНДР",)},
    "Western countries": {"bg": ("западните страни", "западни страни", "западните държави", "западни държави"),
                          "ru": ("западные страны", "западных стран"), "pt": ("países ocidentais",),
                          "hi": ("पश्चिमी देशों", "पश्चिमी देश", "पश्चिम देशों", "पश्चिम देश")},
    "Kyiv regime": {"bg": ("киевския режим",), "ru": ("киевский режим",)},
    "Armed Forces of Ukraine": {"en": ("Ukrainian Armed Forces", "Ukrainian Army"),
                                "bg": ("ВСУ", "украинските въоръжени сили", "Въоръжените сили на Украйна"),
                                "ru": ("Вооружённые силы Украины",),
                                "pt": ("Forças Armadas da Ucrânia", "Forças Armadas ucranianas", "Exército ucraniano"),
                                "hi": ("यूक्रेनी सेना", "यूक्रेन की सेना")},
    "Russian Armed Forces": {"en": ("Russian Army",), "ru": ("ВС РФ", "ВС России", "Вооружённые силы России",
                                                                      "Вооружённые силы РФ", "российская армия"),
                             "pt": ("Forças Armadas russas", "Exército russo"), "hi": ("रूसी सेना", "रूस की सेना")},
    "El Niño": {"en": ("El Nino",), "bg": ("Ел Ниньо",), "ru": ("Эль-Ниньо",), "hi": ("अल नीनो",)},
    "Reuters": {"bg": ("Ройтерс",), "ru": ("Рейтер",), "hi": ("रॉयटर्स",)},
    "TASS": {"bg": ("ТАСС",), "ru": ("ТАСС",)},
    "RIA Novosti": {"bg": ("РИА Новости",), "ru": ("РИА Новости",)},
    # Bodies named with their country: the Russian finder reads "МИД России" as one name, "МИД РФ" as another.
    "Russian Defense Ministry": {"en": ("Russian Defence Ministry", "Russian Ministry of Defense", "Russian Ministry of Defence"),
                                 "ru": ("Минобороны РФ", "Минобороны России", "Министерство обороны РФ",
                                        "Министерство обороны России", "Министерство обороны Российской Федерации", "МО РФ"),
                                 "pt": ("Ministério da Defesa russo", "Ministério russo da Defesa", "Ministério da Defesa da Rússia")},
    "Russian Foreign Ministry": {"ru": ("МИД РФ", "МИД России", "Министерство иностранных дел РФ",
                                        "Министерство иностранных дел России"),
                                 "pt": ("Ministério dos Negócios Estrangeiros russo", "Ministério russo dos Negócios Estrangeiros",
                                        "Ministério dos Negócios Estrangeiros da Rússia")},
    "AFP": {"en": ("Agence France-Presse", "Agence France Presse"), "bg": ("Франс прес",), "ru": ("Франс Пресс",),
            "pt": ("France-Presse", "France Presse", "Agence France-Presse"), "hi": ("एएफपी",)},
    "Associated Press": {"bg": ("Асошиейтед прес",), "ru": ("Ассошиэйтед Пресс",), "hi": ("एसोसिएटेड प्रेस",)},
    "BBC": {"bg": ("Би Би Си",), "ru": ("Би-би-си",)},
    "Bloomberg": {"bg": ("Блумбърг",), "ru": ("Блумберг",)},
}


def known_names() -> tuple[tuple[str, str, str], ...]:
    """(language, the name in it, the English name) for every entry and language."""
    return tuple((lang, name, english) for english, by_lang in KNOWN_NAMES.items()
                 for lang, names in by_lang.items() for name in names)
