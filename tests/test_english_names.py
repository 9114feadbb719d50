"""English name rules of the lexicon finder: Title Case headlines, compound words, party tags, offices.

Names are invented; each test fails on the finder before these rules."""
from __future__ import annotations

from narrascope.nlp.ner import LexiconNER


def _found(lex: LexiconNER, text: str) -> list[str]:
    return [text[s.start : s.end] for s in lex.find([text])[0]]


def test_a_headline_word_is_a_name_only_where_the_body_capitalises_it_too():
    text = ("Valdor Deploys Troops Along Brenmark Border Amid Rising Tension\n\n"
            "The defence ministry of Valdor said on Monday that units had moved towards Brenmark overnight.")
    found = _found(LexiconNER("en", common=["the"]), text)
    assert found.count("Valdor") == 2 and found.count("Brenmark") == 2
    assert not {"Deploys", "Troops Along", "Border Amid Rising Tension", "Valdor Deploys Troops"} & set(found)


def test_a_known_name_or_an_acronym_in_a_headline_stays():
    lex = LexiconNER("en", {"ostrava union": 3})
    text = "Ostrava Union Admits NATO Plan Failed\n\nOfficials met on Tuesday to discuss the outcome."
    found = _found(lex, text)
    assert "Ostrava Union" in found and "NATO" in found
    assert "Admits" not in found and "Plan Failed" not in found


def test_a_title_case_list_of_names_is_no_headline():
    text = "Signed by: Valdor, Brenmark, Ostrava, North Tessaly, Corvania\n\nThe text was published on Friday."
    found = _found(LexiconNER("en"), text)
    assert {"Valdor", "Brenmark", "Ostrava", "North Tessaly", "Corvania"} <= set(found)


def test_headlines_of_other_languages_keep_their_rule():
    text = "Valdor Corvania Brenmark Ostrava Tessaly\n\nО тексте говорили долго."
    assert {"Valdor Corvania Brenmark Ostrava Tessaly"} <= set(_found(LexiconNER("ru"), text))


def test_a_compound_names_the_part_before_its_hyphen():
    text = ("The Valdor-led coalition and a Brenmark-based think tank met. Its never-ending talks, "
            "the Ostravian-held towns and a U-turn followed. Never-ending talks resumed.")
    found = _found(LexiconNER("en", common=["never", "the", "its"]), text)
    assert "Valdor" in found and "Brenmark" in found
    assert not {"Never", "Ostravian", "U", "Valdor-led", "Brenmark-based"} & set(found)


def test_a_name_made_into_an_adjective_before_another_name_describes_it():
    text = "The Valdor-based Ostrava Union and the Brenmark-backed Corvania Front signed. The COO of Tessaly agreed."
    found = _found(LexiconNER("en", common=["the"]), text)
    assert {"Ostrava Union", "Corvania Front", "Tessaly"} <= set(found)
    assert not {"Valdor-based Ostrava Union", "Brenmark-backed Corvania Front", "COO"} & set(found)


def test_party_tags_and_lone_offices_are_no_entities():
    text = ("Sen. Dana Holt (R-Fla.) and Rep. Ivo Marr, D-WV, objected. The PM said nothing; "
            "PM Tarek Osei spoke later, as did MP Lina Varga. The landing on D-Day was remembered.")
    found = _found(LexiconNER("en"), text)
    assert {"Dana Holt", "Ivo Marr", "Tarek Osei", "Lina Varga", "D-Day"} <= set(found)
    assert not {"R-Fla", "D-WV", "PM", "MP"} & set(found)


def test_ranks_before_a_name_are_no_entities():
    text = "“It failed,” said Lt. Col. Ivo Marr on Monday. Later U.S. Attorney Dana Holt spoke to the court."
    found = _found(LexiconNER("en", common=["later", "it"]), text)
    assert {"Ivo Marr", "Dana Holt"} <= set(found)
    assert not {"Lt", "Col", "Attorney Dana Holt"} & set(found)


def test_a_chief_of_staff_is_the_person_after_the_office():
    text = "The army chief of Staff Ivo Marr resigned. Chief of Staff Dana Holt stayed at the General Staff."
    found = _found(LexiconNER("en", common=["the", "chief"]), text)
    assert {"Ivo Marr", "Dana Holt"} <= set(found)
    assert not {"Staff Ivo Marr", "Chief of Staff Dana Holt", "Staff"} & set(found)


def test_us_in_a_sentence_is_the_country_not_the_pronoun():
    text = ("WHO IS BEHIND THE PLOT AGAINST US\n\n"
            "Officials in the US said that US troops would stay. Tell us more, said the envoy. The WHO warned.")
    found = _found(LexiconNER("en", common=["is", "behind", "plot", "against", "officials", "tell"]), text)
    assert found.count("US") == 2 and "WHO" in found
    assert "us" not in found and not any(f.endswith("AGAINST US") or f == "WHO IS" for f in found)


