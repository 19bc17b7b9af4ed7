"""The objections catalogue: what customers say, its objection type and the methods that fit.

Objection types (客户异议的类型) and handling methods (处理客户异议的方法) follow the standard textbook
treatment of customer objections; the source slides give only the heading.
"""

from __future__ import annotations

import pandas as pd

from .i18n import N_

# (type, statement, statement_zh, best method, other fitting methods, why)
_ROWS = (
    ("need", "We don't need this; what we have works fine.",
     "我们不需要，现在用的挺好的。", "questioning", ("turning it around",),
     N_("A need objection is often a need not yet seen: ask about their current costs and problems "
     "before arguing.")),
    ("need", "This is too advanced for a shop our size.",
     "这东西对我们这么小的店来说太高级了。", "turning it around", ("questioning",),
     N_("Being small is the very reason a simple, scalable tool saves them staff time.")),
    ("need", "We already have a supplier for that.",
     "这个我们已经有供应商了。", "questioning", ("indirect denial",),
     N_("Find out what the current supplier does not do well before offering anything.")),
    ("need", "Nobody here has asked for it.",
     "我们这里没人提过这个需求。", "questioning", ("turning it around",),
     N_("Ask who would use it and what they struggle with; the need may be latent.")),
    ("price", "Your price is much higher than the others'.",
     "你们的价格比别家贵很多。", "compensation", ("indirect denial", "questioning"),
     N_("The price is higher: admit it and weigh it against longer life, service and lower running "
     "cost.")),
    ("price", "Give me 20% off or there is no deal.",
     "给我打八折，否则免谈。", "questioning", ("compensation",),
     N_("Ask what the 20% is based on and what matters most; trade concessions for volume or terms "
     "rather than giving them away.")),
    ("price", "It's too expensive for what it is.",
     "就这东西，太贵了。", "compensation", ("indirect denial",),
     N_("Show the value the customer is not yet counting: total customer value against total "
     "customer cost.")),
    ("price", "I can get it cheaper online.",
     "网上买更便宜。", "indirect denial", ("compensation",),
     N_("Agree online can be cheaper, then show what the online price leaves out: installation, "
     "warranty, a person to call.")),
    ("product", "Your machine breaks down too often.",
     "你们的机器老出故障。", "direct denial", ("questioning",),
     N_("If the claim is factually wrong, correct it politely with the failure-rate data; never argue "
     "about feelings, only facts.")),
    ("product", "The design looks old-fashioned.",
     "款式看起来太老了。", "compensation", ("turning it around",),
     N_("Concede the look, stress the proven reliability and parts availability.")),
    ("product", "I'm not sure it will fit our production line.",
     "我不确定它适不适合我们的生产线。", "questioning", ("compensation",),
     N_("Ask about the line's specifications; a trial or site visit answers the doubt.")),
    ("product", "It only comes in one size.",
     "它只有一种规格。", "turning it around", ("compensation",),
     N_("One standard size means lower spares stock and faster delivery for the customer.")),
    ("source", "I have never heard of your company.",
     "从没听说过你们公司。", "compensation", ("indirect denial",),
     N_("Give proof of standing: references, certificates, years in business, known customers.")),
    ("source", "We only buy from big brands.",
     "我们只买大品牌的。", "indirect denial", ("compensation",),
     N_("Agree brands matter, then show that our quality equals theirs at better service.")),
    ("source", "Your company is too far away to deliver on time.",
     "你们公司离得太远，送货肯定不及时。", "direct denial", ("compensation",),
     N_("When the belief is wrong (a regional warehouse exists), correct the fact with the delivery "
     "record.")),
    ("source", "Foreign products are better than domestic ones.",
     "进口的比国产的好。", "indirect denial", ("questioning",),
     N_("Acknowledge the reputation, then compare on the points that matter to this customer.")),
    ("salesperson", "The last rep from your company never called back.",
     "你们上次那个业务员根本不回电话。", "indirect denial", ("compensation",),
     N_("Apologise and accept the feeling, then show what is different now: a named contact and a "
     "response time.")),
    ("salesperson", "You are too young to know our business.",
     "你太年轻了，不懂我们这行。", "turning it around", ("questioning",),
     N_("Turn it into a reason to listen: ask them to teach you their business, and bring the "
     "expert along.")),
    ("salesperson", "I don't like being pressed by salespeople.",
     "我不喜欢被推销员逼着买东西。", "ignoring", ("indirect denial",),
     N_("A passing remark about salespeople in general: do not debate it, change pace and let the "
     "customer lead.")),
    ("salesperson", "You're just saying that to sell.",
     "你这么说不过是为了卖东西。", "compensation", ("indirect denial",),
     N_("Offer third-party proof (tests, references) so the claim no longer rests on your word.")),
    ("timing", "Come back next quarter.",
     "下个季度再说吧。", "questioning", ("turning it around",),
     N_("Find out what changes next quarter; a timing objection often hides another one.")),
    ("timing", "We just signed with someone else for this year.",
     "我们今年刚和别家签了合同。", "turning it around", ("questioning",),
     N_("Use the time to prepare: offer a trial or a small order so the switch is easy next year.")),
    ("timing", "Prices will drop, we'll wait.",
     "价格还会降，我们再等等。", "direct denial", ("compensation",),
     N_("If prices are set to rise (material costs, a fixed price list), say so plainly with the "
     "evidence.")),
    ("timing", "We are too busy with the new year orders now.",
     "现在忙着年前的订单，没空。", "turning it around", ("questioning",),
     N_("Busy season is when delays hurt most: the product helps exactly now.")),
    ("financial", "We don't have the budget this year.",
     "今年没有这笔预算。", "questioning", ("compensation",),
     N_("Ask when budgets are set and who sets them; offer instalments or a lease.")),
    ("financial", "Our cash is tight at the moment.",
     "我们现在资金紧张。", "compensation", ("questioning",),
     N_("Offer payment terms or a smaller first order whose savings pay for the next one.")),
    ("financial", "We can't afford the whole system.",
     "整套系统我们买不起。", "compensation", ("turning it around",),
     N_("Split the system into stages; the first stage's savings fund the rest.")),
    ("financial", "The bank won't lend for equipment now.",
     "现在银行不给设备贷款。", "questioning", ("compensation",),
     N_("Find out what financing they do have; our leasing partner may be the answer.")),
    ("authority", "I have to ask my boss.",
     "我得请示老板。", "questioning", ("turning it around",),
     N_("Ask who decides and what they need to see; offer to meet the decider together.")),
    ("authority", "The purchasing committee decides, not me.",
     "采购委员会决定，不是我。", "questioning", ("compensation",),
     N_("Map the buying centre: who initiates, influences, decides, buys and uses.")),
    ("authority", "Head office chooses our suppliers.",
     "供应商是总部定的。", "questioning", ("indirect denial",),
     N_("Ask for the head-office contact and what the branch can recommend.")),
    ("authority", "My partner would never agree to this.",
     "我的合伙人绝不会同意的。", "indirect denial", ("questioning",),
     N_("Accept the partner's role, then ask what their concern would be and answer it for both.")),
)


def objections() -> pd.DataFrame:
    """The objections catalogue as a DataFrame (one row per statement).

    Examples
    --------
    >>> df = objections()
    >>> sorted(df["type"].unique())[:3]
    ['authority', 'financial', 'need']
    """
    rows = []
    for i, (typ, en, zh, best, others, why) in enumerate(_ROWS, start=1):
        rows.append({"objection_id": i, "type": typ, "statement": en, "statement_zh": zh,
                     "best_method": best, "fitting_methods": "; ".join((best,) + tuple(others)),
                     "why": why})
    return pd.DataFrame(rows)
