"""Who is named as the speaker of a reported claim (nlp/speakers.py through nlp/attribution.py): the name,
not the words around it; no name rather than a wrong one. Sentences are invented for the tests."""
from __future__ import annotations

import pytest

from narrascope.nlp.attribution import attribute


@pytest.mark.parametrize("sentence, speaker", [
    # "according to" without a comma after the source: the name ends where the clause starts
    ("Според Макгрегър политическата ситуация в Европа ще се промени скоро.", "Макгрегър"),
    ("По данни на Рьопке цивилна техника се хвърля в боевете всеки ден.", "Рьопке"),
    # after the verb, a name after its role in the nominative ("animal researcher Ana Lima"), not in another case
    ("The port will stay shut, said University of Valdor port researcher Ana Lima.", "Ana Lima"),
    ("Портът остава затворен, каза днес валдорският министър Иван Петров.", "Иван Петров"),
    ("Порт закрыт, — отметил командующий силами альянса в Европе генерал Иван Петров.", "Иван Петров"),
    # a name, then a description with commas of its own, then the verb; not a claim's subject before "said X"
    ("Ivo Marev, who heads the port authority, which runs four harbours, said the bridge would close.", "Ivo Marev"),
    ("O porta-voz da câmara, Rui Matos, ao comentar a decisão, afirmou que a ponte vai fechar em maio.", "Rui Matos"),
    ("However, Ana Lima, speaking to reporters in Norvale, said the port was safe.", "Ana Lima"),
    ("Rui Matos, o ministro do Mar, é quem mais visita o porto, e falou durante horas, disse uma fonte da delegação.",
     "uma fonte da delegação"),
    # where or when it was said, after the name that follows the verb, is no part of the speaker; where one serves is
    ("O porto vai fechar em maio, disse Ivo Marev na inauguração da feira do mar.", "Ivo Marev"),
    ("Портът ще бъде затворен, заяви Иван Петров по време на визита в пристанището.", "Иван Петров"),
    ("Порт закроют, заявил посол Валдории в Норвалии Иван Петров.", "Иван Петров"),
    # a closed bracket that no name follows is no clause break; before a name or a dateline's dash it is one
    ("Ana Lima (R-Norvale) said the bridge would close in May.", "Ana Lima"),
    ("वालदोर की खुफिया एजेंसी (वीआईए) ने एक लिखित बयान में कहा, 'पुल बंद रहेगा।'", "वालदोर की खुफिया एजेंसी"),
    ("O ex-presidente do Instituto do Mar (IMV) Rui Matos alerta que o porto vai fechar.", "Rui Matos"),
    ("NORVALE (Valdor Wire) -- Ivo Marev said the port would close within a week.", "Ivo Marev"),
    ("उस समय इवो मारेव ने कहा कि पुल बंद रहेगा।", "इवो मारेव"),  # "at that time": no part of the name
    # a role after the verb with no name after it is the speaker, without where it was said
    ("O porto vai fechar, escreveu o ministro do Mar de Valdor na sua página.", "o ministro do Mar de Valdor"),
    # a relative "according to which" after a verb of saying leaves the verb's speaker
    ("Иван Петров добави, че Ана Лима е написала доклад, според който портът ще бъде затворен.", "Иван Петров"),
    # past when or where it was said, between commas after the verb
    ("O porto vai fechar, disse, em conversa com a rádio, Ana Lima, ministra do Mar.", "Ana Lima"),
    # a document or a count names its maker, not itself; a date is no maker
    ("According to figures from the Harbour Board, the port lost one ship in three.", "the Harbour Board"),
    ("The river rose by two metres, according to figures compiled by Ivo Marev.", "Ivo Marev"),
    ("O porto perdeu 300 empregos, segundo os números do Instituto do Mar de Valdor.",
     "Instituto do Mar de Valdor"),
    # ... also where a comma closes the claim's first clause, not the source
    ("Според доклада трите най-сухи години, отчетени в региона, са от последното десетилетие.", "доклада"),
    ("Според \"Норвалски вестник\" местният съвет е гласувал, без да пита кметовете.", "Норвалски вестник"),
    # ... a pronoun is a source but no name, a relative pronoun opens a clause
    ("Според него врагът готви нова атака по въздуха.", None),
    ("Миналата година излезе доклад, според който теченията могат да спрат.", None),
    ("A guerra, segundo disse o ministro, vai durar muitos anos ainda.", "o ministro"),  # who, after the verb
    ("O porto fecha em maio, segundo avançou ontem a agência Norte.", "a agência Norte"),
    # whom a speaker met is no speaker: "с" and the instrumental
    ("Глава Норвалии Иван Петров на встрече с президентом Валдории Петром Ивановым заявил, что порт закроют.", None),
    ("A guerra, segundo recordou hoje a agência Valdor Press, vai durar.", "a agência Valdor Press"),  # not "recordou"
    ("Според мен САЩ са наистина притеснени от всичко това.", None),
    # a time or manner adverb is not part of the name
    ("Ранее Зеленский заявил, что переговоры возможны только с посредниками.", "Зеленский"),
    ("По-рано Карлсън съобщи, че е в Москва за интервю.", "Карлсън"),
    ("Рафаэль Гросси неоднократно говорил, что станция в опасности.", "Рафаэль Гросси"),
    # ... nor is a form of "be" before the verb ("had said", "we were warned": nobody named)
    ("Шойгу беше заявил, че войските напредват бавно.", "Шойгу"),
    ("Москва нееднократно е заявявала, че е готова за разговори.", "Москва"),
    ("Били сме предупреждавани за жегите от години.", None),
    ("Според вас кой ще плати сметката за тока?", None),
    # a headline "X: claim" names X up to a preposition; not a pronoun, a shout, or a topic tag
    ("Зеленски за Путин: той никога няма да спре войната", "Зеленски"),
    ("Например: сушата вече е тук, в цяла Европа.", None),  # "for example" announces, nobody speaks
    # a possessive's apostrophe is no quotation mark: the name in apposition before the verb speaks
    ("Valdor’s governor, Ivo Marr, accused the oil firms of hiding the risks.", "Ivo Marr"),
    ("Valdor's chief negotiator, Ivo Marr, stressed that the talks would go on.", "Ivo Marr"),
    ("Biden on Putin: he wants a long war in Europe", "Biden"),
    ("Гласът на Путин: няма условия за преговори", "Гласът на Путин"),
    ("Он также уточнил: «Противник отступил от города»", None),
    ("УЧЕНИ АЛАРМИРАТ: идват катастрофални промени", None),
    ("Russia Ukraine War: रूस ने फिर से बड़ा हमला किया", None),
    # Hindi: what is said in the passive has no named speaker; a conjunction before the name is not in it
    ("इसे दुनिया का सबसे बड़ा संकट माना जा रहा है।", None),
    ("लेकिन विश्लेषकों का कहना है कि यह नीति काम नहीं करेगी।", "विश्लेषकों"),
    # Hindi particles and conjunctions before the speaker are not in the name; a genitive and "एक" are
    ("भले ही मोदी ने कहा कि बातचीत जारी रहेगी।", "मोदी"),
    ("तब पीएम मोदी ने कहा कि भारत शांति चाहता है।", "पीएम मोदी"),
    # the relative pronoun "जो" (which) is no part of the source; Joe (Biden) is
    ("हमला एक उदाहरण है जो संयुक्त राष्ट्र चार्टर के मुताबिक नहीं हुआ था।", "संयुक्त राष्ट्र चार्टर"),
    ("जो बाइडेन ने कहा कि हम जीतेंगे।", "जो बाइडेन"),
    # an adverb between the speaker and the verb, and "expressed confidence" as one report
    ("Министр сначала заявил, что переговоры возможны.", "Министр"),
    # a Russian office before its country in the genitive is the speaker; before a name, the name is
    ("В середине июня президент Валдории сообщил, что готов к переговорам.", "президент Валдории"),
    ("Вчера президент Марр сообщил, что готов к переговорам.", "Марр"),
    # a place or body after the subject belongs to it; a manner of speaking does not
    ("Regional authorities in Valdor said the road was closed.", "Regional authorities in Valdor"),
    ("Economists at Brenbank have said the curbs could add to inflation.", "Economists at Brenbank"),
    ("Marr in a prepared statement said he would resign.", "Marr"),
    ("По-късно Петров каза, че при удара няма загинали.", "Петров"),
    # an oblique relative pronoun or a question word is no subject
    ("Суд обратил внимание на офицеров, которых начали обвинять в том, что они виновны.", None),
    ("Сторона не смогла объяснить, почему считает себя правой.", None),
    ("Премьер-министр выразил уверенность в том, что отношения укрепятся.", "Премьер-министр"),
    # a time adverbial before the speaker is no part of it (earlier; on Thursday morning)
    ("इससे पहले यूक्रेन की सेना ने दावा किया था कि पुल टूट गया है।", "यूक्रेन की सेना"),
    ("गुरुवार सुबह रक्षा मंत्री ने कहा कि सेना तैयार है।", "रक्षा मंत्री"),
    ("यूरोपीय आयोग के एक अधिकारी ने कहा कि प्रतिबंध जारी रहेंगे।", "यूरोपीय आयोग के एक अधिकारी"),
    ("कोरिया के नेता किम जोंग उन ने कहा कि वे तैयार हैं।", "कोरिया के नेता किम जोंग उन"),
    ("Както самият Джордж Клуни обясни по-късно, фондацията сгреши.", "Джордж Клуни"),  # "As ... explained"
    ("Тогава Москва отговори, че войските остават близо до града.", "Москва"),
    # a time adverbial between the verb and the name that follows it is not part of the name
    ("Há 600 mil soldados na zona de combate, disse esta sexta-feira Vladimir Putin, presidente.", "Vladimir Putin"),
    ("O envio de tropas é um erro, afirmou este sábado (2) que a União deve parar.", None),
    ("The talks have failed for good, said on Tuesday Peskov.", "Peskov"),
    # an office that heads what it names is the speaker, not the ministry (English and Portuguese)
    ("Por fim, o ministro dos Negócios Estrangeiros russo disse que a bola está do lado de Kiev.",
     "ministro dos Negócios Estrangeiros russo"),
    ("Yet the head of MI6 said that the war is far from over.", "head of MI6"),
    # "in turn" between the speaker and the verb is not part of the name
    ("Путин на свой ред заяви, че Москва не изключва сътрудничество.", "Путин"),
    ("Лавров в свою очередь заявил, что переговоры возможны.", "Лавров"),
    ("The jets are fine, according to Bill Gates himself, who spoke to the press.", "Bill Gates"),
    # what a preposition governs is not the subject ("after meeting Putin, Orban wrote"); "В Кремле заявили" is
    ("Петров после встречи с Орловым написал письмо о мире в регионе.", None),
    ("В обръщението си към Народното събрание президентът Иван Петров предупреди, че зимата ще е тежка.",
     "Иван Петров"),
    ("В Кремле заявили, что переговоры возможны только весной.", "Кремле"),
    # Hindi: "X का मानना है कि" (X believes that) names X; "this" and "also" before the verb are not the speaker
    ("विशेषज्ञों का मानना है कि बंदरगाह जल्द बंद होगा।", "विशेषज्ञों"),
    ("जबकि वालदोर का मानना है कि बंदरगाह खुला रहेगा।", "वालदोर"),
    ("वालदोर के मंत्री यह भी कहते हैं कि बंदरगाह जल्द बंद होगा।", "वालदोर के मंत्री"),
    ("पेत्रोव अक्सर दावा करते रहे हैं कि बंदरगाह बंद रहेगा।", "पेत्रोव"),  # "often"
    ("पेत्रोव लगातार कहते रहे हैं कि बंदरगाह बंद रहेगा।", "पेत्रोव"),  # "repeatedly"
    ("जासूसी के आरोप में उसे गिरफ्तार किया गया था।", None),
    # degree words before an adverb and the verb are no part of the speaker
    ("Ivo Marev also rather firmly said that the port is closed.", "Ivo Marev"),
    ("The port authority has even announced a new berth.", "The port authority"),
    # unchanged: a comma ends the source, lower-case words and all
    ("According to the Red Cross, the camp has no water left.", "the Red Cross"),
    ("По данным Всемирной организации здравоохранения, число случаев выросло.", "Всемирной организации здравоохранения"),
    ("Согласно сообщению Минобороны, войска отошли от города.", "Минобороны"),  # "according to the report of"
])
def test_the_speaker_shown_is_the_name_alone(sentence, speaker):
    found = attribute(sentence)
    assert found.named_source == speaker, found


