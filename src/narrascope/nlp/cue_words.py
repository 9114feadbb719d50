"""The words that mark reported speech, by language (BG EN HI PT RU), as data for `nlp.attribution`:
reporting verbs, verbs that report only before a "that" clause, "that" itself, "according to" phrases (the
source after them; in Hindi before them) and the distancing adverbs ("allegedly", "якобы")."""
from __future__ import annotations

import re

# Reporting verbs, by language (lower case; stems end with `\w*` where the language inflects, but not into the
# participles, gerunds, adjectives and nouns of the same stems: "така наречения" (so-called), "считани за"
# (considered), "обвиняя" (accusing, which opens a phrase), "предупредителни изстрели" (warning shots), "считанные
# дни" (a few days), "отрицание" (denial)). The patterns of
# every language run on every text, so a Russian stem also meets Bulgarian words ("обвинявани", accused) and a
# Bulgarian one Russian words ("казаки", Cossacks; "казалось", it seemed), and a Russian one Bulgarian words of
# other meanings ("полага усилия", makes efforts; "отрицателни", negative; "увереност", confidence).
VERBS = {
    "en": r"(?:said|says|say|told|tells|stated|claimed|claims|warned|warns|argued|argues|alleged|alleges"
          r"|insisted|insists|noted|notes|added|adds|suggested|suggests|asserted|asserts|declared|declares"
          r"|announced|announces|accused|accuses|denied|denies|wrote|writes|tweeted|explained|explains|stressed"
          r"|stresses|emphasi[sz]ed|emphasi[sz]es|maintained|maintains|contended|contends|acknowledged"
          r"|admitted|admits|reported|reports|commented|remarked|urged|urges|predicted|predicts|believes"
          r"|quoted|cited|recalled|pointed out|went on to say|is said|are said|was quoted|mentioned|made it clear"
          r"|dismissed|rejected|vowed|vows|pledged|promised|threatened|proposed|responded|replied|disagreed|disagrees"
          r"|calls|called)",
    "ru": r"(?:сказал\w*|заявил\w*|заявля\w*|заявил\w*|отметил\w*|подчеркнул\w*|подчеркива\w*|сообщил\w*|сообща\w*"
          r"|утвержда\w*|утверждал\w*|предупредил\w*|предупрежда(?!вани)\w*|счита(?!н)\w*|полага(?:ет|ют|л|ла|ли|ю|ем)(?!\w)|пишет|пишут|написал\w*"
          r"|добавил\w*|переда[её]т|цитиру\w*|признал\w*|заверил\w*|обвинил\w*|обвиня(?!вани|ем|я(?!\w))\w*|отрица(?!ни|тел)\w*|объяснил\w*"
          r"|напомнил\w*|высказал\w*|(?:выразил\w* )?уверен(?!о(?!\w)|ост)\w*|говорит|говорят|говорил\w*|рассказал\w*|пояснил\w*|назвал\w*"
          r"|поясня(?:ет|ют|л|ла|ли)|рассказыва(?:ет|ют)"
          r"|отмеча\w*|ответил\w*|считают|отверг\w*|не соглас\w*)",
    "bg": r"(?:каза(?:х|л|ла|ли|ло|ха|хме|хте|но)?(?!\w)|заяви(?!тел)\w*|заявява\w*|посочи\w*|отбеляза\w*|подчерта\w*|съобщи\w*|съобщава\w*|твърди\w*"
          r"|предупреди(?!тел)\w*|смята(?!н)\w*|счита(?!н)\w*|написа(?!нн)\w*|изрази(?:ха|л|ла|ли)? увереност|пише|пишат|добави(?!м(?!\w))\w*|цитира\w*|обвини\w*|отрече\w*"
          r"|обясни\w*|припомни\w*|коментира\w*|уверява\w*|увери\w*|говори|отговори\w*|отбелязва\w*|нарече(?!н)\w*"
          r"|посочва\w*|отхвърли\w*|отхвърля\w*|не се съгласи\w*|подчертава(?:т|ше|ха)?)",
    "pt": r"(?:disse|disseram|dizem|diz|dizia|segundo ele|assegurou|asseguraram|" + "|".join(
        [f"{stem}(?:ou|aram|a|am|ava|avam)" for stem in (
            "afirm", "declar", "alert", "avis", "sustent", "acrescent", "consider", "critic", "acus", "neg", "sublinh",
            "salient", "fris", "explic", "observ", "aleg", "reiter", "lembr", "not", "rejeit", "cham", "adiant")]
        + [f"{stem}(?:eu|eram|e|em|ia|iam)" for stem in ("escrev", "defend", "respond", "reconhec", "advert")]
        + [f"{stem}(?:iu|iram|e|em)" for stem in ("garant", "insist", "admit", "refer", "discord", "advert")]) + ")",
    "hi": r"(?:कहा|कहते|कहती|कहना|कहता|बताया|बताते|बताती|दावा|चेतावनी|लिखा|आरोप|स्वीकार|घोषणा|माना|आगाह|जोर देकर|(?<!,\s)बोल[ाेी](?=\s*[-–:])"
          r"|ज़ोर देकर|खारिज|असहमति)",
}
# "that" after a reporting verb: what follows is the reported content.
THAT = r"(?:that|что|чтобы|че|que|कि)"
# "that" after a verb, at most two words between ("said on Monday that", "assegurou agora que")
THAT_SOON = re.compile(r"[\s,]*(?:\w+[\s,]+){0,2}?" + THAT + r"\b", re.IGNORECASE)
# Verbs that report only with a "that" clause after them ("revealed that ...", not "revealed the truth"; "states
# that", not "member states"; the plural present of the reporting verbs: "critics argue that", not "a warn";
# "уточнил, что", "потвърди, че", "revelou que", "твърдят, че" (the third person: "казваме, че" is the
# author's own); the speaker is read as for `VERBS`).
THAT_VERBS = (
    r"states|revealed|reveals|concluded|concludes|highlighted|highlights|reminded|reminds|confirmed|confirms|disclosed"
    r"|discloses|lamented|laments|boasted|boasts|demanded|demands|estimated|estimates|observed|observes|conceded"
    r"|concedes|speculated|assured|assures|argue|warn|insist|maintain|estimate|emphasise|emphasize|stress|suggest"
    r"|allege|contend|predict|assert|expressed|reiterated|found|finds|уточнил\w*|уточня\w*|предположил\w*|предполага\w*|указал\w*"
    r"|указыва\w*|заключил\w*|пообещал\w*|обеща\w*|посетовал\w*|подч[её]ркива\w*|подчёркнул\w*|констатир\w*"
    r"|объявил\w*|вспомнил\w*|призна(?:ха|л|ла|ли|ва|ват)?|обяви\w*|изтъкна\w*|изтъква\w*|потвърди\w*|потвърждава\w*|уточни\w*"
    r"|отрича\w*|допълни\w*|прогнозира\w*|изрази\w*|заключи\w*|твърдят|твърдя(?:л|ла|ли|ха)|твърдеше"
    r"|казва(?:т|л|ла|ли|ло|ше|ха)?|настоя(?:ха|ва|ват|ваше|ваха)?|сподели(?:ха)?|писал\w*|подтверди\w*"
    r"|подтвержда\w*|признают|признаёт|признает|говорится|указано|сказано|отмечено|" + "|".join(
        f"{stem}(?:ou|aram|a|am|ava|avam)" for stem in (
            "revel", "inform", "confirm", "record", "argument", "anunci", "enfatiz", "destac", "apont",
            "relat", "notici", "assinal", "constat", "estim", "ressalt", "reforç", "avali", "acredit", "coment", "analis",
            "denunci"))
    + r"|sugeriu|sugere|sugeriram|concluiu|concluíram|conclui|previu|preveem|prevê"
    # "indicou que" (said, of a person or an outlet; not "Tudo indica que", evidence), "descobriram que" (found)
    r"|indicou|indicaram|descobriu|descobriram|установи|установиха|оповести|оповестиха|добавят"
    # the Bulgarian and Russian phrases for "concluded that"
    r"|(?:стига|стигат|стигна|стигнаха) до извода|(?:пришёл|пришел|пришла|пришли|приходит|приходят) к выводу"
    # Portuguese compound tenses ("o ministério tem alertado que", "o ministro tinha considerado que")
    r"|(?:afirm|alert|consider|avanç|indic|notici|declar|garant|sublinh|defend|refer|anunci|advert|insist|reiter"
    r"|argument)ado|dito"
    # Hindi: "X का मानना है कि" (X believes that), "कह चुके हैं कि" (has said), "पुष्टि की कि" (confirmed); not the
    # author's "बता दें कि" (let us tell you that)
    r"|मानना है|मानते हैं|मानती हैं|कह चुके हैं|कह चुकी हैं|कह चुका है|कह रहे हैं|कह रही हैं|बता रहे हैं"
    r"|बता रही हैं|आश्वासन दिया|पुष्टि की|स्पष्ट किया|रिपोर्ट की थी|रिपोर्ट की है|निंदा की")
