"""Invented news stories for the corpus-intelligence tests (fictional places, people and outlets).

Two stories are told in several languages by several outlets; one press release is copied word for
word (with each outlet's own footer) by three outlets; a few unrelated articles stand alone.
"""
from __future__ import annotations

BRIDGE = [
    ("en", "Valley Post", "2024-05-02",
     ("Old rail bridge collapses over the Mirna river\n\n"
     "The old rail bridge over the Mirna river collapsed early on Thursday, hours after the last freight "
     "train had crossed it. Nobody was hurt, the regional rail company said, but the line to the coast "
     "will stay closed for months while engineers inspect the remaining pillars.")),
    ("ru", "Vestnik Doliny", "2024-05-02",
     ("Старый железнодорожный мост рухнул в реку Мирна\n\n"
     "Старый железнодорожный мост через реку Мирна обрушился в четверг рано утром, через несколько часов "
     "после того как по нему прошёл последний грузовой поезд. Никто не пострадал, сообщила железнодорожная "
     "компания, но линия к побережью будет закрыта на несколько месяцев.")),
    ("pt", "Jornal do Vale", "2024-05-03",
     ("Ponte ferroviária antiga desaba sobre o rio Mirna\n\n"
     "A antiga ponte ferroviária sobre o rio Mirna desabou na madrugada de quinta-feira, horas depois de o "
     "último comboio de mercadorias a ter atravessado. Ninguém ficou ferido, disse a empresa ferroviária, "
     "mas a linha para a costa ficará fechada durante meses.")),
]
GRAIN = [
    ("en", "Harbour Daily", "2024-05-10",
     ("Neighbours sign a grain export deal at the port of Sallin\n\n"
     "The two governments signed an agreement on Friday that lets grain ships leave the port of Sallin "
     "under the protection of a joint naval patrol. Farmers welcomed the deal, saying their silos were full "
     "and prices at home had collapsed.")),
    ("ru", "Morskie Vesti", "2024-05-11",
     ("Соседи подписали соглашение об экспорте зерна через порт Саллин\n\n"
     "Правительства двух стран в пятницу подписали соглашение, которое позволяет зерновозам выходить из "
     "порта Саллин под охраной совместного морского патруля. Фермеры приветствовали сделку.")),
]
PRESS_RELEASE = (
    "Ministry: the new pipeline will make the region independent\n\n"
    "The Ministry of Energy announced today that the northern pipeline is finished and will carry gas to "
    "every town in the region by winter. According to the minister, the project shows that the country "
    "no longer needs foreign suppliers and that critics who predicted failure were paid to spread doubt. "
    "The ministry thanked the workers who laid four hundred kilometres of pipe through the marshes in "
    "less than two years, and promised lower heating bills for every family from next year."
)
COPIES = [
    ("en", "Northern Herald", "2024-05-20", PRESS_RELEASE + "\n\nRead more news at the Northern Herald."),
    ("en", "Capital Times", "2024-05-20", PRESS_RELEASE.replace("announced today", "announced on Monday")),
    ("en", "Daily Beacon", "2024-05-21", PRESS_RELEASE + "\n\nShare this article with your friends."),
]
SINGLES = [
    ("en", "Valley Post", "2024-05-04",
     ("Harbour festival draws record crowds\n\n"
     "The summer harbour festival in Lindvik welcomed more visitors than ever, with boat races and music on "
     "every pier until midnight.")),
    ("en", "Harbour Daily", "2024-05-15",
     ("Local chess club celebrates its centenary\n\n"
     "Members of the Lindvik chess club played a hundred simultaneous games in the town square to mark the "
     "club's hundredth year.")),
]

# A claim the built-in taxonomy has no label for, told by several outlets in different words.
TOWERS = [
    ("en", "Free Voice", "2024-05-12",
     ("Are the new radio towers drying out our fields?\n\n"
     "Farmers near Sallin say the rain stopped the week the new radio towers were switched on. They believe "
     "the towers push the clouds away and that the drought is being caused on purpose.")),
    ("en", "Open Eyes", "2024-05-13",
     ("Radio towers blamed for the drought by worried farmers\n\n"
     "More farmers claim the radio towers built last spring scatter the rain clouds. The drought, they say, "
     "began exactly when the towers started to transmit.")),
    ("en", "Truth Daily", "2024-05-14",
     ("The drought and the towers: what they are not telling you\n\n"
     "Since the radio towers went up there has been no rain, and villagers are convinced the towers are "
     "keeping the clouds away from the farmland on purpose.")),
    ("ru", "Svobodny Golos", "2024-05-15",
     ("Фермеры обвиняют новые радиовышки в засухе\n\n"
     "Фермеры уверены, что новые радиовышки разгоняют дождевые облака и что засуха началась именно тогда, "
     "когда вышки включили.")),
]


def all_articles() -> list[tuple[str, str, str, str]]:
    """(lang, source, date, text) of every article."""
    return BRIDGE + GRAIN + COPIES + SINGLES + TOWERS