@pytest.mark.parametrize("sentence", [
    "УЧЕНИ АЛАРМИРАТ: идват катастрофални промени", "Russia Ukraine War: रूस ने फिर से बड़ा हमला किया",
    "Источник: Telegram-канал администрации города",
])
def test_a_topic_tag_before_a_colon_makes_no_reported_speech(sentence):
    assert not attribute(sentence).attributed


@pytest.mark.parametrize("sentence", [
    # participles, adjectives and nouns of the stems of reporting verbs report nobody's words
    "Резултатът от така наречената мирна среща беше нулев.",  # so-called
    "Горещата вълна бе наречена Цербер от метеоролозите.",  # was named
    "Горещите вълни, считани преди за редки, сега идват всяка година.",  # considered
    "Конкуренцията, смятана за нелоялна, срина цените.",
    "Армията даде предупредителни изстрели над реката.",  # warning shots
    "Те са обвинявани за всички беди на региона.",  # a Russian stem that meets a Bulgarian participle
    "Кремль задает тренд на «мнимое отрицание».",  # denial, a noun
    "Между целью и ударом проходят считанные минуты.",  # a few
    # a Russian infinitive reports nothing, nor Russian words that a Bulgarian stem meets ("казаки": Cossacks)
    "Тут можно добавить, что Валдор заинтересован только в своих рынках.",
    "Но обвинять Валдор в этом преступлении абсурдно.",
    "Всегда казалось, что город близко, а шли к нему долго.",
    "После битвы казаки потеряли всякую автономию.",
    # ... and Bulgarian words that a Russian stem meets, and the author's "let us add"
    "САЩ и съюзниците полагат усилия да намерят лития.",
    "Жегите имат отрицателно въздействие върху рибите.",
    "Армията уверено напредва към града.",
    "Добавим, что министр часто бывает в регионе.",
    # a Portuguese cue after a preposition is a noun; "chama a atenção" draws attention
    "As cidades ficaram em alerta máximo durante a semana.",
    "Os sistemas de alerta precoce chegam a apenas 8% das aldeias.",
    "Este dia chama a atenção para a preservação da natureza.",
    # "added" whose object is a thing, not words
    "New lockdowns in Valdor have added further uncertainty to the recovery.",
    "The poisoning of the envoy adds a sinister dimension to the conflict.",
    "The plant brings 2 million in added value per year.",
])
def test_words_that_share_a_reporting_verbs_stem_report_nothing(sentence):
    assert not attribute(sentence).attributed, attribute(sentence)


