"""Reported or endorsed: the attribution patterns of the five languages, and neutral wire reports that
must not get a narrative with high confidence (texts written for these tests)."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.nlp.article_attributions import attribute_sentences
from narrascope.nlp.attribution import ATTRIBUTED, STATED, attribute
from narrascope.nlp.quotation import quoted_ranges
from narrascope.nlp.speaker_words import inside_sentence
from narrascope.nlp.text import sentences

NEUTRAL = Path(__file__).parent / "fixtures" / "neutral_wire"


@pytest.mark.parametrize("sentence, source, claim", [
    ("The Kremlin has warned that sending troops would lead to a direct conflict with NATO.", "The Kremlin",
     "sending troops would lead to a direct conflict with NATO"),
    ("Sending troops would lead to war, German Chancellor Olaf Scholz said on Tuesday.",
     "German Chancellor Olaf Scholz", "Sending troops would lead to war"),
    ("According to Reuters, the talks collapsed on Friday.", "Reuters", "the talks collapsed on Friday"),
    ("“We will not send ground troops,” said Pistorius.", "Pistorius", "We will not send ground troops"),
    ("Песков заявил, что Запад ведет войну против России.", "Песков", "Запад ведет войну против России"),
    ("Как заявил Песков, Запад ведет войну против России.", "Песков", "Запад ведет войну против России"),
    ("Министърът каза, че санкциите не работят.", "Министърът", "санкциите не работят"),
    ("Според министъра, санкциите не работят.", "министъра", "санкциите не работят"),
    ("O presidente afirmou que as sanções não funcionam.", "O presidente", "as sanções não funcionam"),
    ("Segundo o ministro, as sanções não funcionam.", "o ministro", "as sanções não funcionam"),
    ("रक्षा मंत्री ने कहा कि युद्ध जारी रहेगा।", "रक्षा मंत्री", "युद्ध जारी रहेगा"),
    ("OTTAWA, April 2 - A protest group said on Monday that the carbon tax was a scam.", "A protest group",
     "the carbon tax was a scam"),
    ("As sanções falharam, disse o ministro.", "o ministro", "As sanções falharam"),
    ("He warned against a war that nobody wants.", "He", "against a war that nobody wants"),
    ("In Paris, Emmanuel Macron strongly suggested that troops could be sent.", "Emmanuel Macron",
     "troops could be sent"),
    ("O ministro publicamente afirmou que as sanções falharam.", "O ministro", "as sanções falharam"),
    ("Кремъл: западните оръжия удължават войната", "Кремъл", "западните оръжия удължават войната"),
    ("विशेषज्ञों के अनुसार, प्रतिबंध काम नहीं कर रहे हैं।", "विशेषज्ञों", "प्रतिबंध काम नहीं कर रहे हैं"),
    # a second speaker's report in the same sentence is not the first one's words
    (("Minister Dana Holt has stated that “troops are not an option,” and U.S. President Ivo Marr has made it "
      "clear that no forces will go."), "Minister Dana Holt", "troops are not an option"),
    ("Officials said the plan was ready, but Ivo Marr warned that it would fail.", "Officials",
     "the plan was ready"),
    ("The minister said that the plan will work and the army is ready.", "The minister",
     "the plan will work and the army is ready"),
    # a short clause before its speaker and a time, and a quoted one the sentence ends on its speaker
    ("The West is weak, the minister said on Monday.", "the minister", "The West is weak"),
    ("“This is no game,” he added.", "he", "This is no game"),
    # "ainda" (also) between the verb and "que"
    ("Lavrov disse ainda que as sanções falharam.", "Lavrov", "as sanções falharam"),
    # the name in apposition to the description after the verb names the speaker
    ("As sanções falharam, disse aos jornalistas o porta-voz do governo, Rui Costa.", "Rui Costa",
     "As sanções falharam"),
    # "as X said, ...", and a name in apposition after the description that a phrase introduces
    ("Como advertiu o secretário-geral, Rui Costa, a guerra vai durar anos.", "Rui Costa", "a guerra vai durar anos"),
    ("Segundo o ministro da Defesa, Rui Costa, as sanções falharam.", "Rui Costa", "as sanções falharam"),
    ("Както заяви министърът на отбраната, войната ще продължи дълго.", "министърът на отбраната",
     "войната ще продължи дълго"),
    # whom the words were said to is no part of who said them
    ("“A guerra acabou”, disse o ministro aos jornalistas.", "o ministro", "A guerra acabou"),
    ("“A guerra acabou”, disse à agência Lusa Rui Costa.", "Rui Costa", "A guerra acabou"),
    ("“A guerra acabou”, disse a organização em comunicado.", "a organização", "A guerra acabou"),
    ("“The talks have failed,” Lavrov told reporters on Monday.", "Lavrov", "The talks have failed"),
    ("„Войната свърши“, заяви пред журналисти министърът на отбраната.", "министърът на отбраната",
     "Войната свърши"),
    ("«Война закончилась», заявил журналистам Иван Петров.", "Иван Петров", "Война закончилась"),
    ("„Войната свърши“, каза говорителят на Кремъл Иван Петров.", "Иван Петров", "Войната свърши"),
    ("„Войната свърши“, пише анализаторът на The Daily Report Иван Петров.", "Иван Петров", "Войната свърши"),
    ("“The talks have failed,” said Lavrov in an interview.", "Lavrov", "The talks have failed"),
    # "CLAUSE, as X said": what came before is what X said
    ("Новые самолёты уязвимы на земле, о чём рассказал эксперт Иван Петров.", "эксперт Иван Петров",
     "Новые самолёты уязвимы на земле"),
    # a hyphen typed for the dash before the verb: what came before is what was said, after it who said it
    ("Мы будем учить детей стрелять, - поясняет начальник штаба Иван Петров.", "начальник штаба Иван Петров",
     "Мы будем учить детей стрелять"),
    ("«Мост откроют в мае», - сказал Петров.", "Петров", "Мост откроют в мае"),
    ("Vamos ensinar as crianças, - explicou o chefe Rui Costa.", "o chefe Rui Costa", "Vamos ensinar as crianças"),
    # the role after the name is no part of what was said
    ("Segundo Rui Costa, porta-voz da agência de águas, as obras vão atrasar um ano.", "Rui Costa",
     "as obras vão atrasar um ano"),
    ("According to Dana Holt, a professor at Valdor University, the drought will last.", "Dana Holt",
     "the drought will last"),
    # Portuguese: any verb in the past after a quote and a comma reports it
    ("“O que se pode negociar com eles?”, questionou o presidente.", "o presidente", "O que se pode negociar com eles"),
    ("“A guerra vai durar”, rematou Rui Costa.", "Rui Costa", "A guerra vai durar"),
    ("O porto fechou “por razões de segurança”, informou a Marinha.", "a Marinha",
     "O porto fechou “por razões de segurança”"),  # the quote's closing mark with it
    ("“O recolher é obrigatório”, anunciou a ministra do Interior, Ana Reis.", "a ministra do Interior",
     "O recolher é obrigatório"),
    # Hindi headlines: "X बोले- CLAIM" (X said: CLAIM)
    ("हमलों के बाद वाल्डोर बोला- पांच मिसाइलों को मार गिराया", "वाल्डोर", "पांच मिसाइलों को मार गिराया"),
    # Hindi: the speaker of "X's (adjective) warning"
    ("वाल्डोर की परमाणु चेतावनी: पड़ोसी देशों के लिए बढ़ता तनाव", "वाल्डोर", "पड़ोसी देशों के लिए बढ़ता तनाव"),
    ("According to Dana Holt, who was speaking at a closed meeting, the drought will last.", "Dana Holt",
     "the drought will last"),
    # what a participle adds after the verb is no part of the quote before it
    ("“The talks have failed,” he said, adding that “nobody wants them”.", "he", "The talks have failed"),
    ("“The talks have failed,” Ivo Marr said, adding: “Nobody wants them.”", "Ivo Marr", "The talks have failed"),
    # a name, then its description, between the claim and the verb
    ("The port will stay closed, Ivo Marr, a spokesperson for the harbour, said on Monday.", "Ivo Marr",
     "The port will stay closed"),
    ("“The talks have failed,” Dana Holt, chief executive of Valdor Steel, told reporters.", "Dana Holt",
     "The talks have failed"),
    ("In a message to the paper, Ivo Marr, an adviser to the mayor, said the port will stay closed.", "Ivo Marr",
     "the port will stay closed"),
    # where it was said is no speaker: the name before "в интервью ...", or the one after the outlet
    ("Иван Петров в интервью газете Вестник заявил, что мост откроют в мае.", "Иван Петров", "мост откроют в мае"),
    ("В интервю за The Valdor Post Петров е заявил, че мостът ще бъде открит.", "Петров", "мостът ще бъде открит"),
    ("В своем Telegram-канале Петров отметил, что мост откроют в мае.", "Петров", "мост откроют в мае"),
    ("Как ранее сообщала «Вестник», мост откроют в мае.", "Вестник", "мост откроют в мае"),
    ("По данным телеграм-канала «Вестник», мост откроют в мае.", "телеграм-канала «Вестник»", "мост откроют в мае"),
    # a verb that reports only before "that" also reports last, after the comma: "CLAIM, VERB X." / "CLAIM, X VERB."
    ("A ponte vai fechar em maio, argumentou Ivo Marr.", "Ivo Marr", "A ponte vai fechar em maio"),
    ("Мостът ще бъде затворен, заключи министърът.", "министърът", "Мостът ще бъде затворен"),
    ("Мостът ще бъде затворен, казва писателят.", "писателят", "Мостът ще бъде затворен"),
    ("Мост откроют в мае, добавил губернатор.", "губернатор", "Мост откроют в мае"),
    ("The bridge will close in May, the minister concluded.", "the minister", "The bridge will close in May"),
    # the "that" after the phrase is no part of the claim
    ("इवो मार्र का कहना है कि पुल मई में खुलेगा।", "इवो मार्र", "पुल मई में खुलेगा"),
    ("Според министъра, че мостът ще бъде открит.", "министъра", "мостът ще бъде открит"),
    # whom it was told, before "that"
    ("Ivo Marr told the president of Valdor on Saturday that the border will stay closed.", "Ivo Marr",
     "the border will stay closed"),
    ("Moscow has warned Brenmark that this raises the risk of war.", "Moscow", "this raises the risk of war"),
    ("Ivo Marr reportedly told a group of his fellow retired harbour pilots that the port will close.", "Ivo Marr",
     "the port will close"),
    # verbs that report only before "that"
    ("The Pentagon revealed that the missiles were lost.", "The Pentagon", "the missiles were lost"),
    ("Петров уточнил, что мост откроют в мае.", "Петров", "мост откроют в мае"),
    ("Министърът потвърди, че помощта ще продължи.", "Министърът", "помощта ще продължи"),
    ("O ministro revelou que a guerra vai acabar.", "O ministro", "a guerra vai acabar"),
    # the reported words after a participle of saying, the sentence's subject where it opens on a name
    ("Valdor refused to share its findings, arguing that this would harm its security.", "Valdor",
     "this would harm its security"),
    ("A Valdória tem alertado contra o envio de tanques, dizendo que apenas atrasam a paz.", "Valdória",
     "apenas atrasam a paz"),
    ("O Presidente russo, Ivo Marr, ameaçou os soldados, acrescentando que nenhum ficará impune.", "Ivo Marr",
     "nenhum ficará impune"),
    ("Петров встретился с коллегой, отметив, что переговоры возможны.", "Петров", "переговоры возможны"),
    # a speaker named after a verb of saying before the participle is the participle's too
    ("A Valdória recebeu os caças, anunciou o presidente Ivo Marr este domingo, acrescentando que chegarão mais.",
     "o presidente Ivo Marr", "chegarão mais"),
    # a short speaker after the verb: a pronoun, a role
    ("„Войната ще продължи дълго“, каза той.", "той", "Войната ще продължи дълго"),
    ("Санкциите не работят, заяви говорителят на Кремъл.", "говорителят на Кремъл", "Санкциите не работят"),
    ("«Переговоры зашли в тупик», — написал он в Telegram.", "он", "Переговоры зашли в тупик"),
    # a role after the words that qualify it, and an adverb between the verb and the speaker
    ("«Свет погас в трёх областях», — написал бывший глава министерства Иван Петров.", "Иван Петров",
     "Свет погас в трёх областях"),
    ("„Мостът ще бъде готов през май“, добави още унгарският премиер.", "унгарският премиер",
     "Мостът ще бъде готов през май"),
    ("“A ponte fica pronta em maio”, acrescentou ainda o governador.", "o governador", "A ponte fica pronta em maio"),
    # third-person verbs of saying and believing before "that" (Bulgarian, Portuguese, Russian)
    ("Изследователите твърдят, че ледът ще се стопи до 2050 г.", "Изследователите", "ледът ще се стопи до 2050 г"),
    ("Авторите казват, че жегите ще зачестят.", "Авторите", "жегите ще зачестят"),
    ("Os cientistas acreditam que o gelo vai derreter.", "Os cientistas", "o gelo vai derreter"),
    ("Эксперты признают, что зима будет тяжёлой.", "Эксперты", "зима будет тяжёлой"),
    # Portuguese compound tenses: the auxiliary is no part of the speaker
    ("Na semana passada, Valdor tinha considerado que a reação seria dura.", "Valdor", "a reação seria dura"),
    # Russian "as X specified/wrote" and "the statement says that"
    ("Как писал портал Валдор, порт закроют в мае.", "портал Валдор", "порт закроют в мае"),
    # the first "that" after the verb opens the claim, not one inside it
    ("विशेषज्ञों का मानना है कि यही कारण है कि बंदरगाह बंद हुआ।", "विशेषज्ञों", "यही कारण है कि बंदरगाह बंद हुआ"),
    ("Авторите казват, че това показва, че ледът се топи.", "Авторите", "това показва, че ледът се топи"),
    # the plural present before "that"
    ("Critics argue that the new port will never pay for itself.", "Critics", "the new port will never pay for itself"),
    ("The authors warn that the colonies may not recover.", "The authors", "the colonies may not recover"),
    # answering verbs that do report words: "that", a colon, or a short tail after the quote
    ("The minister responded to the council that the port would stay open.", "The minister",
     "the port would stay open"),
    ("“The port stays open,” the minister replied to reporters.", "the minister", "The port stays open"),
    ("The port will close in May, the Valdor Herald reported on Tuesday.", "Valdor Herald",
     "The port will close in May"),
    # "CLAIM, това заяви X": the clause before the demonstrative; a Portuguese clitic after the verb ("disse-me")
    ("Мостът ще бъде затворен до май, това заяви евродепутатът от Валдор Иван Петров в социалната мрежа X.",
     "Иван Петров", "Мостът ще бъде затворен до май"),
    ("A ministra Ana Costa disse-me que a ponte abre em maio.", "A ministra Ana Costa", "a ponte abre em maio"),
    ("В столицата Петров заяви, \"че мостът ще бъде затворен до май\".", "Петров", "мостът ще бъде затворен до май"),
    # the Hindi auxiliary after the verb is no part of the words
    ("विशेषज्ञ राम शर्मा कहते हैं, \"बंदरगाह मई में बंद होगा\"।", "विशेषज्ञ राम शर्मा", "बंदरगाह मई में बंद होगा"),
    # a time adverbial after the speaker is no part of it
    ("The port will close in May, said Ivo Marr on Monday.", "Ivo Marr", "The port will close in May"),
    # the agent of a passive speaks: "a report presented by X says that"
    ("Um relatório ontem apresentado em Valdor pelo Banco Mundial aponta que a seca vai piorar.", "Banco Mundial",
     "a seca vai piorar"),
    # whom it was said to, before a colon
    ("Министр ответил журналистам: «Порт закроют в мае».", "Министр", "Порт закроют в мае"),
    ("The minister told reporters on Monday: “The port will close in May.”", "The minister",
     "The port will close in May"),
    ("O ministro disse aos jornalistas: «O porto fecha em maio».", "O ministro", "O porto fecha em maio"),
    # Portuguese: when and where it was said, between the verb and "que"
    ("O ministro afirmou, esta quarta-feira, que o porto fecha em maio.", "O ministro", "o porto fecha em maio"),
    ("A ministra disse numa entrevista à rádio que o porto fecha em maio.", "A ministra", "o porto fecha em maio"),
    ("O autarca já disse, por várias vezes, que o porto fecha em maio.", "O autarca", "o porto fecha em maio"),
    # ... but after a quote, the "que" after those words is a relative pronoun: the quote is what was said
    ("“O porto fecha em maio”, afirmou durante um debate que juntou dez autarcas.", None, "O porto fecha em maio"),
    # an office holder, not the party: "the candidate of the X party"
    ("Na sexta-feira, o candidato do Partido Verde disse que o porto fecha em maio.", "candidato do Partido Verde",
     "o porto fecha em maio"),
    # after a dash: the source that closes a headline, and the verb after '», —'
    ("Порт на севере закроют до конца мая — Иван Петров", "Иван Петров", "Порт на севере закроют до конца мая"),
    ("Пристанището на север ще бъде затворено до май – Valdor Review", "Valdor Review",
     "Пристанището на север ще бъде затворено до май"),
    ("Порт закроют в мае», — заключил Иван Петров.", "Иван Петров", "Порт закроют в мае"),
    ("«Порт закроют в мае», — уверял журналистов Петров.", "Петров", "Порт закроют в мае"),
    ("«Порт закроют в мае», — опубликовал запись министр в Telegram.", None, "Порт закроют в мае"),
    # whom the quote was told to, however long, is no part of it; "however" is no part of the speaker
    ("“The port will close in May,” Ivo Marr told a local radio station in an interview.", "Ivo Marr",
     "The port will close in May"),
    ("Експертите обаче твърдят, че пристанището ще бъде затворено.", "Експертите",
     "пристанището ще бъде затворено"),
    ("“O porto fecha em maio”, defendeu-se o autarca.", "o autarca", "O porto fecha em maio"),
    # an English headline in title case: its capitalised verb is a verb
    ("Valdor Says Northern Port Will Close In May", "Valdor", "Northern Port Will Close In May"),
    ("Northern Port Will Close In May, Harbour Chief Warns", "Harbour Chief", "Northern Port Will Close In May"),
    ("Harbour Chief Warns Valdor: The Port Will Close", "Harbour Chief", "The Port Will Close"),
    ("The northern port will close in May – Petrov", "Petrov", "The northern port will close in May"),
    ("Как заявлял министр Петров, порт закроют в мае.", "министр Петров", "порт закроют в мае"),
    ("Как сообщают моряки, порт закроют в мае.", "моряки", "порт закроют в мае"),
    ("वालडोर का दावा है कि बंदरगाह मई में बंद होगा।", "वालडोर", "बंदरगाह मई में बंद होगा"),
    ("Министърът настоя, че пристанището ще бъде затворено.", "Министърът", "пристанището ще бъде затворено"),
    # a title's full stop is no end of the speaker's name; where it was said on air is no part of it
    ("“Пристанището ще бъде затворено”, каза полк. Петров.", "полк. Петров", "Пристанището ще бъде затворено"),
    ("“Пристанището ще бъде затворено”, посочи д-р Петров по БНТ.", "д-р Петров", "Пристанището ще бъде затворено"),
    ('"The port will close in May," said Gov. Jane Roe, a former pilot.', "Gov. Jane Roe", "The port will close in May"),
    # a quote closed before its speaker, a hyphen after the comma: the reporting words inside are the speaker's
    ("«Иван Петров не раз говорил, что порт закроют», - подчеркнул глава ведомства.", "глава ведомства",
     "Иван Петров не раз говорил, что порт закроют"),
    # "segundo" before the verb of saying: who said it follows the verb; "denunciar que" reports
    ("Segundo observou a ministra esta sexta-feira, o porto fecha em maio.", "a ministra", "o porto fecha em maio"),
    ("Valdória denuncia que o porto fecha em maio.", "Valdória", "o porto fecha em maio"),
    # a Russian office before its body in the genitive and the holder's name speaks whole; a source's bracket closes
    ("В среду премьер-министр Валдории Иван Петров заявил, что порт закроют.", "премьер-министр Валдории Иван Петров",
     "порт закроют"),
    ("According to the Valdor Weather Service (VWS), the port will close.", "the Valdor Weather Service (VWS)",
     "the port will close"),
    # two subjects joined by "and" speak together
    ("Valdor and Norvale say the port will close in May.", "Valdor and Norvale", "the port will close in May"),
    ("Ivo Marr and his advisers said that the port will close.", "Ivo Marr and his advisers", "the port will close"),
    ("A Valdória e o Conselho de Norvale afirmam que o porto fecha.", "A Valdória e o Conselho de Norvale",
     "o porto fecha"),
    # the claim keeps the quotation marks it pairs inside
    ("'Jogo' do conselho pode acabar mal, diz ministra", "ministra", "'Jogo' do conselho pode acabar mal"),
    ('O ministro disse que o porto é "um erro histórico".', "O ministro", 'o porto é "um erro histórico"'),
    # a verb last before a participle of saying
    ('New rules would "close the northern port," the council confirmed, adding that it will vote soon.',
     "the council", 'New rules would "close the northern port'),
    # verbs that report only before "that": "indicou que" (said), "descobriram que", "установиха, че" (found)
    ("O jornal Valdor Post indicou que o porto fechou.", "O jornal Valdor Post", "o porto fechou"),
    ("Климатолозите установиха, че ледът се топи.", "Климатолозите", "ледът се топи"),
    # the English "as" of "As X noted, ..." is no part of the name; the Portuguese article is
    ("As Ivo Marev noted, the northern port is too old.", "Ivo Marev", "the northern port is too old"),
    ("As autoridades valdorianas alegaram que o porto fechou.", "As autoridades valdorianas", "o porto fechou"),
    # a longer phrase of when, where or to whom between the verb and "that", closed by a comma
    ("Ivo Marev said on Monday, during a long visit to the northern port, that the bridge would close.", "Ivo Marev",
     "the bridge would close"),
    ("Иван Петров заяви на 3 май на среща с кметовете на областта, че мостът ще бъде затворен.",
     "Иван Петров", "мостът ще бъде затворен"),
    ('"O porto está velho", disse na quarta-feira Ivo Marev, numa referência ao porto do norte, que está fechado.',
     "Ivo Marev", "O porto está velho"),  # a relative "que" after a quote: the quote is what was said
    # a role that names whom it serves after "to" speaks, not the one it serves
    ("An adviser to the president said the port would close.", "An adviser to the president",
     "the port would close"),
    ("On Monday, a senior aide to Valdorian President Ivo Marev warned that the port would close.",
     "a senior aide to Valdorian President Ivo Marev", "the port would close"),
    ("Last year the Valdorian ambassador to Norvale told lawmakers that the port would close.",
     "the Valdorian ambassador to Norvale", "the port would close"),
    # a description, then the name, between commas before the verb
    ("The port is failing, Valdoria's envoy to the UN, Ivo Marev, claimed on Monday.", "Ivo Marev",
     "The port is failing"),
    ("The port is failing, Ivo Marev, Valdoria's envoy to the UN, claimed on Monday.", "Ivo Marev",
     "The port is failing"),
    ("Na quarta-feira, o Presidente valdoriano, Ivo Marev, acusou a Norvália de querer fechar o porto.", "Ivo Marev",
     "a Norvália de querer fechar o porto"),
    ('"The port is failing," the head of the Harbour Board, Ivo Marev, wrote on his blog last night.', "Ivo Marev",
     "The port is failing"),
    # beside a passive: "cited by X as saying" quotes the subject; an order, then a report whose verb is the cue
    ("Ivo Marev was cited by the Valdor Wire as saying that the port had closed.", "Ivo Marev",
     "the port had closed"),
    ("About 300 families were told to leave, officials said, and two bridges were shut.", "officials",
     "About 300 families were told to leave"),
    ("The port will not close, harbour chief vows", "harbour chief", "The port will not close"),
    ('O porto "está parado" desde maio, assegurou Rui Matos, um funcionário da câmara, sem explicar porquê.',
     "Rui Matos", 'O porto "está parado" desde maio'),
    # when it was said between a verb that reports only before "that" and its "that"
    ("O conselho do porto informou no sábado, 3, que a ponte fechou.", "O conselho do porto", "a ponte fechou"),
    # an adverb after the subject and its apposition; a Portuguese relative clause after a full name
    ("O governador de Valdor, Rui Matos, também afirmou na rádio que duas pontes fecharam.", "Rui Matos",
     "duas pontes fecharam"),
    ("Rui Matos, que em maio visitou o porto, argumentou que a ponte fechou.", "Rui Matos", "a ponte fechou"),
    # the verb inside quoted words is theirs; the quote's speaker is after it, also after a dash
    ('"We never said that," Ana Lima replied.', "Ana Lima", "We never said that"),
    # the same speaker's next report after "and" ends the words
    ("Ivo Marev said the port would close and added that two bridges would stay open.", "Ivo Marev",
     "the port would close"),
    ("O ministro negou qualquer envolvimento e disse que duas pontes vão abrir.", "O ministro", "qualquer envolvimento"),
    # concluded that; a headline's speaker before a gerund of accusing ("обвиняя", accusing)
    ("Вестникът стигна до извода, че мостът е стар.", "Вестникът", "мостът е стар"),
    ("Инженер пришёл к выводу, что мост старый.", "Инженер", "мост старый"),
    ("Петров: Запад, обвиняя Валдор в атаках, скрывает свои планы", "Петров",
     "Запад, обвиняя Валдор в атаках, скрывает свои планы"),
    ('"Порт будет открыт весь год," - сказал министр Иван Петров.', "министр Иван Петров",
     "Порт будет открыт весь год"),
])
def test_reported_claims_name_their_source_and_content(sentence, source, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.source == source
    assert a.claim is not None and sentence[a.claim[0]:a.claim[1]] == claim


@pytest.mark.parametrize("sentence, claim", [
    ("Estima-se que um milhão de pessoas tenha fugido da cidade.", "um milhão de pessoas tenha fugido da cidade"),
    ("Entre as conclusões, salienta-se que a seca vai piorar.", "a seca vai piorar"),
])
def test_the_portuguese_impersonal_reports_words_nobody_named_said(sentence, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.source is None and sentence[a.claim[0]:a.claim[1]] == claim


def test_a_subject_with_a_participle_phrase_before_a_call_is_no_reported_clause():
    sentence = ("The head of the alliance, dismissing the idea of sending troops to Valdor, called on the "
                "French leader to respect the position of all members.")
    a = attribute(sentence)
    assert a.claim is not None and sentence[a.claim[0]:].startswith("on the French leader")


def test_a_portuguese_reflexive_keeps_its_subject():
    assert attribute("Ivo Marr declarou-se preocupado com a seca no norte do país.").source == "Ivo Marr"


@pytest.mark.parametrize("sentence, source", [
    ("We spoke to the farmer, who has much to say about the state of farming.", None),  # a relative clause
    ("It is reported that the oceans are buffered.", None),  # impersonal passive
    ("Valdor has long been accused of shelling the northern port.", None),  # the accused, not the accuser
    # where the speaker works, after the name that follows the verb; a relative clause describing the speaker
    ('"The port is failing," said Ivo Marev of the Valdor Harbour Board.', "Ivo Marev"),
    ("Мостът е стар, заяви професор Иван Петров от университета в Норвале.", "професор Иван Петров"),
    ("Петров, който ръководи пристанището от години, смята, че мостът е стар.", "Петров"),
    # Bulgarian "..., съобщиха от X" (they said from X): the body speaks; not "цитиран от X" (cited by X)
    ("Мостът ще бъде затворен до май, съобщиха от министерството.", "министерството"),
    ("„Мостът е стар“, добавят от Норвале.", "Норвале"),
    ("The court keeps a clerk accused of fraud in custody", None),
    ("The harbour board now openly admits that the port is failing.", "The harbour board"),  # "now": no name
    ("Despite what we are told, the oceans are not boiling.", None),
    ("Some 45% say they would be upset by the ban.", None),  # a number is not a speaker
    ("Carbon dioxide helps reefs, not hurts them like the climate cult falsely claims.", "the climate cult"),
    ("The protest will go ahead, Evan Smith, an organiser for the group, told The Daily.", "Evan Smith"),  # not the addressee
    ("Peskov on Tuesday said that the talks were over.", "Peskov"),  # a time adverbial passed over
    ("Patricia Lopez of the Red Cross said that the camps were full.", "Patricia Lopez of the Red Cross"),
    ("O Ministério da Defesa afirmou que as tropas avançaram.", "O Ministério da Defesa"),
    ("Президентът на Русия Владимир Путин заяви, че войната ще продължи.", "Президентът на Русия Владимир Путин"),
    ("В същия ден Орбан заяви, че Европа се готви за война.", "Орбан"),
    ("Об этом сообщил военный эксперт.", "военный эксперт"),  # a role and the word that qualifies it
    ("Os responsáveis pela segurança afirmam que a investigação continua.", "Os responsáveis pela segurança"),
    ("The reform will fail, one expert said.", "one expert"),
    ("The missile was found in a park, officials said.", "officials"),  # a short clause of its own
    ("Page has always denied any collusion with the government.", "Page"),
    ("\u25aa\ufe0fРуският държавен глава предупреди за последствията.", "Руският държавен глава"),
    ("राव ने मीडिया को बताया कि भारत शांति चाहता है।", "राव"),  # the speaker before "ने", not the addressee
    ("यूक्रेन के राष्ट्रपति ज़ेलेंस्की ने हाल ही में कहा कि युद्ध लंबा चलेगा।", "यूक्रेन के राष्ट्रपति ज़ेलेंस्की"),
    ("दल का नेतृत्व कर रहीं अनीता राव ने कहा कि बर्फ पिघल रही है।", "अनीता राव"),  # "who leads the team": a verb
    ("सलाहकार रह चुके सुरेश मेहता ने कहा कि युद्ध लंबा चलेगा।", "सुरेश मेहता"),
    ("इस बीच, दिल्ली स्थित रक्षा मंत्रालय के एक बयान के अनुसार, सेना आगे बढ़ी।", "रक्षा मंत्रालय के एक बयान"),
    # a relative pronoun that is the verb's subject: the speaker is the name before it, if a name is there
    ("За пореден път се отличи клоунът Ивков, който изведнъж заяви, че войната е загубена.", "Ивков"),
    ("Глобалните емисии се увеличиха с 1%, което подчертава нуждата от действия.", None),
    ("Това са страни, които Русия смята за неприятелски.", "Русия"),  # the pronoun is the object here
    ("Marr, who has declared that the crisis is a good thing, owns four jets.", "Marr"),
    ("The minister Ivo Marr, who is accused of fraud, resigned on Monday.", None),  # accused, not accusing
    ("Segundo o mesmo, as tropas avançaram durante a noite.", None),  # "the same one": nobody named
    # the words after the verb are its object, not a description of a name ("…, Espanola")
    ("The commander said they had been allowed to form a new unit, Vostok.", "The commander"),
    ("O diretor, Rui Costa, explicou a situação aos deputados numa sessão.", "Rui Costa"),  # the object is none
    ("Президентът заяви: „Войната свърши“.", "Президентът"),  # what follows the colon is said, not who says it
    ("Senators urged Treasury to pause the credits.", "Senators"),
    ("Министърът избегна въпроса, като каза, че войната продължава.", None),  # "by saying": no subject
    ("उनका कहना है कि युद्ध खत्म होना चाहिए।", None),  # "his saying is": a pronoun's stem
    ("कोरिया के नेता किम जोंग उन ने कहा कि युद्ध खत्म होगा।", "कोरिया के नेता किम जोंग उन"),  # "Un" of a name
    # a Portuguese role noun ("the official in charge"); a headline's speaker who is "adamant"
    ('"A ponte fechou", explicou o responsável, numa nota enviada à rádio.', "o responsável"),
    ("Иван Петров категоричен: Мостът е стар", "Иван Петров"),
])
def test_a_source_is_named_only_where_the_words_before_the_verb_read_as_its_subject(sentence, source):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.named_source == source


@pytest.mark.parametrize("sentence", [
    "Related: Protester carried off the pitch", "The good news: prices fell", "Context: the talks began in May",
    "Източници: БТА, ТАСС", "Languages: English.", "Valdor War: the port was shelled overnight",
    # a topic before the colon, not a speaker: a possessive and a noun, a phrase with a verb, a noun phrase
    "Putin's offer to freeze the missiles: Paris is ready to break ranks",
    "Kiev atacou Moscovo: drones sobre a capital durante a noite",
    "Изпепеляваща жега: температурите минаха 40 градуса",
    "Купянское направление: противник потерял до 30 человек",
])
def test_site_furniture_or_a_topic_before_a_colon_is_no_source(sentence):
    assert attribute(sentence).kind == STATED


@pytest.mark.parametrize("sentence, source", [
    ("Lavrov: the West wants a long war", "Lavrov"),
    ("British colonel: the front will not hold until spring", "British colonel"),
    ("Швейцарски екс-полковник: фронтът няма да издържи", "Швейцарски екс-полковник"),
    ("Руското министерство на отбраната: атаката е отблъсната", "Руското министерство на отбраната"),
    ("Senadora russa: o Ocidente perdeu a guerra", "Senadora russa"),
])
def test_a_name_or_a_role_before_a_headline_colon_is_the_source(sentence, source):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.named_source == source


@pytest.mark.parametrize("sentence", [
    "NATO is preparing for war against Russia.",
    "Запад ведет войну против России.",
    "Западът води война срещу Русия.",
    "O segundo mandato começou em janeiro.",  # "segundo" as "second", not "according to"
    "O porto abre às oito, de acordo com as regras da câmara.",  # in line with a rule
    "A câmara deixou para segundo plano a limpeza do rio.",
    # a sentence that opens on a participle or a noun: no verb of saying
    "Proposed new rules would close the northern port by May.",
    "Said neighbours were two retired pilots from Norvale.",
    "Alerta vermelho em Valdória por causa das cheias",
    "पश्चिम रूस के खिलाफ युद्ध छेड़ रहा है।",
    # a reporting verb's form after an article or possessive is an adjective or a noun
    "A court found the Kremlin responsible for the alleged attack: two men were named.",
    "The stated purpose of the summit was unity.",
    # after a preposition, an English participle is an adjective too; claiming responsibility claims an object
    "Instead of talking about alleged Valdor interference, the council is now rewriting its port rules.",
    "Dozens were held for alleged offences as minor as speaking the northern dialect.",
    "The Valdor harbour group, whose name translates to “Free Ports,” claimed responsibility for the blockade.",
    "Their claims were refuted by Kyiv within the hour.",
    "[emphasis, links added]",  # an editor's note
    "The so-called climate summit ended with nothing agreed.",  # the article's own sneer, no report
    "The storm hit the coast on Monday, adding to the damage of the week.",  # "adding to": no report
    "The report revealed the truth about the war.",  # "revealed" without "that" reports no words
    "The member states agreed on a new budget for the year.",  # "states": a noun
    "It is a leader in value-added steel products for the car industry.",  # "-added": part of a compound
    "Tudo indica que o inverno será longo.",  # evidence, not speech
    "Неговите признания, че планът е слаб, изненадаха всички.",  # a noun, no verb
    # the author's own first person ("we say that"); "let us tell you that"
    "बता दें कि बैठक पिछले साल हुई थी।",
    "И казваме, че цените започват да падат.",
    # a noun, or the article's own hypothesis, before "that"
    "Their estimate that the port will close is wrong.",
    "One could argue that the port was never needed.",
    # answering or covering something, with no words reported; naming ("what is called")
    "The minister responded to a proposal by the Valdor council to close the northern port.",
    "The city replied by sending more buses to the northern districts.",
    "Only one paper has reported on the port's closure so far this year.",
    "Министърът отговори на въпроса за пристанището в северната част на града.",
    "Министр ответил на вопрос о закрытии северного порта.",
    "Войска ответили массированным ударом на попытку прорыва у северного порта.",
    "They rely on what is called the northern grid for most of the winter.",
    "His judgement had been called into question by the failed harbour project.",
    # a dash that names what the clause spoke of, in a sentence (not a headline), or a clause after it
    "На тази среща ще има поне един виновник за провала — Петров.",
    "Денег нет, но есть огромные запасы — север готовится к зиме",
    "The Port That Closed – How the Valdor Harbour Lost Its Ships",
    "Without the knowledge, say-so or approval of the council, the port was sold.",  # a compound, no verb
    # Bulgarian "insists on" measures, "shared his opinion": an object, no words said
    "Учените настояват за мерки срещу засушаването в северната част на страната.",
    "Министърът сподели мнението си в социалната мрежа миналата седмица.",
    # a Portuguese reflexive reports no words
    "O porta-voz negou-se a comentar o fecho do porto.",
    "O termo refere-se à água do porto no inverno.",
    "O porto fechou em maio, lembram-se?",
    # title case: the noun "Claims", and an authority's name before the article's own claim
    "Port Damage Claims Should Be Paid By The Insurers",
    "Math Confirms The Folly Of The Northern Port Plan",
    "O novo acordo diz respeito ao porto do norte.",  # "concerns": no speech
    # a plural noun of saying after an adjective or a participle: "unverified reports", "backing calls"
    "The mayor read unverified reports of a strike at the port.",
    "The unions keep backing calls for a new harbour master.",
    "Ivo Marev repeated misleading claims on the radio.",
    # a modal or "to" with "be" before the verb: the article's own remark, or what is yet to be done
    "It must be stressed that the northern port never made a profit.",
    # a passive that reports no words: an order, a thing added, announced, claimed or tweeted, where it was reported
    "Residents of the valley were told to leave their homes before dawn.",
    "Shoppers are being urged to bring their own bags to the market.",
    "She was added to a list of banned speakers last spring.",
    "The harbour fair was announced by the port board on Tuesday.",
    "The blockade of the bridge was claimed by a group of dock workers.",
    "The video and its caption were tweeted by a news channel from Norvale.",
    "Floods were reported in the northern districts of Valdor.",
    "Anyone who doubts the plan is dismissed as a dreamer.",
    "Truth be told, the new port has never turned a profit.",
    "Little can be said of the harbour board, which kept its bonuses.",
    "The council wants the funds still to be spent on the new bridge.",
    "That said, the northern port never made a profit.",  # "nevertheless": nobody's words
    "Having said that, the bridge is still closed.",
    'The harbour board lives by a motto, "Nobody says no to the port."',  # a verb inside a quoted phrase
    "Builders now face private claims brought by angry tenants.",  # "claims" a noun
    "Firms face fresh claims filed by investors.",
    # a verb after its claim and its subject, then a relative "que": no "that" clause
    "Só metade das pontes está aberta, revelou no sábado um estudo da câmara, que ouviu 40 engenheiros.",
])
def test_claims_the_article_makes_itself_are_stated(sentence):
    assert attribute(sentence).kind == STATED


@pytest.mark.parametrize("sentence, cue", [
    ("Western elites are allegedly planning to seize Russian assets.", "allegedly"),
    ("Киев якобы готовит наступление.", "якобы"),
    ("O governo alegadamente escondeu os números.", "alegadamente"),
])
def test_distancing_markers_make_a_sentence_attributed(sentence, cue):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.cue == cue


def test_a_quote_over_several_sentences_is_attributed_in_every_sentence():
    text = "The minister spoke at length.\n“The sanctions failed. Europe pays the price. We warned them.”\nPrices rose."
    spans = sentences(text)
    kinds = [a.kind for a in attribute_sentences(text, spans)]
    assert kinds == [STATED, ATTRIBUTED, ATTRIBUTED, ATTRIBUTED, STATED]
    assert quoted_ranges("a «b c» d „e“") == [(3, 6), (11, 12)]


def test_guillemets_nest_where_the_paragraph_closes_every_one_it_opens():
    text = "«Учения идут, - сказал глава клуба «Орёл» Иван Петров. - Ребята готовы.»\n«Один» и «два».\n«Три «четыре»."
    found = [text[a:b] for a, b in quoted_ranges(text)]
    # the quote runs past the club's name to the mark that closes it; side by side, each is its own quote;
    # a paragraph that leaves one open pairs each with the next closing mark
    assert found == ["Учения идут, - сказал глава клуба «Орёл» Иван Петров. - Ребята готовы.", "Один", "два",
                     "Три «четыре"]


def test_pronoun_sources_are_not_shown_as_names():
    a = attribute("He said that NATO had no plans to send troops.")
    assert a.source == "He" and a.named_source is None
    assert attribute("Stoltenberg said that NATO had no plans.").named_source == "Stoltenberg"


def _neutral_articles() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(NEUTRAL.glob("*.txt"))]


def test_the_neutral_set_has_at_least_30_articles_in_five_languages():
    names = [name for name, _ in _neutral_articles()]
    assert len(names) >= 30
    assert {n.split("_")[0] for n in names} == {"bg", "en", "hi", "pt", "ru"}


def test_every_neutral_article_reports_its_claim_with_attribution():
    for name, text in _neutral_articles():
        kinds = [a.kind for a in attribute_sentences(text, sentences(text))]
        assert kinds.count(ATTRIBUTED) >= 2, name


HIGH_CONFIDENCE = 0.5


@pytest.fixture(scope="module")
def neutral_analyses():
    from narrascope import Document, Pipeline

    pipeline = Pipeline(["narratives"])
    return {name: pipeline(Document(text=text, id=name)) for name, text in _neutral_articles()}


def test_evidence_in_neutral_reports_is_mostly_attributed(neutral_analyses):
    """What the analyzer does guarantee for these reports: the evidence it shows for their narratives is
    marked as reported ("attributed to …") far more often than as stated by the article."""
    spans = [ev for a in neutral_analyses.values() for n in a.narratives for ev in n.evidence]
    assert spans and all(ev.attribution in ("stated", "attributed") for ev in spans)
    assert sum(ev.attribution == "attributed" for ev in spans) >= 0.75 * len(spans)


@pytest.mark.xfail(strict=True, reason=(
    "Known limit, measured by cross-validation on the lockbox's complement: the SemEval-2025 annotations label the "
    "narratives an article reports as well as those it states. Lowering a label's probability by the attributed share "
    "of its evidence cost samples-F1; lowering only the shown probability of a narrative whose evidence is all "
    "attributed was chosen as no shift at all (its calibrated probability is already as low as its precision). So "
    "some neutral reports still get a narrative with probability >= 0.5; the report marks them as reported. Passes "
    "(and so fails as xfail) once the model learns the difference."))
def test_neutral_reporting_of_a_claim_does_not_get_the_narrative_with_high_confidence(neutral_analyses):
    confident = {name: [(n.label, n.score) for n in a.narratives if n.score >= HIGH_CONFIDENCE]
                 for name, a in neutral_analyses.items()}
    assert not {k: v for k, v in confident.items() if v}


def test_a_capitalised_cue_inside_a_sentence_is_a_name_not_a_verb():
    assert attribute("We must talk to the United States, the others will follow along.").kind == "stated"
    assert attribute("States the minister: the border stays closed for now.").kind == "attributed"


def test_a_cue_after_that_or_this_is_still_a_verb():
    assert attribute("There is no study that says the ice will be gone by 2030.").kind == ATTRIBUTED
    a = attribute("The minister alleged that the vote was rigged.")
    assert a.kind == ATTRIBUTED and a.source == "The minister"


def test_a_body_wrapped_in_csv_quoting_is_no_quotation():
    # Some scraped articles come as a CSV field: the body in straight quotes, each inner mark doubled.
    from narrascope.nlp.quotation import csv_unquoted, quoted_ranges

    text = ('Заголовок статьи\n\n"Министр провел встречу в столице. Он сказал: ""Мы готовы к диалогу"".\n\n'
            'Встреча длилась два часа."\n')
    unquoted = csv_unquoted(text)
    assert len(unquoted) == len(text) and unquoted.count('"') == 2
    [(a, b)] = quoted_ranges(text)
    assert text[a:b].strip('"') == "Мы готовы к диалогу"
    first = text.index("Министр")
    assert attribute(text, first, text.index(".", first) + 1).kind == "stated"
    from narrascope.nlp.quotation import without_csv_quotes

    start, end = without_csv_quotes(text, first - 1, text.index("часа.") + 6)  # the wrapper's marks included
    assert text[start:end].startswith("Министр") and text[start:end].endswith("часа.")
    # An ordinary quotation that happens to end the text stays one.
    plain = 'Title\n\n"We are ready," the minister said. He added: "Talks go on."'
    assert csv_unquoted(plain) == plain


@pytest.mark.parametrize(("sentence", "kind"), [
    # a question about what someone said is the article's own
    ("О чем говорили Путин и Моди во время переговоров в Москве", "stated"),
    ("O que diz a Rússia", "stated"),
    ("What does the proposal say?", "stated"),
    # a question word that opens reported speech keeps it reported
    ("O que não é comum, diz Luengo, é a intensidade destes fenómenos.", "attributed"),
    ("Что Путин вчера категорически отверг, так это идею перемирия.", "attributed"),
    ("Как заявил Песков, переговоры продолжатся.", "attributed"),
])
def test_a_question_about_what_someone_said_is_the_articles_own(sentence, kind):
    assert attribute(sentence).kind == kind


@pytest.mark.parametrize(("sentence", "asks"), [
    ("What does the proposal say?", True),
    ("Почему Запад боится России", True),  # a headline opening with a question word, no question mark
    ("O que diz a Rússia", True),
    ("Что касается нашей стороны, мы предлагали помощь.", False),  # "as for": a statement
    ("Russia warns NATO", False),
])
def test_questions_include_headlines_that_open_with_a_question_word(sentence, asks):
    from narrascope.nlp.questions import is_question

    assert is_question(sentence) is asks


@pytest.mark.parametrize("text, speaker", [
    ("Западът трябва да спре доставките. Това заяви политологът Иван Петров пред интернет канала Валдор.",
     "Иван Петров"),
    ("Киев готов к переговорам. Об этом в интервью агентству заявил глава офиса Андрей Орлов.", "Андрей Орлов"),
    ("Санкциите не работят. Това заяви посланикът на САЩ в България Кенет Марло на кръглата маса.", "Кенет Марло"),
    ("Мостът е затворен. Това каза експертът Алексей Кошев във видеоблога на журналиста Борис Линев.", "Алексей Кошев"),
    ("Граница закрыта. Об этом сообщает Министерство обороны РФ.", "Министерство обороны РФ"),
    ("Граница закрыта. Об этом сообщили в Минобороны России.", "Минобороны России"),
    ("Граница закрыта. Об этом, впрочем, открыто заявлял бывший министр Иван Петров.", "Иван Петров"),
    ("Граница закрыта. Об этом она рассказала в эфире телеканала.", "она"),
    ("Граница закрыта. Об этом Валдор.Ру рассказал политолог Иван Петров.", "Иван Петров"),  # a site's name
    ("The talks have failed. This was reported by the Valdor Times newspaper.", "Valdor Times"),
    # a noun for what was said, and a verb of making it ("this opinion was expressed by", "such a statement made")
    ("Мостът е затворен. Това мнение изрази министърът Иван Петров в интервю.", "Иван Петров"),
    ("Граница закрыта. Такое заявление министр Иван Петров сделал на встрече в Валдоре.", "Иван Петров"),
    ("Граница закрыта. Такое мнение высказал в эфире радио политолог Иван Петров.", "Иван Петров"),
])
def test_a_sentence_that_names_who_said_the_one_before_attributes_it(text, speaker):
    # "CLAIM. Това заяви X ...": the claim is X's; the naming sentence has no claim of its own
    spans = sentences(text)
    claim, naming = attribute_sentences(text, spans)
    assert claim.kind == ATTRIBUTED and claim.source == speaker
    assert text[claim.claim[0]:claim.claim[1]] == text[spans[0][0]:spans[0][1]].rstrip(".")
    assert naming.kind == ATTRIBUTED and naming.source == speaker and naming.claim is None


@pytest.mark.parametrize("text", [
    "Войската се изтегли. Това означава, че фронтът ще се премести.",  # "this means that": no speaker
    "Войска отошли. Это говорит о том, что фронт сместится.",
    "Reuters checked it again. This time the agency accuses the paper of cherry-picking.",  # the agency speaks here
])
def test_a_demonstrative_that_names_no_speaker_leaves_the_sentence_before_stated(text):
    first = attribute_sentences(text, sentences(text))[0]
    assert first.kind == STATED


def test_a_quotes_attribution_split_off_after_its_question_mark_names_the_speaker():
    text = "«Кто оттуда уйдет?» — написал Иван Петров в своем блоге."
    spans = sentences(text)
    assert len(spans) == 2
    quote, naming = attribute_sentences(text, spans)
    assert quote.source == "Иван Петров" and text[quote.claim[0]:quote.claim[1]] == "Кто оттуда уйдет?"
    assert naming.refers_back and naming.source == "Иван Петров" and naming.claim is None


def test_where_it_was_said_names_nobody():
    a = attribute("Rui Costa publicou um vídeo no seu canal, onde diz que a guerra vai acabar em breve.")
    assert a.kind == ATTRIBUTED and a.source is None
    assert a.claim is not None


def test_a_verb_after_a_quoted_phrase_inside_a_portuguese_sentence_reports_nothing():
    a = attribute("O fenómeno, denominado “congelador do norte”, passou a ser incluído nas projeções do instituto.")
    assert a.kind == STATED



def test_the_turns_of_an_interview_transcript_are_their_speakers_words():
    text = ("Valdor will not join the alliance\n"
            "ИВАН ПЕТРОВ, бивш анализатор на разузнаването: Това е грешка. Те ще съжаляват.\n"
            "РУИ КОСТА: Да. Абсолютно.\n"
            "ИВАН ПЕТРОВ: Никой не ги слуша.\n"
            "РУИ КОСТА: Така е.\n"
            "ЕВРОПА ГОРИ: фермерите протестират.")
    spans = sentences(text)
    found = {text[s:e]: a for (s, e), a in zip(spans, attribute_sentences(text, spans))}
    assert found["ИВАН ПЕТРОВ, бивш анализатор на разузнаването: Това е грешка."].source == "Иван Петров"
    assert found["Те ще съжаляват."].source == "Иван Петров"  # the rest of the turn
    assert found["РУИ КОСТА: Да."].source == "Руи Коста"  # a dialogue: a name that opens two turns
    assert found["Абсолютно."].source == "Руи Коста"
    assert found["ЕВРОПА ГОРИ: фермерите протестират."].source != "Европа Гори"  # a headline in capitals


def test_a_headline_in_capitals_alone_is_no_speaker():
    text = "FACT CHECK: Did the mayor of Valdor ban cars?\nFACT CHECK: Did the mayor of Valdor ban cars?\nNo, he did not."
    spans = sentences(text)
    assert all(a.source is None for a in attribute_sentences(text, spans))


@pytest.mark.parametrize("sentence", [
    "По каква причина, Ройтерс не уточнява.",  # negated: Reuters does not say
    "Какие именно ракеты, уточнить не удалось.",  # an infinitive
    "С всички произтичащи от това последствия, както се казва.",  # as the saying goes
    "Growth is possible in hot places, as Valdor shows, and several Gulf states.",  # a noun
    "The figure is a guess, marked with a “G,” for estimate.",  # a noun after "for"
])
def test_a_verb_last_after_a_comma_that_does_not_report_attributes_nothing(sentence):
    assert attribute(sentence).kind == STATED


def test_common_words_a_headline_capitalises_before_its_colon_are_no_speaker_a_name_or_a_role_is():
    text = ("Harbour Scam: Valdor Port Pays Twice for Cranes\nThe harbour scam began in May.\n"
            "Ivo Marr: The Port Must Close\nIvo Marr says the port must close.\n"
            "Experts: Valdor Will Run Out of Water\nThe experts say water will run out.")
    found = {text[s:e]: a for (s, e), a in zip(sentences(text), attribute_sentences(text, sentences(text)))}
    assert found["Harbour Scam: Valdor Port Pays Twice for Cranes"].source is None  # "harbour scam" again below
    assert found["Ivo Marr: The Port Must Close"].source == "Ivo Marr"
    assert found["Experts: Valdor Will Run Out of Water"].source == "Experts"  # a role, though "experts" recurs


@pytest.mark.parametrize("headline, source", [
    ("Harbour Fraud Exposed: Valdor Paid Twice for Its Cranes", None),  # ends on a participle: a topic
    ("STOP THE PORT DEAL: Valdor Must Vote Again", None),  # words in capitals, shouted
    ("ПЛАНЪТ НА МАРЕВ: Пристанището се затваря", None),
    ("ДЕН ЗА МОСТА: Готов ли е Марев?", None),  # shouted with a preposition (not "ДЕН", cut before it)
    ("ООН: Пристанището се затваря", "ООН"),  # an acronym speaks
    ("Hypocrisy: the council flies to the climate summit", None),  # one abstract noun
    ("Contradições: o ministro viaja para a cimeira do clima", None),
    ("Inevitável: o porto de Valdor fecha em maio", None),
    ("Valdor Tonight: the port will close in May", "Valdor Tonight"),  # a show or a name speaks
    ("Ivo Marr: the port will close in May", "Ivo Marr"),
])
def test_a_headline_tag_by_its_form_is_a_topic_or_a_speaker(headline, source):
    assert attribute(headline).source == source


def test_what_an_english_preposition_governs_before_the_verb_is_no_speaker():
    a = attribute("Officials in regular contact with Brenmark over Valdor told the paper that the aid will stop.")
    assert a.kind == ATTRIBUTED and a.source != "Valdor"


def test_a_date_before_the_verb_is_no_speaker():
    for sentence in ("Лидер страны в эфире в воскресенье, 30 июня предупредил о подготовке конфликта.",
                     "Юли отбеляза първия път от година, когато не е поставен нов рекорд."):
        assert attribute(sentence).source is None


@pytest.mark.parametrize("sentence", ["(emphasis added)", "А това, честно казано, е неудобно.", "Просто казано, мостът е стар."])
def test_an_editors_note_or_a_manner_of_speaking_reports_nobody(sentence):
    assert attribute(sentence).source is None and attribute(sentence).cue not in ("казано", "added")


def test_a_bulgarian_particle_between_the_speaker_and_the_verb_is_no_speaker():
    assert attribute("Иван Петров пък добави, че мостът е стар.").source == "Иван Петров"


def test_a_time_between_the_speaker_and_the_verb_is_no_part_of_the_speaker():
    assert attribute("Ivo Marr last year proposed a plan to halt the fighting.").source == "Ivo Marr"


def test_a_hindi_attack_launched_is_no_report():
    assert attribute("वाल्डोर ने रात भर चार हवाई अड्डों पर ड्रोन हमला बोला।").kind == STATED  # "हमला बोला": attacked



def test_a_hindi_pronoun_that_carries_the_agent_marker_is_the_speaker_not_the_object_after_it():
    # "उसने" (it + ने): it called the deal a big fraud; "एक बड़ा धोखा" (a big fraud) is what was said of the deal
    assert attribute("उसने इस समझौते को एक बड़ा धोखा बताया।").source == "उसने"
    # ... but "according to" after "that" cites its own source
    assert attribute("उन्होंने बताया कि बंदरगाह की मिली जानकारी के मुताबिक, पुल बंद है।").source == "बंदरगाह की मिली जानकारी"


def test_as_per_reports_names_nobody():
    a = attribute("As per reports, the northern port will close in May.")
    assert a.kind == ATTRIBUTED and a.source is None


@pytest.mark.parametrize("sentence, source", [
    ("Ivo Marev toured the port and said that the bridge would close.", "Ivo Marev"),
    ("O Presidente valdoriano, Ivo Marev, visitou o porto e afirmou que a ponte vai fechar.", "Ivo Marev"),
    ("Ivo Marev and Ana Lima toured the port and said that the bridge would close.", None),  # two speakers
    ("A Valdor spokesman repeated the statement and said that the bridge would close.", None),  # "Valdor" no speaker
])
def test_the_subject_of_did_this_and_said_that_is_the_speaker(sentence, source):
    text = f"On Monday Ivo Marev met Ana Lima in Valdor. {sentence}"  # the article writes the names inside a sentence
    a = attribute(text, text.index(sentence[:12]))
    assert a.kind == ATTRIBUTED and a.named_source == source


@pytest.mark.parametrize("sentence, source", [
    ("Ivo Marev in an interview with the Valdor Post said that the bridge would close.", "Ivo Marev"),
    ("Официальный представитель Мария Петрова в эфире радио «Север» заявила, что мост закроют.",
     "официальный представитель Мария Петрова"),
    ("O presidente Ivo Marev, em entrevista ao jornal Norte, explicou que a ponte vai fechar.", "o presidente Ivo Marev"),
])
def test_where_the_words_were_said_is_no_part_of_the_speaker(sentence, source):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and inside_sentence(a.named_source) == source


@pytest.mark.parametrize("sentence, claim", [
    ("बयान में कहा गया है कि पुल बंद होगा।", "पुल बंद होगा"),  # "the statement said that ...": nobody named
    ("दावा किया जा रहा है कि पुल बंद होगा।", "पुल बंद होगा"),  # "it is being claimed that ..."
    ("बयान में कहा गया, 'पुल बंद होगा।'", "पुल बंद होगा"),  # the quote the passive opens
    ("यह विचार खारिज कर दिया गया था।", None),  # "the idea was turned down": a passive, no words
    ("वे इवो मारेव को देशभक्त कहते हैं।", None),  # "they call Ivo Marev a patriot": no speaker named by the object
])
def test_a_hindi_passive_or_an_object_names_nobody_and_reports_what_follows_ki(sentence, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.named_source is None
    assert (sentence[a.claim[0]:a.claim[1]] if a.claim else None) == claim


@pytest.mark.parametrize("sentence, claim", [
    # "according to X" inside a clause that goes on after it: no reported words in one piece (the whole sentence)
    ("O porto, segundo o conselho, está fechado.", None),
    ("Ситуацията в града, по думите на кмета, е под контрол.", None),
    # ... but a closing "according to X" with a participle about X still reports what came before
    ("Мостът ще бъде затворен, според инженерите, цитирани от вестника.", "Мостът ще бъде затворен"),
])
def test_according_to_inside_a_clause_reports_no_piece_of_it(sentence, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and (sentence[a.claim[0]:a.claim[1]] if a.claim else None) == claim


def test_a_place_in_capitals_before_a_colon_is_a_dateline_not_a_speaker():
    text = "NORVALE: The council will close the port in May. Shipping firms in Norvale expect delays."
    assert attribute(text, 0, text.index(" Shipping")).source is None
    text = "CCDH: The council will close the port in May. Shipping firms expect delays."
    assert attribute(text, 0, text.index(" Shipping")).source == "CCDH"  # an acronym speaks


@pytest.mark.parametrize("source, inside", [
    ("Президентът Иван Петров", "президентът Иван Петров"),  # a role the sentence's start capitalised
    ("Министерството на отбраната", "министерството на отбраната"),
    ("Премьер-министр Валдории", "премьер-министр Валдории"),
    ("Политико", "Политико"),  # an outlet whose name opens like a role ("политик") stays a name
])
def test_a_role_reads_in_lower_case_inside_a_sentence_and_a_name_does_not(source, inside):
    assert inside_sentence(source) == inside


@pytest.mark.parametrize("sentence, source, claim", [
    # a Hindi headline "X did Y, कहा- CLAIM": the words follow the dash, the speaker is the one marked with "ने"
    ("इवो मारेव ने पुल का दौरा किया, कहा- बंदरगाह बंद रहेगा", "इवो मारेव", "बंदरगाह बंद रहेगा"),
    ("बाढ़ से नाराज़ वालदोर, कहा- पुल बंद रहेगा", None, "पुल बंद रहेगा"),
])
def test_a_hindi_headline_said_after_a_comma_reports_what_follows_the_dash(sentence, source, claim):
    a = attribute(sentence)
    assert a.kind == ATTRIBUTED and a.named_source == source and sentence[a.claim[0]:a.claim[1]] == claim


def test_a_reason_after_a_dash_is_no_speaker_of_the_clause_before():
    sentence = "Встреч просто не было, — поскольку Валдор считает политику Норвала несправедливой."
    found = attribute(sentence)  # "..., because Valdor regards Norvale's policy as discriminatory"
    assert sentence[found.claim[0] : found.claim[1]] != "Встреч просто не было"



@pytest.mark.parametrize("sentence, source, claim", [
    # a report that closes the sentence holds the reporting words inside it: its speaker said all of it
    ("A Valdória considera a decisão injusta e o porto deve reabrir, declarou Ana Lima à rádio.", "Ana Lima",
     "A Valdória considera a decisão injusta e o porto deve reabrir"),
    ("Не съм казвал, че мостът ще бъде затворен, каза пред журналисти министърът Иван Петров.",
     "министърът Иван Петров",
     "Не съм казвал, че мостът ще бъде затворен"),
    ("Se o conselho cair, seria logo declarado que a votação foi ilegal, sugeriu Rui Matos.", "Rui Matos",
     "Se o conselho cair, seria logo declarado que a votação foi ilegal"),
    ("Мы считаем, что мост нужно открыть“, сказал министр Иван Петров.", "министр Иван Петров",
     "Мы считаем, что мост нужно открыть"),
    # not where an earlier speaker said it "that ..." and an agency or an outlet closes the sentence
    ("Иван Петров заяви, че пристанището ще затвори, посочи агенцията.", "Иван Петров", None),
    ("Ivo Marev said the port will close, the Wire reported.", "Ivo Marev", None),
    ("Пристанището ще затвори, каза Иван Петров, цитиран от агенцията.", "Иван Петров", None),
    # nor where no speaker follows the verb after the comma ("..., said that the ...", "..., said of ...")
    ("A post claims Ana Lima, a port official, said the bridge must close.", None, None),
])
def test_a_report_that_closes_the_sentence_is_who_said_it(sentence, source, claim):
    found = attribute(sentence)
    if source is None:
        assert found.named_source != "Ana Lima"  # the closing "said" names no speaker: the earlier cue stands
        assert found.cue == "claims"
        return
    assert found.kind == ATTRIBUTED and found.named_source == source
    if claim is not None:
        assert sentence[found.claim[0] : found.claim[1]] == claim


@pytest.mark.parametrize("sentence, source", [
    # the agency spoken to right after the verb, in the dative, is no part of the speaker
    ("Мост закроют в мае, сказал ТАСС сенатор Иван Петров.", "сенатор Иван Петров"),
    # a long role before the name: its qualifiers, a place or a bloc in quotation marks, whom the speaker cites
    (("Мост закроют в мае, сказал ТАСС опытный норвальский историк и доцент местного университета "
      "Иван Петров."), "Иван Петров"),
    ("Мостът ще бъде затворен, посочи снощи министърът на транспорта на Валдория Иван Петров.", "Иван Петров"),
    ('Мост закроют в мае, сказал депутат от блока "Заря" Иван Петров.', "Иван Петров"),
    ("Мост закроют в мае, сказал ТАСС глава рыбацкой артели Иван Петров со ссылкой на свои источники.",
     "Иван Петров"),
])
def test_the_speaker_after_the_verb_without_the_agency_and_what_qualifies_the_role(sentence, source):
    found = attribute(sentence)
    assert found.kind == ATTRIBUTED and found.named_source == source


@pytest.mark.parametrize("sentence, source, claim", [
    ("The researchers found that the bridge had been closed for years.", "The researchers",
     "the bridge had been closed for years"),
    ("В сообщении Минтранса Валдории указано, что мост закрыт до мая.", "Минтранса Валдории", "мост закрыт до мая"),
    ("«Мост закрыт до мая», - сказано в заявлении министерства.", None, "Мост закрыт до мая"),
    ("«Мост закрыт до мая», - добавил официальный представитель МВД Валдории.",
     "официальный представитель МВД Валдории", "Мост закрыт до мая"),
])
def test_a_finding_a_document_and_a_hyphen_after_a_quote_report(sentence, source, claim):
    found = attribute(sentence)
    assert found.kind == ATTRIBUTED and sentence[found.claim[0] : found.claim[1]] == claim
    if source is not None:
        assert found.named_source == source


@pytest.mark.parametrize("sentence", [
    "Ivo Marev is imposing new caps that, as its name implies, will limit the catch.",
    "वालदोर ने नोर्वेल से पुल खोलने के लिए कहा पर नोर्वेल ने मना कर दिया।",  # asked Norvale to open the bridge
])
def test_an_idiom_of_naming_or_a_hindi_request_reports_no_words(sentence):
    assert attribute(sentence).kind == STATED


def test_a_hindi_sentence_that_only_says_who_said_these_things_names_the_speaker_of_the_one_before():
    text = "बंदरगाह अगले महीने खुलेगा। मंत्री इवो मारेव ने ये बातें एक सम्मेलन में कहीं।"
    claim, naming = attribute_sentences(text, sentences(text))
    assert naming.refers_back and naming.named_source == "मंत्री इवो मारेव"
    assert claim.kind == ATTRIBUTED and claim.named_source == "मंत्री इवो मारेव"


def test_a_byte_order_mark_before_a_headline_hides_no_speaker():
    text = "\ufeffИван Петров: Мост закроют в мае\n\nРемонт начнётся летом."
    spans = sentences(text)
    assert text[spans[0][0]] == "И"
    assert attribute_sentences(text, spans)[0].named_source == "Иван Петров"


@pytest.mark.parametrize("sentence, source", [
    # a role after the verb, then its holder's name between commas, then where it was said: the name speaks
    ('"O porto vai fechar", disse a presidente do conselho, Ana Lima, no seu blogue.', "Ana Lima"),
    ('"The port will close," said the head of the port authority, Ivo Marev, in a statement.', "Ivo Marev"),
    ('"The port will close," said the mayor, who spoke at length, in a statement.', "the mayor"),
])
def test_the_name_in_apposition_after_the_verb_before_where_it_was_said_speaks(sentence, source):
    assert attribute(sentence).named_source == source


def test_a_dropped_subject_after_it_names_the_same_speaker():
    text = ('"O porto vai fechar", disse a presidente do conselho, Ana Lima, no seu blogue. '
            '"A decisão é definitiva", acrescentou.')
    assert [a.named_source for a in attribute_sentences(text, sentences(text))] == ["Ana Lima", "Ana Lima"]
