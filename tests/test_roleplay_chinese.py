"""The role-play reads Chinese replies as it reads English ones.

Each pair is one reply in English and in Chinese; both must be read as the same handling method
(every method of the course is here), with the same broken principles and the same
acknowledgement, and must move the customer's trust the same way in a role-play.
"""

from __future__ import annotations

import pytest

from casekit import terms
from casekit.objections import classify_approach, score_response
from casekit.roleplay import SCENARIOS, RolePlay

TWINS = [
    ("Precisely because you are small, it saves you a person.",
     "正因为您的店小，它才能帮您省下一个人。"),
    ("I understand your concern, but the machine is built for heavy use.",
     "我理解您的担心，不过这台机器就是为高强度使用设计的。"),
    ("Actually, the records show it broke only once in five years.",
     "其实，记录显示它五年里只坏过一次。"),
    ("It costs more, but on the other hand it pays for itself in a year.",
     "价格是高一些，但它一年就能收回成本，物有所值。"),
    ("May I ask what the budget is based on?",
     "请问您的预算是根据什么定的？"),
    ("(smiles) Let me show you the new model.",
     "（微笑）我先给您看看新款。"),
    ("You're wrong, you don't understand this.",
     "你说的不对，你根本不懂这个。"),
    ("That's nonsense, everyone knows our brand.",
     "胡说，谁都知道我们的牌子。"),
    ("Sign today, it is your last chance.",
     "今天就签吧，这是最后的机会。"),
    ("Thank you, I see your point.",
     "谢谢，我明白您的意思。"),
]


def _reading(text):
    a = classify_approach(text)
    return a.method, a.broken, a.acknowledges


@pytest.mark.parametrize("english, chinese", TWINS, ids=[e[:24] for e, _ in TWINS])
def test_a_chinese_reply_reads_like_its_english_twin(english, chinese):
    assert _reading(chinese) == _reading(english)


def test_every_method_has_a_chinese_twin():
    methods = {classify_approach(zh).method for _, zh in TWINS} - {None}
    assert methods == set(terms.english(terms.OBJECTION_METHODS))


def test_every_principle_breach_has_a_chinese_twin():
    broken = {p for _, zh in TWINS for p in classify_approach(zh).broken}
    assert broken == {"never argue", "leave the customer face", "pick the right moment"}


def test_the_reported_reply_is_caught():
    a = classify_approach("你说的不对，你根本不懂这个。")
    assert a.method == "direct denial"
    assert set(a.broken) == {"never argue", "leave the customer face"}


@pytest.mark.parametrize("english, chinese", TWINS, ids=[e[:24] for e, _ in TWINS])
def test_twins_score_alike_on_every_objection_type(english, chinese):
    row = {"type": "price", "best_method": "compensation",
           "fitting_methods": "compensation; indirect denial; questioning", "why": "Price is true."}
    en, zh = score_response(row, english), score_response(row, chinese)
    assert (en.method, en.fit, en.points, en.broken, en.trust_change) == \
           (zh.method, zh.fit, zh.points, zh.broken, zh.trust_change)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_a_role_play_in_chinese_ends_as_in_english(scenario):
    """Replying to each objection with the Chinese twin of an English reply gives the same game."""
    plays = []
    for k in (0, 1):
        rp = RolePlay(scenario, seed=3)
        turns = []
        for i in range(len(rp.objections)):
            if rp.status != "open":
                break
            turn = rp.respond(TWINS[i % len(TWINS)][k])
            turns.append((turn.method, turn.fit, turn.points, turn.broken, turn.trust_after))
        plays.append((turns, rp.status, rp.trust))
    assert plays[0] == plays[1]
    assert plays[1][0], "the Chinese replies were read"