# "according to X", "по словам X": the source follows the phrase.
ACCORDING = (r"(?:according to|in the words of|по (?:его |её |ее |их )?словам|по (?:его |её |ее |их )?мнению"
             r"|(?:по|согласно) (?:предварительным |последним |официальным |последней |предварительной )?(?:данным|информации)"
             r"|согласно (?:сообщению|заявлению|оценкам|оценке|подсч[её]там|докладу|исследованию)"
             # "По сообщениям СМИ, ..." (as the media report), "По оценке X, ...", "По версии X, ..."
             r"|по (?:(?:предварительной|последней|официальной|предварительным|последним|некоторым) )?"
             r"(?:сообщениям|оценкам|оценке|версии|утверждению)"
             # "По оценки на X, ...", "По последните данни на X, ...", "По предварителни данни, ..."
             r"|по (?:(?:последните|предварителните|предварителни|официалните|официални) )?(?:данни|оценки|оценка|изчисления)"
             r"(?: на)?"
             r"|как (?:(?:ранее|раньше|уже|ранее уже|не раз|неоднократно|недавно) )?(?:сообща(?:ет|ют)|сообщ(?:ил|ал)\w*|заяв(?:ил|лял)\w*|уточн(?:ил|ял)\w*|отме(?:тил|чал)\w*"
             r"|поясн(?:ил|ял)\w*|подч[её]рк(?:нул|ивал)\w*|рассказ(?:ал|ывал)\w*|говорил\w*|утверждал\w*|пишет|писал\w*)"
             r"|според"
              r"|по думите (?:на|му|ѝ|й|им)|по данни на|segundo|de acordo com|conforme|citado por|na opinião de"
              r"|como (?:disse|afirmou|advertiu|alertou|declarou|sublinhou|referiu|escreveu|lembrou|explicou|observou"
              r"|salientou|notou)|както (?:заяви|каза|посочи|отбеляза|подчерта|съобщи|написа|предупреди|обясни)\w*)")
# Of those, the phrases that attribute only where they open the sentence: inside one they qualify a clause of
# it ("рыбаков, которые, по версии следствия, якобы ...", within what "Он отметил" reports).
OPENING_ONLY = re.compile(r"по (?:\w+ )?(?:сообщениям|оценкам|оценке|версии|утверждению|оценки|оценка|изчисления)"
                          r"(?: на)?|по \w+ данни(?: на)?|по данни")  # "по данни от 1884 г.": from records
ACCORDING_AFTER = r"(?:के अनुसार|के मुताबिक|का कहना है|के हवाले से)"  # Hindi: the source precedes the phrase
DISTANCING = (r"(?:allegedly|reportedly|purportedly|supposedly|якобы|будто бы|мол|дескать|уж|твърди се|се твърди"
               r"|alegadamente|supostamente|pretensamente|कथित तौर पर|कथित रूप से|कथित)")
