"""Chapter 3's vocabulary: principles, methods and the complaint-handling guide."""

from __future__ import annotations

import pandas as pd

from .. import terms
from ..i18n import N_, _, language


# --------------------------------------------------------------------------------------------
# Vocabulary of the chapter (standard textbook treatment for objections; S2 for complaints)
# --------------------------------------------------------------------------------------------

#: Principles of handling objections (处理客户异议的原则), standard textbook treatment.
PRINCIPLES = (
    (N_("prepare in advance"), "事前做好准备"),
    (N_("pick the right moment"), "选择恰当的时机"),
    (N_("never argue"), "不与客户争辩"),
    (N_("leave the customer face"), "给客户留面子"),
    (N_("treat objections as buying signals"), "把异议看作成交信号"),
)

#: What each principle asks of the salesperson.
PRINCIPLE_NOTES = {
    "prepare in advance": N_("List the objections you will meet (the catalogue is such a list) and "
                          "prepare an answer, with evidence, for each before the visit."),
    "pick the right moment": N_("Answer at once when the point blocks the sale; answer later, or "
                             "before it is raised, when that serves the customer better; never "
                             "press for a signature while a doubt is open."),
    "never argue": N_("Win the argument and lose the sale: correct facts politely, never the "
                   "customer's feelings, and never contradict just to be right."),
    "leave the customer face": N_("Acknowledge the point first (“I understand…”); never make the "
                               "customer look ignorant, especially in front of colleagues."),
    "treat objections as buying signals": N_("A customer who objects is thinking about buying: take "
                                          "the objection seriously and find what lies behind it."),
}

#: The six methods of handling an objection: what the method does, when it fits, a sample line
#: and the risk of using it in the wrong place.
METHOD_GUIDE = {
    "direct denial": (
        N_("Correct a factual error plainly and politely, with evidence."),
        N_("The objection rests on a wrong fact (a failure rate, a delivery record, a price trend)."),
        N_("Actually our delivery record to your city last year was 98% on time; here is the log."),
        N_("Used on an opinion or a feeling it becomes an argument and the customer loses face.")),
    "indirect denial": (
        N_("Agree with the customer's point first, then add what it leaves out (“yes, but…”)."),
        N_("The objection is partly true or an impression that deserves respect."),
        N_("You're right that online can be cheaper, but that price leaves out installation and "
        "warranty."),
        N_("A bare “but” without real agreement sounds like a trick.")),
    "compensation": (
        N_("Admit the weakness and weigh it against a larger benefit (补偿 = make up for it)."),
        N_("The objection is true (a higher price, an older design) and cannot be denied."),
        N_("Yes, we cost 8% more; over five years the lower running cost pays that back twice."),
        N_("Denying a true weakness first, then compensating, destroys trust.")),
    "turning it around": (
        N_("Use the objection itself as the reason to buy (太极: the force of the push is "
        "returned)."),
        N_("The reason given is, looked at again, a reason for the product (small, busy, young)."),
        N_("Precisely because your shop is small, a tool that saves one person's time matters most."),
        N_("Done glibly it sounds clever rather than helpful.")),
    "questioning": (
        N_("Ask what lies behind the objection before answering it."),
        N_("The objection is vague, hides another one, or the real decider is unknown."),
        N_("May I ask what the budget for this is based on, and who sets it?"),
        N_("Too many questions feel like an interrogation; ask, then listen.")),
    "ignoring": (
        N_("Let a minor or passing remark go and move the talk on (忽视 a small point)."),
        N_("The remark is an excuse, a joke or a general complaint not about this purchase."),
        N_("(smile) I understand. Let me show you the part you asked about."),
        N_("Ignoring a real concern tells the customer you do not take them seriously.")),
}

#: Aims of complaint handling (客户投诉处理的目的), S2 §9.3.
COMPLAINT_AIMS = (
    ("remove dissatisfaction and restore trust", "消除客户的不满、恢复信誉"),
    ("build the firm's quality-assurance system", "确立企业的品质保证体制"),
    ("collect customer information", "收集客户信息"),
    ("uncover latent requirements", "挖掘潜在的要求"),
)