def test_bulgarian_said_and_russian_confidence_still_report():
    assert attribute("Марр каза, че границата остава затворена.").named_source == "Марр"
    assert attribute("Марр выразил уверенность в том, что граница останется закрытой.").attributed
    assert attribute("Марр изрази увереност, че границата ще остане затворена.").named_source == "Марр"


def test_a_portuguese_verb_of_warning_still_reports():
    assert attribute("O ministro Rui Marr alerta que a seca vai piorar.").named_source == "O ministro Rui Marr"


def test_added_still_reports_words():
    assert attribute('"No one should go hungry," he added jokingly.').attributed
    assert attribute("Marr added that the border would stay closed.").named_source == "Marr"


@pytest.mark.parametrize("sentence, speaker, claim", [
    # a subject and its apposition before the verb: the name speaks, and what follows the verb is said
    ("O ministro da Defesa do Valdor, Rui Matos, rejeita a ideia de enviar tropas para a fronteira.", "Rui Matos",
     "a ideia de enviar tropas para a fronteira"),
    ("Ana Lima, a spokesperson for the group, told reporters that the talks had failed.", "Ana Lima",
     "the talks had failed"),
    # a quotation before the verb is what is said, however short
    ("“We will not go,” said Ana Lima, a spokesperson for the group.", "Ana Lima", "We will not go"),
    # ... also before "that", after an adverb ("disse anteriormente que")
    ("O ministro do Valdor, Rui Matos, disse anteriormente que a fronteira está fechada.", "Rui Matos",
     "a fronteira está fechada"),
    ("Ana Lima, a spokesperson for the group, said that the talks had failed.", "Ana Lima", "the talks had failed"),
    # ... however long the description, with no "that" after the verb (it had read as "CLAIM, said X")
    ("Ivo Marev, an old friend of the mayor and the head of the port authority, said Valdor should stay neutral.",
     "Ivo Marev", "Valdor should stay neutral"),
    # the name that ends an office's complement speaks, not the body or country before it
    ("Пристанището е затворено, а говорителят на Кремъл Иван Петров заяви, че всичко е наред.", "Иван Петров",
     "всичко е наред"),
    ("Подполковникът от САЩ Иван Петров добави, че пристанището е затворено.", "Иван Петров",
     "пристанището е затворено"),
    ("Советник главы офиса президента Валдории Иван Петров заявил, что порт закрыт.", "Иван Петров", "порт закрыт"),
    ("Так, командир третьей бригады ВВС Иван Петров отметил, что порт закрыт.", "Иван Петров", "порт закрыт"),
    # a name with its office may run to six words; a participle clause describes it as an apposition does
    ("Port Authority Secretary General Ivo Marev, dismissing the plan, called on the crews to wait for the report.",
     "Port Authority Secretary General Ivo Marev", "on the crews to wait for the report"),
    # a clause is no apposition ("Pity that they are nothing more, writes the paper")
    ("Жалко, че не са нищо повече, пише вестникът.", None, "Жалко, че не са нищо повече"),
    # "in his words" names its source by a pronoun: what follows is said, and names nobody
    ("По думите му Валдор и съюзниците му ще платят за всичко.", None, "Валдор и съюзниците му ще платят за всичко"),
])
def test_the_reported_words_follow_a_subject_with_its_apposition(sentence, speaker, claim):
    found = attribute(sentence)
    assert found.named_source == speaker and sentence[found.claim[0] : found.claim[1]].rstrip(".,”") == claim, found


