"""A pronoun that reports words names the speaker the article named just before, where that is clear
(`nlp.pronoun_speakers`, read through `nlp.article_attributions`). Invented sentences."""
from __future__ import annotations

import pytest

from narrascope.nlp.article_attributions import attribute_sentences
from narrascope.nlp.pronoun_speakers import one_person
from narrascope.nlp.text import sentences


def named(text: str) -> list[str | None]:
    return [a.named_source if a.attributed else None for a in attribute_sentences(text, sentences(text))]


@pytest.mark.parametrize("text, last", [
    # the speaker named just before, and on through a chain of pronouns
    ("Ivo Marev said the port would stay shut. He added that the talks had failed.", "Ivo Marev"),
    (("Ivo Marev said the port would stay shut. He added that the talks had failed. He also said the border "
     "would open."), "Ivo Marev"),
    # a quote that goes on without naming its speaker stands between
    (("“The port will stay shut,” said Ana Lima. “Nobody will pass. Nobody at all.” She added that the talks "
     "had failed."), "Ana Lima"),
    # a singular office speaks as a person
    ("The foreign minister said the port would stay shut. He added that the talks had failed.",
     "The foreign minister"),
    ("Министърът заяви, че пристанището остава затворено. Той добави, че преговорите са се провалили.",
     "Министърът"),
    ("Мария Петрова заявила, что порт останется закрытым. Она добавила, что переговоры провалились.",
     "Мария Петрова"),
    ("O ministro Rui Matos disse que o porto vai continuar fechado. Segundo ele, as negociações falharam.",
     "O ministro Rui Matos"),
    ("पेत्रोव ने कहा कि बंदरगाह बंद रहेगा। उन्होंने कहा कि बातचीत विफल हो गई।", "पेत्रोव"),
    # "Segundo a mesma" (according to her) names her
    ("A ministra Ana Lima disse que o porto vai continuar fechado. Segundo a mesma, as negociações falharam.",
     "A ministra Ana Lima"),
])
def test_a_pronoun_names_the_speaker_just_before(text, last):
    assert named(text)[-1] == last


@pytest.mark.parametrize("text", [
    # someone else is named in between: "he" may be that one
    "Ivo Marev said the port would stay shut. Ana Lima arrived in the city later. He added that the talks had failed.",
    ("Ivo Marev said the port would stay shut. Lima arrived in the city later, as Lima had promised. He added that "
    "the talks had failed."),
    # the speaker before is a body, an outlet or a group, not one person
    "The ministry said the port would stay shut. He added that the talks had failed.",
    "The Valdor Herald reported that the port would stay shut. She added that the talks had failed.",
    "Officials said the port would stay shut. He added that the talks had failed.",
    # the name's gender is not the pronoun's
    "Мария Петрова заявила, что порт останется закрытым. Он добавил, что переговоры провалились.",
    # a name in Latin letters in a Bulgarian text is an outlet's
    "Пристанището остава затворено, пише Valdor Review. Той добави, че преговорите са се провалили.",
    # Hindi writes no capitals to tell a name: a sentence of the article's own in between may name someone
    "पेत्रोव ने कहा कि बंदरगाह बंद रहेगा। वालदोर के राष्ट्रपति भी शहर पहुंचे। उन्होंने कहा कि बातचीत विफल हो गई।",
    # a report whose speaker was not found, the country named before only in a genitive there ("of Valdor")
    ("Valdor: as pontes fecharam. As pontes foram fechadas, declarou o comandante da Guarda Costeira de "
     "Valdor. Segundo o mesmo, três pontes continuam fechadas."),
    # too far back
    ("Ivo Marev said the port would stay shut. The port is old. Ships wait. Trade is slow. He added that the talks "
    "had failed."),
])
def test_a_pronoun_stays_unnamed_where_the_text_leaves_it_open(text):
    assert named(text)[-1] is None


def test_a_pronoun_inside_quoted_words_is_not_the_speaker():
    # the verb inside the quote is the quoted words' own: who said them is the aide, not "he"
    text = "Ivo Marev said the port would stay shut. “He has said so before, and we agree,” an aide said."
    assert named(text)[-1] == "an aide"


def test_a_plural_pronoun_is_not_resolved():
    assert named("Ivo Marev said the port would stay shut. They added that the talks had failed.")[-1] is None


@pytest.mark.parametrize("source, person", [
    ("Ivo Marev", True), ("Mr. Marev", True), ("the foreign minister", True), ("министърът", True),
    ("the Kremlin", False), ("The Valdor Herald", False), ("VWS", False), ("a press release", False),
    ("officials", False), ("सरकार", False), ("खबरों", False),
])
def test_one_person(source, person):
    assert one_person(source) is person


@pytest.mark.parametrize("text, last", [
    # the sentence before opens on the one person it names, as its subject
    ("Port Director Ivo Marev has decided to keep the gates shut. He said that the talks had failed.", "Ivo Marev"),
    ("Earlier, Ana Lima, the head of the dockers' union, met the crews in Norvale. She said the strike would go on.",
     "Ana Lima"),
    ("Marev visited the docks on Monday. He said that the talks had failed. Nobody asked Marev why.", "Marev"),
    (("Валдорският министър Иван Петров, който пристигна вчера, посети пристанището. Той каза, че преговорите са се "
     "провалили."), "Иван Петров"),
    # quoted words between the subject and the pronoun
    ("Ivo Marev toured the docks. “The gates stay shut. Nobody passes,” he said.", "Ivo Marev"),
])
def test_a_pronoun_names_the_subject_of_the_sentence_before(text, last):
    assert next(n for n in named(text) if n) == last


