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
    # the pronoun is inside someone's quoted words
    "Ivo Marev said the port would stay shut. “He has said so before, and we agree,” an aide said.",
    # Hindi writes no capitals to tell a name: a sentence of the article's own in between may name someone
    "पेत्रोव ने कहा कि बंदरगाह बंद रहेगा। वालदोर के राष्ट्रपति भी शहर पहुंचे। उन्होंने कहा कि बातचीत विफल हो गई।",
    # too far back
    ("Ivo Marev said the port would stay shut. The port is old. Ships wait. Trade is slow. He added that the talks "
    "had failed."),
])
def test_a_pronoun_stays_unnamed_where_the_text_leaves_it_open(text):
    assert named(text)[-1] is None


def test_a_plural_pronoun_is_not_resolved():
    assert named("Ivo Marev said the port would stay shut. They added that the talks had failed.")[-1] is None


@pytest.mark.parametrize("source, person", [
    ("Ivo Marev", True), ("Mr. Marev", True), ("the foreign minister", True), ("министърът", True),
    ("the Kremlin", False), ("The Valdor Herald", False), ("VWS", False), ("a press release", False),
    ("officials", False), ("सरकार", False), ("खबरों", False),
])
def test_one_person(source, person):
    assert one_person(source) is person
