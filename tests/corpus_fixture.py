"""A small invented corpus of analysed documents for the store, API and UI tests.

Texts are written for these tests (fictional people and places); analyses are built by hand so the
tests know exactly which spans, labels and roles are stored, and so they do not depend on trained
models. One document has only a language (as if only the `language` analyzer ran) to check that
every view copes with missing fields.
"""
from __future__ import annotations

from dataclasses import replace

from narrascope.document import Analysis, Document, Entity, Explanation, LabelScore, ParagraphLabels, Span

BLAME = "URW: Blaming the war on others rather than the invader"
BLAME_WEST = "URW: Blaming the war on others rather than the invader: The West are the aggressors"
VICTIM = "URW: Russia is the Victim"
VICTIM_RUSSOPHOBIC = "URW: Russia is the Victim: The West is russophobic"
POLICIES = "CC: Criticism of climate policies"
POLICIES_ECONOMY = "CC: Criticism of climate policies: Climate policies have negative impact on the economy"

TEXT_ALLIANCE = (
    "Minister Varga warns the Alliance is pushing Eastland into war\n\n"
    "Minister Varga said on Monday that the Alliance had provoked the crisis by moving ever more troops "
    "to the border. \"These reckless warmongers want a fire they cannot control,\" Varga told reporters. "
    "He called for talks and said Eastland only wants calm.\n\n"
    "Critics in Westport answered that the troops were sent only after the first attacks."
)
TEXT_SUBSIDIES = (
    "Subsidy plan will empty our wallets, farmers say\n\n"
    "The new carbon levy will ruin every small farm in the valley, the farmers' union claimed. "
    "Everyone knows the plan was written by lobbyists who never saw a field. "
    "Union leader Mara Olsen said the levy doubles fuel costs while emissions stay the same."
)
TEXT_RU = (
    "Западные СМИ снова обвиняют Истландию\n\n"
    "Газета Westport Herald опять назвала Истландию угрозой для всех соседей. "
    "Министр Варга ответил, что это очередная кампания ненависти против его страны."
)
TEXT_BG = (
    "Фермерите протестират срещу новия данък\n\n"
    "Стотици фермери се събраха пред министерството. Те казват, че данъкът ще унищожи малките стопанства."
)
TEXT_HI = (
    "किसानों ने नए कर का विरोध किया\n\n"
    "घाटी के किसानों का कहना है कि नया कर छोटे खेतों को बर्बाद कर देगा। संघ की नेता मारा ओल्सेन ने बैठक बुलाई।"
)
TEXT_PLAIN = (
    "Harbour festival draws record crowds\n\n"
    "The summer harbour festival in Lindvik welcomed more visitors than ever, with boat races and music "
    "on every pier until midnight."
)


def span(text: str, phrase: str, label: str = "", score: float = 1.0, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), label, score)


def mentions(text: str, name: str) -> list[Span]:
    out, start = [], text.find(name)
    while start >= 0:
        out.append(Span(start, start + len(name), name))
        start = text.find(name, start + 1)
    return out