@pytest.mark.parametrize("text", [
    # the sentence names someone else too, or two subjects
    "Ivo Marev met Ana Lima at the docks. He said that the talks had failed.",
    "Ivo Marev and Ana Lima toured the docks. He said that the talks had failed.",
    # a speaker named before could be "he" as well
    "Rui Matos said the port would stay shut. Ivo Marev toured the docks. He added that the talks had failed.",
    # a sentence of the article's own that names someone stands between
    "Ivo Marev toured the docks. Later, Matos arrived. He said that the talks had failed.",
    # a capitalised first word that the article writes in lower case elsewhere is no name
    "Electric cranes stood idle. He said that the electric cranes had failed.",
    # a Russian sentence may open on its object: "Австралийцев" is whom Petrov upset, not a name
    "Валдорцев Петров заставил понервничать. Он сказал, что переговоры провалились.",
])
def test_a_subject_before_is_not_taken_where_it_may_be_someone_else(text):
    assert named(text)[-1] is None


@pytest.mark.parametrize("text, last", [
    # "according to him" and "по его словам" stand for the speaker as "he" does
    ("Ivo Marev said the port would stay shut. According to him, the talks had failed.", "Ivo Marev"),
    ("Ana Lima said the port would stay shut. According to her, the talks had failed.", "Ana Lima"),
    ("Иван Петров заявил, что порт останется закрытым. По его словам, переговоры провалились.", "Иван Петров"),
    ("Иван Петров заяви, че пристанището остава затворено. Според него преговорите са се провалили.", "Иван Петров"),
    ("Мария Петрова заяви, че пристанището остава затворено. По думите ѝ преговорите са се провалили.",
     "Мария Петрова"),
])
def test_an_oblique_pronoun_names_the_speaker_just_before(text, last):
    assert named(text)[-1] == last


def test_a_bulgarian_pronoun_that_may_stand_for_a_thing_takes_no_subject():
    # "него" may be the report's words as well as Petrov's: only a speaker named before resolves it
    text = "Иван Петров представи доклада вчера. Според него преговорите са се провалили. Попитахме Иван за това."
    assert named(text)[-2] is None
    # "той" may not: the same sentence before names its subject
    he = "Иван Петров представи доклада вчера. Той каза, че преговорите са се провалили. Попитахме Иван за това."
    assert named(he)[-2] == "Иван Петров"


@pytest.mark.parametrize("text, last", [
    # a verb of saying that opens a sentence without its subject: the speaker named before
    ("O ministro Rui Matos disse que o porto vai continuar fechado. Acrescentou que as negociações falharam.",
     "O ministro Rui Matos"),
    ("Иван Петров заяви, че пристанището остава затворено. Добави, че преговорите са се провалили.", "Иван Петров"),
    ("Мария Петрова заявила, что порт останется закрытым. Добавила, что переговоры провалились.", "Мария Петрова"),
    # ... of the gender the Russian verb shows, and not through a sentence that names someone else
    ("Мария Петрова заявила, что порт останется закрытым. Добавил, что переговоры провалились.", None),
    ("Rui Matos disse que o porto vai fechar. Ana Lima visitou Valdor na terça. Acrescentou que a ponte abre.", None),
    # an impersonal or reflexive form names nobody
    ("Rui Matos disse que o porto vai fechar. Acredita-se que a ponte vai abrir.", None),
])
def test_a_dropped_subject_names_the_speaker_just_before(text, last):
    assert named(text)[-1] == last


def test_a_verb_split_from_its_quote_names_who_said_the_quote():
    text = "“The port will stay shut for a year.”\nsaid Ana Lima of the Harbour Board."
    found = attribute_sentences(text, sentences(text))
    assert [a.named_source for a in found] == ["Ana Lima", "Ana Lima"] and found[1].refers_back


@pytest.mark.parametrize("text, last", [
    # a Portuguese verb after the quote, with no subject: the speaker named before
    ('Rui Matos disse que o porto vai fechar. "A ponte também fecha", acrescentou.', "Rui Matos"),
    ("Rui Matos disse que o porto vai fechar. No entanto, acrescentou que a ponte abre.", "Rui Matos"),
    ('Rui Matos disse que o porto vai fechar. "A ponte também fecha", disse ainda.', "Rui Matos"),
    ('Rui Matos disse que o porto vai fechar. "A ponte também fecha", disse, citado pela rádio do porto.', "Rui Matos"),
    # ... but not where a subject follows the phrase: someone else speaks
    ('Rui Matos disse que o porto vai fechar. "A ponte também fecha", disse, no cais, a ministra Ana Lima.',
     "a ministra Ana Lima"),
    # a role that opens the sentence before, named as its speaker
    (('Rui Matos disse que o porto vai fechar. O Alto Comissário do Porto afirma ainda que a ponte abre. '
     '"O rio sobe", refere também.'), "O Alto Comissário do Porto"),
    # not past a report whose speaker was not found but whose sentence names someone ...
    (('Rui Matos disse que o porto vai fechar. "A ponte abre", escreveram ontem no Telegram o governador Ivo Marev '
      'e a ministra Ana Lima. "O rio sobe", acrescentou.'), None),
    # ... unless it names the same one
    (('Rui Matos disse que o porto vai fechar. "A ponte abre", escreveu o presidente da câmara Rui Matos no '
      'Telegram. "O rio sobe", acrescentou.'), "o presidente da câmara Rui Matos"),
])
def test_a_dropped_subject_after_the_quote_names_the_speaker_before(text, last):
    assert named(text)[-1] == last