#: Effects of complaint handling (客户投诉处理的效果), S2 §9.3.
COMPLAINT_EFFECTS = (
    ("wider and higher quality awareness", "扩大、提高企业的品质意识"),
    ("a stronger organisation", "强化组织的活动"),
    ("lower cost", "降低成本"),
    ("better design and production technology", "改进设计、生产技术"),
    ("secured and wider sales", "确保、扩大销路"),
    ("better methods and contracts", "改善方法及保证契约"),
)

#: Key points of effective complaint handling (有效处理客户投诉的要点), S2 §9.3.
COMPLAINT_KEY_POINTS = (
    ("accept complaints humbly", "虚心接受投诉"),
    ("find the cause", "追究原因"),
    ("take suitable emergency measures", "采取适当的应急措施"),
    ("fix the fault", "改善缺点"),
    ("build a complaint-management system", "建立客户投诉管理体系"),
    ("follow up", "后续动作的实施"),
)

#: What each of the six stages (投诉处理六阶段) asks, and where the complaints data records it.
STAGE_GUIDE = {
    "listen to the complaint": (N_("Let the customer speak, do not interrupt or defend; record "
                                "what happened, when, how severe, and whether they claim "
                                "compensation."), "date, category, severity, is_claim"),
    "analyse the cause": (N_("Find the real cause, in this case and across all complaints of the "
                          "same kind (the Pareto chart)."), "category (Pareto)"),
    "find a solution": (N_("Choose a remedy and a deadline; look at what kept similar customers "
                        "in the past."), "outcomes of similar complaints"),
    "tell the customer": (N_("Tell the customer the solution and the date, before acting, and "
                          "get agreement."), "days_to_resolve (the promise)"),
    "handle it": (N_("Carry the solution out quickly and completely; settle any claim."),
                  "resolved, days_to_resolve, claim_amount"),
    "review the result": (N_("Call back, check satisfaction, and fix the cause so it does not "
                          "happen again."), "followed_up, satisfaction_after, customer_kept"),
}


def principles_table() -> pd.DataFrame:
    """The principles of handling objections (four, and the often-added fifth) with their Chinese terms and what they ask.

    Parameters
    ----------

    Returns
    -------
    DataFrame
        The principles of handling objections (four, and the often-added fifth) with their Chinese terms and what they ask.

    Examples
    --------
    >>> principles_table()["principle"].tolist()[:2]
    ['prepare in advance', 'pick the right moment']
    """
    return pd.DataFrame([{"principle": en, "chinese": zh, "what it asks": _(PRINCIPLE_NOTES[en])}
                         for en, zh in PRINCIPLES])


def methods_table() -> pd.DataFrame:
    """The six methods of handling objections: Chinese term, what, when, sample line, risk.

    Parameters
    ----------

    Returns
    -------
    DataFrame
        The six methods of handling objections: Chinese term, what, when, sample line, risk.

    Examples
    --------
    >>> t = methods_table()
    >>> t.loc[t["method"] == "compensation", "chinese"].item()
    '补偿法'
    """
    rows = []
    for en, zh in terms.OBJECTION_METHODS:
        what, when, line, risk = (_(t) for t in METHOD_GUIDE[en])
        rows.append({"method": en, "chinese": zh, "what it does": what, "when it fits": when,
                     "sample line": line, "risk when misused": risk})
    return pd.DataFrame(rows)


def term_list(pairs) -> list[str]:
    """A list of the source's terms as a notebook shows it: ``"english (中文)"``, or the Chinese
    term alone when the course speaks Chinese.

    Parameters
    ----------
    pairs : sequence of tuple
        The terms as (English, 中文) pairs.

    Returns
    -------
    list of str
        One entry per term, in the course's language.

    Examples
    --------
    >>> term_list(COMPLAINT_AIMS)[2]
    'collect customer information (收集客户信息)'
    """
    return [zh if language() == "zh" else f"{en} ({zh})" for en, zh in pairs]