def make_analyses() -> list[Analysis]:
    full = ["language", "narratives", "entities", "roles", "techniques", "explain"]
    t = TEXT_ALLIANCE
    claim = replace(span(t, "the Alliance had provoked the crisis by moving ever more troops to the border."),
                    attribution="attributed", attributed_to="Minister Varga")  # "Minister Varga said ... that"
    alliance = Analysis(
        document=Document(text=t, id="alliance.txt", title="Minister Varga warns the Alliance is pushing Eastland "
                          "into war", source="daily.example", published="2024-03-04T09:30:00Z",
                          url="https://daily.example/varga"),
        language="en", language_score=0.99, domain="URW", domain_score=0.9,
        narratives=[LabelScore(BLAME, 0.91, evidence=[claim])],
        subnarratives=[LabelScore(BLAME_WEST, 0.84, parent=BLAME, evidence=[claim])],
        entities=[
            Entity("Varga", "PER", "Protagonist", 0.8, [LabelScore("Peacemaker", 0.7)], mentions(t, "Varga")),
            Entity("the Alliance", "ORG", "Antagonist", 0.88, [LabelScore("Instigator", 0.81)],
                   mentions(t, "the Alliance"), salience=0.72),
            Entity("Eastland", "GPE", "Innocent", 0.6, [LabelScore("Victim", 0.55)], mentions(t, "Eastland")),
        ],
        techniques=[
            span(t, "These reckless warmongers", "Name_Calling-Labeling", 0.93),
            span(t, "want a fire they cannot control", "Appeal_to_Fear-Prejudice", 0.71),
            span(t, "reckless", "Loaded_Language", 0.88),
        ],
        # The fear appeal is a weak label: given, but below the model's weak_below.
        paragraph_techniques=[ParagraphLabels(number=3, start=t.index("Minister Varga said"), end=t.index("\n\nCritics"),
                                              labels=[LabelScore("Name_Calling-Labeling", 0.9, evidence=[
                                                          span(t, "These reckless warmongers", "Name_Calling-Labeling", 0.93)]),
                                                      LabelScore("Loaded_Language", 0.8, evidence=[
                                                          span(t, "reckless", "Loaded_Language", 0.88)]),
                                                      LabelScore("Appeal_to_Fear-Prejudice", 0.31, weak=True, evidence=[
                                                          span(t, "want a fire they cannot control", "Appeal_to_Fear-Prejudice", 0.71)])])],
        explanation=Explanation(narrative=BLAME, subnarrative=BLAME_WEST,
                                text="The minister places the cause of the crisis on the Alliance's troop moves.",
                                evidence=[claim], method="evidence-template"),
        analyzers=full,
    )
    t = TEXT_SUBSIDIES
    levy = replace(span(t, "The new carbon levy will ruin every small farm in the valley, the farmers' union claimed."),
                   attribution="attributed", attributed_to="the farmers' union")  # reported, not stated
    subsidies = Analysis(
        document=Document(text=t, id="subsidies.txt", title="Subsidy plan will empty our wallets, farmers say",
                          source="farm.example", published="2024-03-12"),
        language="en", language_score=0.98, domain="CC", domain_score=0.8,
        narratives=[LabelScore(POLICIES, 0.87, evidence=[levy])],
        subnarratives=[LabelScore(POLICIES_ECONOMY, 0.8, parent=POLICIES)],
        entities=[Entity("Mara Olsen", "PER", "Protagonist", 0.7, [LabelScore("Guardian", 0.6)],
                         mentions(t, "Mara Olsen"))],
        techniques=[span(t, "will ruin every small farm", "Exaggeration-Minimisation", 0.82),
                    span(t, "Everyone knows", "Appeal_to_Popularity", 0.77)],
        # A paragraph-level label without a span of its own: still counts as using the technique.
        paragraph_techniques=[ParagraphLabels(number=3, start=t.index("The new"), end=len(t),
                                              labels=[LabelScore("Loaded_Language", 0.64)])],
        analyzers=full,
    )
    t = TEXT_RU
    ru = Analysis(
        document=Document(text=t, id="ru-1", title="Западные СМИ снова обвиняют Истландию", source="vesti.example",
                          published="2024-04-02"),
        language="ru", language_score=0.97, domain="URW", domain_score=0.7,
        narratives=[LabelScore(VICTIM, 0.76, evidence=[span(t, "это очередная кампания ненависти против его страны")])],
        subnarratives=[LabelScore(VICTIM_RUSSOPHOBIC, 0.7, parent=VICTIM)],
        entities=[Entity("Westport Herald", "ORG", "Antagonist", 0.66, [], mentions(t, "Westport Herald")),
                  Entity("Варга", "PER", "Protagonist", 0.5, [], mentions(t, "Варга"))],
        techniques=[span(t, "кампания ненависти", "Loaded_Language", 0.8)],
        analyzers=full,
    )
    bg = Analysis(
        document=Document(text=TEXT_BG, id="bg-1", title="Фермерите протестират срещу новия данък", source="farm.example"),
        language="bg", language_score=0.95, domain="CC", domain_score=0.6,
        narratives=[LabelScore(POLICIES, 0.61, evidence=[replace(
            span(TEXT_BG, "Стотици фермери се събраха пред министерството."), attribution="stated")])],
        analyzers=full,
    )
    hi = Analysis(
        document=Document(text=TEXT_HI, id="hi-1", title="किसानों ने नए कर का विरोध किया", source="farm.example",
                          published="2024-05-20"),
        language="hi", language_score=0.99, domain="CC", domain_score=0.6,
        narratives=[LabelScore(POLICIES, 0.58)],
        entities=[Entity("मारा ओल्सेन", "PER", "Protagonist", 0.6, [], mentions(TEXT_HI, "मारा ओल्सेन"))],
        analyzers=full,
    )
    plain = Analysis(
        document=Document(text=TEXT_PLAIN, id="festival.txt", title="Harbour festival draws record crowds",
                          source="daily.example", published="2024-03-05"),
        language="en", language_score=0.99, analyzers=["language"],
    )
    return [alliance, subsidies, ru, bg, hi, plain]