@pytest.mark.parametrize("sentence, source", [
    ("Според различни източници Валдор е загубил много танкове.", "различни източници"),
    ("Според местните власти Норвалската република не е поканена.", "местните власти"),
    # an office before a full name, an agency before its name: one source
    ("Според анализатора Иван Петров загубите растат.", "анализатора Иван Петров"),
    ("Според информационна агенция АФП жертвите са трима.", "информационна агенция АФП"),
])
def test_a_plural_noun_after_according_to_is_the_source_not_the_office_of_the_name_after_it(sentence, source):
    assert attribute(sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    # a capitalised adjective goes on in lower case, the feminine ones in "-на" too
    ("Горещините ще зачестят до 2030 г., според Валдорската държавна агенция.", "Валдорската държавна агенция"),
    ("Според Валдорската здравна служба около 400 души са пострадали.", "Валдорската здравна служба"),
])
def test_a_bulgarian_name_runs_on_through_its_lower_case_adjectives(sentence, source):
    assert attribute(sentence).source == source


@pytest.mark.parametrize("sentence, source, claim", [
    # Bulgarian writes no comma after "Според X": the claim opens where the source ends
    ("Според учените сушите в Норвалия зачестяват.", "учените", "сушите в Норвалия зачестяват"),
    ("Според Ирена Валдова мостът е затворен, а пътят също.", "Ирена Валдова", "мостът е затворен, а пътят също"),
    ("По оценки на Валдорския институт горещите вълни са най-опасни.", "Валдорския институт",
     "горещите вълни са най-опасни"),
    # a connector goes on with the source: where it ends is not known, so no claim is cut out
    ("Според Министерството на водите на Валдор реката е пресъхнала, съобщиха медиите.", None, None),
    ("По сообщениям СМИ, его планировали арестовать.", "СМИ", "его планировали арестовать"),
    ("По версии следствия, мужчина готовил поджог склада.", "следствия", "мужчина готовил поджог склада"),
    ("По думите й мостът е затворен от седмица.", None, "мостът е затворен от седмица"),
    # a source longer than the words read for it, or with its role after a dash: the comma ends it
    ("По думите на министъра на външните работи на Валдор Иво Марев, границата остава затворена.",
     "министъра на външните работи на Валдор", "границата остава затворена"),
    ("По думите на Иво Марев - съветник на президента на Валдор, границата остава затворена.", None,
     "границата остава затворена"),
])
def test_according_to_at_the_opening_without_a_comma(sentence, source, claim):
    found = attribute(sentence)
    assert found.attributed
    if source:
        assert found.source == source, found
    got = sentence[found.claim[0] : found.claim[1]].rstrip(".") if found.claim else None
    assert got == claim, found