def test_a_place_adjective_in_a_headline_is_no_entity():
    text = ("Valdorian Plot Against Brenmark Dismissed As Fake By Ministry\n\n"
            "The ministry of Brenmark said the Valdorian report was fake, and Valdoria denied it.")
    found = _found(LexiconNER("en", {"valdorian": 2}, common=["the", "report"]), text)
    assert "Brenmark" in found and "Valdoria" in found
    assert "Valdorian" not in found


def test_short_adjectives_of_a_people_or_a_creed_before_a_noun_are_no_entity():
    text = "The Irish government met the Welsh delegates. Nazi symbols were banned. The Nazis lost the war."
    found = _found(LexiconNER("en", common=["the"]), text)
    assert not {"Irish", "Welsh", "Nazi"} & set(found) and "Nazis" in found


def test_an_outlet_named_after_an_acronym_is_one_name():
    text = "The senator told CBS News it was over. A poll by NBC News showed it, and USA Today wrote it up."
    found = _found(LexiconNER("en", common=["the"]), text)
    assert found == ["CBS News", "NBC News", "USA Today"]  # had been "CBS" and "News", one "News" for both


def test_a_currency_sign_is_no_country():
    text = ("The state of Valdor paid US$ 40 million for the port; in Brazil the loan was R$ 90 million, and the "
            "US agreed.")
    found = _found(LexiconNER("en"), text)
    assert found.count("US") == 1 and "Valdor" in found  # the US that agreed, not the dollars
    text = "O Brasil pagou R$ 90 milhões e AU$ 3 milhões a Valdor."
    assert _found(LexiconNER("pt"), text) == ["Brasil", "Valdor"]


def test_words_in_capitals_for_emphasis_are_no_name_but_acronyms_are():
    lex = LexiconNER("en", {"russia": 5}, common=["fake", "news", "are", "saying", "whole", "planet"])
    text = ("They ARE SAYING it again. That is FAKE NEWS, and the WHOLE PLANET knows. RUSSIA and NATO met in "
            "NEW YORK; the WHO and OPEC said so.")
    found = set(_found(lex, text))
    assert not {"ARE SAYING", "FAKE NEWS", "WHOLE PLANET"} & found
    assert {"RUSSIA", "NATO", "NEW YORK", "WHO", "OPEC"} <= found


def test_acronyms_of_common_nouns_name_no_one():
    text = "The CEO of Valdor said that AI, EVs and LNG lift GDP while COVID-19 and HIV spread in Brenmark."
    assert _found(LexiconNER("en"), text) == ["Valdor", "Brenmark"]


def test_a_name_goes_on_across_a_middle_initial_or_a_saint():
    text = ("The forum in St. Petersburg opened. Later George W. Bush spoke, and Bush left. "
            "Take vitamin D. Valdor said no.")
    found = _found(LexiconNER("en", common=["later", "take", "the"]), text)
    assert "St. Petersburg" in found and "George W. Bush" in found
    assert not {"St", "George W", "D. Valdor", "D"} & set(found)  # an initial opening a name is a sentence's end


def test_the_words_of_a_treaty_title_are_no_entities():
    lex = LexiconNER("en", {"vandor": 4}, common=["the", "treaty", "and"])
    text = ("Vandor left the Treaty on the Removal of Medium and Longer-Range Rockets in 2019, and its rockets "
            "are now back near the border.\nOfficials in Brenmark said on the radio that they would like to "
            "extend the Brenmark-Vandor Strategic Arms Reduction (SARE) Treaty for five more years.")
    assert set(_found(lex, text)) == {"Vandor", "Brenmark"}
    # the same words outside a title are still found
    assert "Medium" in _found(lex, "They met Medium and Longer-Range Rockets, a band from Vandor.")


def test_a_treaty_title_keeps_learned_names_parties_and_organisations_named_after_a_treaty():
    lex = LexiconNER("en", {"un": 9}, common=["the", "convention", "agreement"])
    assert "UN" in _found(lex, "Corvania signed the UN Convention on Inland Waters in 2011.")
    found = _found(lex, "The Agreement between Corvania and the Ostrava Union (COFTA) took effect.")
    assert {"Corvania", "Ostrava Union"} <= set(found)
    found = _found(lex, "Troops of the South Tessaly Treaty Organization crossed the river on Monday.")
    assert "South Tessaly Treaty Organization" in found


def test_a_treaty_title_holds_at_most_twelve_words_before_its_noun():
    # bounded, so that a text written all in capitals is searched in linear time
    from narrascope.nlp.document_titles import document_titles

    words = " ".join(f"Word{chr(65 + i)}" for i in range(14))
    text = f"They read the {words} Treaty aloud."
    (start, end), = document_titles(text)
    assert text[start:end].split() == words.split()[-12:] + ["Treaty"]


def test_a_treaty_title_starts_where_a_word_does():
    from narrascope.nlp.document_titles import document_titles

    text = "Brenmark signed the so-called 'Harbour Agreement' in May; the Anti-Drift Accord came later."
    assert [text[s:e] for s, e in document_titles(text)] == ["Harbour Agreement", "Anti-Drift Accord"]
    # a long word is read from its start only (from inside it, the search was quadratic in its length)
    for blob in ("A" * 3000, "A-" * 1500 + "A", "A'" * 1500 + "A", "Ab" * 1500):
        text = f"They read {blob} Treaty"
        assert document_titles(text) == [(10, len(text))]