def test_an_estimate_inside_a_reported_clause_leaves_the_report_its_speaker():
    sentence = "Он отметил, что полиция ищет рыбаков, которые, по версии следствия, якобы продавали улов."
    found = attribute(sentence)
    assert found.source == "Он" and found.cue != "по версии"


@pytest.mark.parametrize("sentence, source, claim", [
    # a long tail after the verb says where and when, not what
    ("“Valdor will not give up the bridge,” Ivo Marev said in a video address to the Norvale forum.", "Ivo Marev",
     "Valdor will not give up the bridge"),
    ('"We call on everyone to stay calm and to report what they see," Marev said, per Reuters.', "Marev",
     "We call on everyone to stay calm and to report what they see"),
    # a reporting verb inside the quote is no cue of its own
    ("„Мостът ще бъде затворен, смятат инженерите, до пролетта“, каза Марев.", "Марев",
     "Мостът ще бъде затворен, смятат инженерите, до пролетта"),
    # a name in quotation marks before the speaker, who brings his own quote after a colon
    ("Комментируя видео с завода «Норвал», блогер Иво Марев написал: «Это никто не покажет».",
     "Иво Марев", "Это никто не покажет"),
])
def test_a_quote_closed_before_its_speaker_is_what_the_speaker_said(sentence, source, claim):
    found = attribute(sentence)
    assert found.source == source and sentence[found.claim[0] : found.claim[1]] == claim, found


def test_an_outlet_in_quotation_marks_leaves_the_report_before_it_its_cue():
    found = attribute('Това каза говорителят Иво Марев, в интервю за "Известия", цитирано от ТАСС.')
    assert found.cue == "каза" and found.refers_back


@pytest.mark.parametrize("sentence, claim", [
    # what follows the verb opens the reported clause: the quote before it was a show's title
    ("In an interview on “Norvale Today,” Marev said the bridge would stay closed.", "the bridge would stay closed"),
    # whom it was told to, or who is quoted, is no clause of its own
    ("“The bridge stays closed,” Marev told The Daily Norvale.", "The bridge stays closed"),
    ("“The bridge stays closed,” the agency quoted the ministry as saying.", "The bridge stays closed"),
])
def test_a_quote_before_the_verb_and_a_clause_after_it(sentence, claim):
    found = attribute(sentence)
    assert sentence[found.claim[0] : found.claim[1]] == claim, found


def test_a_term_in_quotation_marks_before_a_call_for_something_is_not_what_was_called_for():
    sentence = "Marev talks about a “diplomatic settlement”, and the council calls for raising the white flag."
    found = attribute(sentence)
    assert found.cue == "calls" and "settlement" not in sentence[found.claim[0] : found.claim[1]]


@pytest.mark.parametrize("sentence, speaker", [
    # who said the words, where "according to X" closes a sentence that names them: X only reports them
    ('"The bridge is closed," Ana Lima said in a statement, according to the Valdor Wire.', "Ana Lima"),
    ("“A ponte está fechada”, disse Rui Matos, segundo a agência Norvale.", "Rui Matos"),
    ("Министерството заяви, че мостът е затворен, според агенцията.", "Министерството"),
    # an opening "according to X" gives X's words, whatever verbs they hold ...
    ("According to the Valdor Wire, the council proposed new rules for the port.", "the Valdor Wire"),
    ("According to the Valdor Wire, the mayor's claims that the port is closed are false.", "the Valdor Wire"),
    # ... unless the speaker's name and verb follow it: X reports what they said
    ("According to the Valdor Wire, Ivo Marev said on the radio that the port would stay shut.",
     "Ivo Marev"),
    ("De acordo com a agência Norvale, Rui Matos disse que a ponte está fechada.", "Rui Matos"),
    # an outlet that writes what a report says: the report is the source
    ("Според доклада мостът е затворен, пише Valdor Review.", "доклада"),
])
def test_the_speaker_behind_a_closing_according_to(sentence, speaker):
    assert attribute(sentence).named_source == speaker


@pytest.mark.parametrize("sentence, source, claim", [
    # what follows "as saying" is what was said, and whom an outlet quotes by name said it
    ("Ivo Marev was quoted by the Valdor Wire as saying that the talks would be long.", "Ivo Marev",
     "the talks would be long"),
    ("The Wire quoted Ivo Marev earlier as saying that the port is closed for good.", "Ivo Marev",
     "the port is closed for good"),
    # nothing said after it: the words are elsewhere in the sentence
    ("The port closed, the Wire quoted an official as saying on Tuesday.", "the Wire", None),
])
def test_quoted_as_saying(sentence, source, claim):
    found = attribute(sentence)
    assert found.source == source
    assert (sentence[found.claim[0] : found.claim[1]] if found.claim else None) == claim


@pytest.mark.parametrize("sentence", [
    # a speaker who interrupts a claim that goes on after them: the claim is the whole sentence
    "Ето защо, каза той, пристанището на Валдор ще остане затворено.",
    "Tais medidas, acrescentou a investigadora, vão fechar o porto de Valdor por um ano.",
])
def test_a_speaker_inside_the_claim(sentence):
    found = attribute(sentence)
    assert found.attributed and sentence[found.claim[0] : found.claim[1]] == sentence.rstrip(".")


def test_a_quote_closed_before_the_speaker_stays_the_claim():
    sentence = '"O porto fecha", disse Ana Lima, porta-voz do conselho, aos jornalistas em Valdor.'
    found = attribute(sentence)
    assert sentence[found.claim[0] : found.claim[1]] == "O porto fecha"