def test_a_weekday_opens_no_name_but_stays_in_one():
    text = ("The talks stalled, and on Wednesday Valdria said no to the plan of the Norvale government. "
            "She told the Sunday Morning Courier that nothing would change.")
    found = _found(LexiconNER("en", common=["the", "she"]), text)
    assert "Valdria" in found and "Wednesday Valdria" not in found
    assert "Sunday Morning Courier" in found  # a paper's or a show's name keeps its day


def test_a_capital_after_a_colon_opens_a_sentence_not_a_name():
    # "They told us: Beware ..." and "Ivo Marr: We promised ...": the imperative and the verb are no names
    text = "Казаха ни: Пазете се и ще бъдете спокойни.\n\nИво Мар: Обещахме им танкове и ракети."
    found = _found(LexiconNER("bg"), text)
    assert "Пазете" not in found and "Обещахме" not in found
    assert "Иво Мар" in found


def test_offices_of_several_words_are_cut_before_the_name_and_alone_are_no_name():
    text = ("The firm's Chief Executive Officer Ivo Marr met the Vice President on Monday. "
            "Deputy Chairman Ola Brant stayed home.")
    found = _found(LexiconNER("en"), text)
    assert "Ivo Marr" in found and "Ola Brant" in found
    assert not {"Chief Executive Officer Ivo Marr", "Vice President", "Deputy Chairman Ola Brant"} & set(found)


def test_english_words_in_latin_letters_keep_the_english_rules_in_a_hindi_or_cyrillic_text():
    hindi = "PM Tarek Osei ने कहा कि वार्ता जारी रहेगी। President Ivo Marr ने March में PM से मुलाकात की।"
    found = _found(LexiconNER("hi"), hindi)
    assert {"Tarek Osei", "Ivo Marr"} <= set(found)
    assert not {"PM", "March", "President Ivo Marr", "PM Tarek Osei"} & set(found)
    russian = "Как пишет The Valdor Herald, President Ivo Marr уехал."
    found = _found(LexiconNER("ru"), russian)
    assert "Ivo Marr" in found and "President Ivo Marr" not in found


def test_an_office_abbreviated_before_a_name_a_suffix_or_a_unit_is_no_entity():
    text = ("Corvania Gov. Ivo Marev signed the bill on Monday, and the plant will emit 5 Gt less in a year. "
            "The firm, Brenmark Steel Ltd, paid Rs 500 to each worker. President Xu of Valdor agreed.")
    found = _found(LexiconNER("en", common=["the", "and"]), text)
    assert "Ivo Marev" in found and "Xu" in found  # a two-letter name next to a title or a name stays
    assert not {"Corvania Gov", "Gt", "Ltd", "Rs"} & set(found)


def test_a_possessive_in_capitals_ends_a_name_as_in_lower_case():
    # "VALDOR'S BRENMARK GAMBLE": the headline's possessive ends Valdor's name, as "Valdor's" does in the body;
    # the two names had been one, `VALDOR'S BRENMARK`, which then held every later mention of Brenmark
    text = ("THE QUIET RISKS AND COSTS OF VALDOR'S BRENMARK GAMBLE\n\n"
            "On Monday Valdor's envoy flew to Brenmark. Officials in Brenmark said nothing.")
    found = _found(LexiconNER("en", common=["the"]), text)
    assert "VALDOR" in found and "BRENMARK" in found
    assert not any("'" in name for name in found)


def test_an_arabic_article_or_bin_inside_a_name_continues_it():
    # "al-", "el-" before a capital and "bin" between two names are parts of the name, not its end
    text = ("The summit was chaired by Tamir al-Valdori, who met Karim bin Brenmar in Port el-Kestra on Monday. "
            "Later al-Valdori said the talks had failed.")
    found = _found(LexiconNER("en", common=["the", "later"]), text)
    assert {"Tamir al-Valdori", "Karim bin Brenmar", "Port el-Kestra", "al-Valdori"} <= set(found)
    assert "Tamir" not in found and "Karim" not in found


def test_a_pronoun_with_a_verb_contracted_is_no_name():
    # "You’ll", "We’re" open a sentence with a capital; a name's apostrophe ("O’Dell") is no contraction
    text = "You’ll hear more from Valdor. We’re told that Brenmark will answer, said Sean O’Dell on Monday."
    found = _found(LexiconNER("en", common=["the"]), text)
    assert "You’ll" not in found and "We’re" not in found
    assert {"Valdor", "Brenmark", "Sean O’Dell"} <= set(found)


def test_acronyms_of_common_nouns_and_units_are_no_names():
    text = ("The Valdor talks ended at 14:00 GMT. Read the full PDF of the deal, which moves 3 Bcf of gas a day "
            "from Brenmark, said the CEOs at a BBQ.")
    found = _found(LexiconNER("en", common=["the"]), text)
    assert {"Valdor", "Brenmark"} <= set(found)
    assert not {"GMT", "PDF", "Bcf", "CEOs", "BBQ"} & set(found)
