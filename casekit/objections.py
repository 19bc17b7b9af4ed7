"""Chapter 3: customer objections and complaints (客户异议处理、客户投诉处理).

Two halves, one idea: what a customer says against us is information, not an attack.

*Objections* (客户异议) are what a prospect says against buying.  The source slides give only the
heading of this section (S0 §3.3), so the kit follows the standard textbook treatment: eight
objection types (:data:`casekit.terms.OBJECTION_TYPES`), five principles of handling them
(:data:`PRINCIPLES`) and six methods (:data:`casekit.terms.OBJECTION_METHODS`, explained in
:data:`METHOD_GUIDE`).  :func:`objection_types` and :func:`method_fit` summarise the objections
catalogue; :func:`classify_approach` reads a free-text reply and :func:`score_response` scores a
reply against one objection, which is what the role-play simulator (:mod:`casekit.roleplay`) uses.

*Complaints* (客户投诉) follow the sources (S2 §9.3, S4): aims and effects of complaint handling
(:data:`COMPLAINT_AIMS`, :data:`COMPLAINT_EFFECTS`), the six-stage process
(:func:`six_stage_process`), its key points (:data:`COMPLAINT_KEY_POINTS`) and claims (索赔).  On the
complaints data: :func:`complaint_pareto` (causes), :func:`resolution_summary` (time to resolve),
:func:`speed_band`, :func:`handling_band` and :func:`complaint_outcomes` (satisfaction and customers
kept against speed and quality of handling and follow-up), :func:`silent_customer_test` ("if you hear no complaints, the relationship is
going downhill") and :func:`claims_summary`.

Every function is pure and vectorised and checks its input first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import terms
from .validate import require_choice, require_frame, require_number

__all__ = [
    "PRINCIPLES", "PRINCIPLE_NOTES", "METHOD_GUIDE", "COMPLAINT_AIMS", "COMPLAINT_EFFECTS",
    "COMPLAINT_KEY_POINTS", "STAGE_GUIDE",
    "principles_table", "methods_table", "objection_types", "method_fit", "find_method",
    "Approach", "classify_approach", "ResponseScore", "score_response",
    "complaint_pareto", "resolution_summary", "speed_band", "handling_band",
    "complaint_outcomes",
    "silent_customer_test", "claims_summary", "six_stage_process", "Case", "escalation_case",
    "complaint_history", "yearly_value",
]

# --------------------------------------------------------------------------------------------
# Vocabulary of the chapter (standard textbook treatment for objections; S2 for complaints)
# --------------------------------------------------------------------------------------------

#: Principles of handling objections (处理客户异议的原则), standard textbook treatment.
PRINCIPLES = (
    ("prepare in advance", "事前做好准备"),
    ("pick the right moment", "选择恰当的时机"),
    ("never argue", "不与客户争辩"),
    ("leave the customer face", "给客户留面子"),
    ("treat objections as buying signals", "把异议看作成交信号"),
)

#: What each principle asks of the salesperson.
PRINCIPLE_NOTES = {
    "prepare in advance": "List the objections you will meet (the catalogue is such a list) and "
                          "prepare an answer, with evidence, for each before the visit.",
    "pick the right moment": "Answer at once when the point blocks the sale; answer later, or "
                             "before it is raised, when that serves the customer better; never "
                             "press for a signature while a doubt is open.",
    "never argue": "Win the argument and lose the sale: correct facts politely, never the "
                   "customer's feelings, and never contradict just to be right.",
    "leave the customer face": "Acknowledge the point first (“I understand…”); never make the "
                               "customer look ignorant, especially in front of colleagues.",
    "treat objections as buying signals": "A customer who objects is thinking about buying: take "
                                          "the objection seriously and find what lies behind it.",
}

#: The six methods of handling an objection: what the method does, when it fits, a sample line
#: and the risk of using it in the wrong place.
METHOD_GUIDE = {
    "direct denial": (
        "Correct a factual error plainly and politely, with evidence.",
        "The objection rests on a wrong fact (a failure rate, a delivery record, a price trend).",
        "Actually our delivery record to your city last year was 98% on time; here is the log.",
        "Used on an opinion or a feeling it becomes an argument and the customer loses face."),
    "indirect denial": (
        "Agree with the customer's point first, then add what it leaves out (“yes, but…”).",
        "The objection is partly true or an impression that deserves respect.",
        "You're right that online can be cheaper, but that price leaves out installation and "
        "warranty.",
        "A bare “but” without real agreement sounds like a trick."),
    "compensation": (
        "Admit the weakness and weigh it against a larger benefit (补偿 = make up for it).",
        "The objection is true (a higher price, an older design) and cannot be denied.",
        "Yes, we cost 8% more; over five years the lower running cost pays that back twice.",
        "Denying a true weakness first, then compensating, destroys trust."),
    "turning it around": (
        "Use the objection itself as the reason to buy (太极: the force of the push is "
        "returned).",
        "The reason given is, looked at again, a reason for the product (small, busy, young).",
        "Precisely because your shop is small, a tool that saves one person's time matters most.",
        "Done glibly it sounds clever rather than helpful."),
    "questioning": (
        "Ask what lies behind the objection before answering it.",
        "The objection is vague, hides another one, or the real decider is unknown.",
        "May I ask what the budget for this is based on, and who sets it?",
        "Too many questions feel like an interrogation; ask, then listen."),
    "ignoring": (
        "Let a minor or passing remark go and move the talk on (忽视 a small point).",
        "The remark is an excuse, a joke or a general complaint not about this purchase.",
        "(smile) I understand. Let me show you the part you asked about.",
        "Ignoring a real concern tells the customer you do not take them seriously."),
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
    "listen to the complaint": ("Let the customer speak, do not interrupt or defend; record "
                                "what happened, when, how severe, and whether they claim "
                                "compensation.", "date, category, severity, is_claim"),
    "analyse the cause": ("Find the real cause, in this case and across all complaints of the "
                          "same kind (the Pareto chart).", "category (Pareto)"),
    "find a solution": ("Choose a remedy and a deadline; look at what kept similar customers "
                        "in the past.", "outcomes of similar complaints"),
    "tell the customer": ("Tell the customer the solution and the date, before acting, and "
                          "get agreement.", "days_to_resolve (the promise)"),
    "handle it": ("Carry the solution out quickly and completely; settle any claim.",
                  "resolved, days_to_resolve, claim_amount"),
    "review the result": ("Call back, check satisfaction, and fix the cause so it does not "
                          "happen again.", "followed_up, satisfaction_after, customer_kept"),
}


def principles_table() -> pd.DataFrame:
    """The five principles of handling objections with their Chinese terms and what they ask.

    Examples
    --------
    >>> principles_table()["principle"].tolist()[:2]
    ['prepare in advance', 'pick the right moment']
    """
    return pd.DataFrame([{"principle": en, "chinese": zh, "what it asks": PRINCIPLE_NOTES[en]}
                         for en, zh in PRINCIPLES])


def methods_table() -> pd.DataFrame:
    """The six methods of handling objections: Chinese term, what, when, sample line, risk.

    Examples
    --------
    >>> t = methods_table()
    >>> t.loc[t["method"] == "compensation", "chinese"].item()
    '补偿法'
    """
    rows = []
    for en, zh in terms.OBJECTION_METHODS:
        what, when, line, risk = METHOD_GUIDE[en]
        rows.append({"method": en, "chinese": zh, "what it does": what, "when it fits": when,
                     "sample line": line, "risk when misused": risk})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# The objections catalogue
# --------------------------------------------------------------------------------------------

_TYPES = terms.english(terms.OBJECTION_TYPES)
_METHODS = terms.english(terms.OBJECTION_METHODS)
_CATALOGUE_COLUMNS = {"type": "text", "statement": "text", "best_method": "text",
                      "fitting_methods": "text"}


def _check_catalogue(objections, what):
    require_frame(objections, _CATALOGUE_COLUMNS, what=what)
    for col, allowed in (("type", _TYPES), ("best_method", _METHODS)):
        bad = ~objections[col].astype(str).isin(allowed)
        if bad.any():
            value = objections.loc[bad, col].iloc[0]
            raise ValueError(f"{what}: column {col!r} holds {value!r}; expected one of "
                             f"{list(allowed)}")
    return objections


def objection_types(objections: pd.DataFrame) -> pd.DataFrame:
    """The eight objection types (客户异议的类型) with their Chinese term and an example.

    One row per type in the course's order: ``type``, ``chinese``, ``statements`` (how many the
    catalogue holds), ``example`` and ``example_zh`` (the first statement of that type) and
    ``usual_best`` (the method most often best for that type; ties go to the course's order).

    Examples
    --------
    >>> cat = pd.DataFrame({"type": ["price", "price", "need"],
    ...                     "statement": ["Too dear.", "Cheaper online.", "Don't need it."],
    ...                     "statement_zh": ["太贵了。", "网上更便宜。", "不需要。"],
    ...                     "best_method": ["compensation", "indirect denial", "questioning"],
    ...                     "fitting_methods": ["compensation", "indirect denial", "questioning"]})
    >>> objection_types(cat)[["type", "chinese", "statements", "usual_best"]].head(3)
          type chinese  statements       usual_best
    0     need    需求异议           1      questioning
    1    price    价格异议           2  indirect denial
    2  product    产品异议           0                 
    """
    _check_catalogue(objections, "objection_types")
    df = objections.assign(type=objections["type"].astype(str),
                           best_method=objections["best_method"].astype(str))
    counts = df.groupby("type").size().reindex(_TYPES, fill_value=0)
    first = df.drop_duplicates("type").set_index("type").reindex(list(_TYPES))
    best = (df.assign(order=df["best_method"].map({m: i for i, m in enumerate(_METHODS)}))
            .groupby(["type", "best_method", "order"]).size().rename("n").reset_index()
            .sort_values(["type", "n", "order"], ascending=[True, False, True])
            .drop_duplicates("type").set_index("type")["best_method"].reindex(list(_TYPES)))
    zh = first["statement_zh"] if "statement_zh" in first else pd.Series("", index=first.index)
    return pd.DataFrame({
        "type": list(_TYPES),
        "chinese": [z for _, z in terms.OBJECTION_TYPES],
        "statements": counts.to_numpy(dtype="int64"),
        "example": first["statement"].fillna("").astype(str).to_numpy(),
        "example_zh": zh.fillna("").astype(str).to_numpy(),
        "usual_best": best.fillna("").astype(str).to_numpy(),
    })


def method_fit(objections: pd.DataFrame, *, kind: str = "best") -> pd.DataFrame:
    """How often each method answers each objection type: a type × method count table.

    ``kind="best"`` counts the statements for which the method is the best answer;
    ``kind="fits"`` counts those for which it is one of the fitting methods (best included).
    Rows follow the course's order of types, columns its order of methods.

    Examples
    --------
    >>> cat = pd.DataFrame({"type": ["price", "price", "need"],
    ...                     "statement": ["a", "b", "c"],
    ...                     "best_method": ["compensation", "indirect denial", "questioning"],
    ...                     "fitting_methods": ["compensation; questioning",
    ...                                         "indirect denial; compensation", "questioning"]})
    >>> t = method_fit(cat, kind="fits")
    >>> int(t.loc["price", "compensation"]), int(t.loc["need", "questioning"])
    (2, 1)
    """
    _check_catalogue(objections, "method_fit")
    require_choice(kind, ("best", "fits"), what="method_fit", name="kind")
    types = objections["type"].astype(str).to_numpy()
    if kind == "best":
        methods = objections["best_method"].astype(str)
        long = pd.DataFrame({"type": types, "method": methods.to_numpy()})
    else:
        lists = objections["fitting_methods"].astype(str).str.split(r"\s*;\s*", regex=True)
        long = pd.DataFrame({"type": types, "method": lists}).explode("method")
        bad = ~long["method"].isin(_METHODS)
        if bad.any():
            raise ValueError(f"method_fit: column 'fitting_methods' names {long.loc[bad, 'method'].iloc[0]!r}; "
                             f"expected methods from {list(_METHODS)} separated by '; '")
    table = pd.crosstab(long["type"], long["method"])
    table = table.reindex(index=list(_TYPES), columns=list(_METHODS), fill_value=0)
    table.index.name, table.columns.name = "type", "method"
    return table.astype("int64")


# --------------------------------------------------------------------------------------------
# Reading and scoring a reply to an objection
# --------------------------------------------------------------------------------------------

def find_method(name) -> str | None:
    """The method meant by a name in English or Chinese (``"补偿法"``, ``"Yes-but"``…), or None.

    Examples
    --------
    >>> find_method("补偿法"), find_method(" Indirect Denial "), find_method("yes, but")
    ('compensation', 'indirect denial', 'indirect denial')
    >>> find_method("shouting") is None
    True
    """
    if not isinstance(name, str):
        return None
    key = " ".join(name.split()).casefold().strip(" .!。")
    if not key:
        return None
    names = {}
    for en, zh in terms.OBJECTION_METHODS:
        names[en] = en
        names[zh] = en
        for part in re.split(r"[（）()]", zh):
            if part.strip():
                names[part.strip()] = en
    names.update({"yes, but": "indirect denial", "yes but": "indirect denial",
                  "yes-but": "indirect denial", "turn it around": "turning it around",
                  "deny": "direct denial", "ask": "questioning", "ignore": "ignoring",
                  "compensate": "compensation"})
    return names.get(key)


# Keyword cues for each method: (pattern, weight).  Specific phrases weigh more than generic ones.
_CUES = {
    "turning it around": [(r"exactly why|precisely because|that'?s why you|which is why|"
                           r"the very reason|just because you|because you are (so )?(small|busy|"
                           r"young|new)|that is (exactly )?the reason|正因为|恰恰|正是因为|"
                           r"这正是|所以才更(需要|应该)", 4)],
    "indirect denial": [(r"\byes,? but\b|\b(i )?(understand|agree|see)\b[^.?!;]*\bbut\b|"
                         r"(you'?re|you are) right[^.?!;]*\bbut\b|(that'?s|it'?s) true[^.?!;]*\bbut\b|"
                         r"(fair|good) point[^.?!;]*\bbut\b|是的[，,]?\s*(但|不过)|"
                         r"您说得对[^。？]*(但|不过)|理解[^。？]*(但|不过)|"
                         r"(确实|没错|同意)[^。？]*(但|不过)", 3),
                        (r"\bhowever\b", 2)],
    "direct denial": [(r"not (true|correct|right|the case)|\bincorrect\b|\bactually\b|\bin fact\b|"
                       r"the (data|record|records|figures|log) show|misunderstanding|"
                       r"不是这样|事实上|其实|数据显示|实际上|并非如此|记录显示|不准确", 2),
                      (r"you'?re wrong|you are wrong|that'?s wrong|你错了|(你|您)说(的|得)不对", 1)],
    "compensation": [(r"on the other hand|make(s)? up for|in return|pays? (for )?itself|"
                      r"outweigh|offset|worth it|more than (pays|makes)|lower running cost|"
                      r"longer life|payment terms|instal+ments?|\blease\b|\btrial\b|补偿|虽然|弥补|"
                      r"另一方面|收回成本|回本|物有所值|分期|租赁|试用", 2),
                     (r"\bworth\b|\bvalue\b|\bsav(e|es|ing|ings)\b|warranty|\bservice\b|"
                      r"值得|划算|节省|省下|保修|服务", 1)],
    "questioning": [(r"may i ask|could you tell|can you tell|would you tell|"
                     r"\bwhat (makes|would|is|are|do|does)\b|\bwhy (do|does|is|are|would|not)\b|"
                     r"\bwho (decides|else|sets)\b|\bhow (many|much|often|do|does)\b|请问|"
                     r"为什么|什么|吗[？?]|能不能(告诉|说说)|哪些|多少|谁(来)?(决定|拍板)", 2), (r"\?|？", 1)],
    "ignoring": [(r"let'?s move on|moving on|\banyway\b|by the way|\(smiles?\)|\bsmile\b|"
                  r"let me show you|先不谈|顺便|[(（]微笑[)）]|我先给您看|先看看|话说回来", 2)],
}

# Cues of a broken principle in what is said.
_BROKEN = {
    "never argue": r"you'?re wrong|you are wrong|that'?s wrong|\bnonsense\b|ridiculous|\bno way\b|"
                   r"rubbish|you must be joking|胡说|你错了|不可能|(你|您)说(的|得)不对|荒谬|开玩笑",
    "leave the customer face": r"you don'?t understand|you do not understand|\bobviously\b|"
                               r"everyone knows|any fool|\bstupid\b|\bsilly\b|clearly you|"
                               r"you should know|(你|您)(根本|完全|就)?不懂|连这都不知道|谁都知道|显然|"
                               r"你应该知道|外行",
    "pick the right moment": r"sign (it )?(now|today)|today only|last chance|right now or|"
                             r"马上签|(今天|现在)就签|最后(的)?机会|仅限今天",
}
_ACKNOWLEDGE = (r"\bi (understand|see|hear you|appreciate)\b|good point|fair point|\bthank(s| you)\b|"
                r"you'?re right|that'?s (a )?fair|理解|谢谢|您说得对|我明白|明白您|感谢")
_METHOD_ORDER = ("turning it around", "indirect denial", "direct denial", "compensation",
                 "ignoring", "questioning")


@dataclass(frozen=True)
class Approach:
    """What a free-text reply to an objection does, as read from its wording.

    Attributes
    ----------
    method : str or None
        The handling method the reply uses (None if the wording shows none).
    cues : tuple of str
        The words that gave the method away.
    broken : tuple of str
        Principles the wording breaks (arguing, making the customer lose face, pressing).
    acknowledges : bool
        The reply acknowledges the customer's point first (“I understand…”).
    """

    method: str | None
    cues: tuple[str, ...]
    broken: tuple[str, ...]
    acknowledges: bool


def classify_approach(text) -> Approach:
    """Read which handling method a free-text reply uses, by keywords (English or Chinese).

    A method's name (``"questioning"``, ``"询问法"``) is read as that method.  Otherwise each
    method's cue phrases are counted (specific phrases such as “precisely because” weigh more than
    a bare question mark) and the method with the highest weight wins; ties go to the more
    specific method.  The reply is also checked for words that break a principle (“you're
    wrong”, “you don't understand”, “sign today”) and for an acknowledgement (“I understand”).

    Examples
    --------
    >>> classify_approach("I understand. May I ask what the budget is based on?").method
    'questioning'
    >>> a = classify_approach("You're wrong, our machines never break.")
    >>> a.broken
    ('never argue',)
    >>> classify_approach("Precisely because you are small, it saves you a person.").method
    'turning it around'
    >>> classify_approach("hello").method is None
    True
    """
    if not isinstance(text, str) or not text.strip():
        return Approach(None, (), (), False)
    named = find_method(text)
    if named is not None:
        return Approach(named, (text.strip(),), (), False)
    low = text.casefold()
    weights, cues = {}, {}
    for method, patterns in _CUES.items():
        for pattern, weight in patterns:
            found = [m.group(0) for m in re.finditer(pattern, low)]
            if found:
                weights[method] = weights.get(method, 0) + weight * len(found)
                cues.setdefault(method, []).extend(found)
    broken = tuple(p for p, pattern in _BROKEN.items() if re.search(pattern, low))
    acknowledges = re.search(_ACKNOWLEDGE, low) is not None
    if not weights:
        return Approach(None, (), broken, acknowledges)
    top = max(weights.values())
    method = next(m for m in _METHOD_ORDER if weights.get(m) == top)
    return Approach(method, tuple(dict.fromkeys(cues[method])), broken, acknowledges)


#: Trust points a reply earns: by fit of the method, per broken principle, for acknowledging.
TRUST_POINTS = {"best": 20, "fits": 10, "poor": -15, "broken": -10, "acknowledge": 5}


@dataclass(frozen=True)
class ResponseScore:
    """The verdict on one reply to one objection.

    ``fit`` is ``"best"`` (the catalogue's best method), ``"fits"`` (another fitting method),
    ``"poor"`` (a method that does not fit) or ``"unclear"`` (no method could be read);
    ``points`` is 3, 2, 0 or 0; ``trust_change`` what the reply does to the customer's trust
    (see :data:`TRUST_POINTS`); ``explanation`` says why, in the course's terms.
    """

    objection_type: str
    method: str | None
    fit: str
    points: int
    broken: tuple[str, ...]
    acknowledges: bool
    trust_change: int
    explanation: str


def _fitting(objection) -> tuple[str, ...]:
    return tuple(m.strip() for m in str(objection["fitting_methods"]).split(";") if m.strip())


def score_response(objection: Mapping, response) -> ResponseScore:
    """Score a reply to one objection by its fit to the objection and to the principles.

    Parameters
    ----------
    objection : mapping or Series
        One row of the objections catalogue (``type``, ``best_method``, ``fitting_methods``,
        and optionally ``why``).
    response : str
        A method's name (English or Chinese) or a free-text reply, read with
        :func:`classify_approach`.

    The method earns 3 points if it is the best for this statement, 2 if it fits, 0 otherwise.
    Principles count too: direct denial where it does not fit is arguing (不与客户争辩);
    ignoring a real objection fails to treat it as a buying signal; words that argue, shame or
    press break a principle.  Trust changes by :data:`TRUST_POINTS`.

    Examples
    --------
    >>> row = {"type": "price", "best_method": "compensation",
    ...        "fitting_methods": "compensation; indirect denial", "why": "Price is true."}
    >>> s = score_response(row, "compensation")
    >>> s.fit, s.points, s.trust_change
    ('best', 3, 20)
    >>> s = score_response(row, "direct denial")
    >>> s.fit, s.broken, s.trust_change
    ('poor', ('never argue',), -25)
    """
    if not isinstance(objection, (Mapping, pd.Series)):
        raise ValueError(f"score_response: objection must be a catalogue row (a mapping with "
                         f"'type', 'best_method', 'fitting_methods'), got {type(objection).__name__}")
    for key in ("type", "best_method", "fitting_methods"):
        if key not in objection:
            raise ValueError(f"score_response: the objection has no {key!r}; expected a row of "
                             "the objections catalogue")
    best = str(objection["best_method"])
    require_choice(best, _METHODS, what="score_response", name="best_method")
    fitting = _fitting(objection)
    typ = str(objection["type"])
    reading = classify_approach(response)
    method = reading.method
    why = str(objection.get("why", "") or "")
    broken = list(reading.broken)
    if method is None and not broken:
        return ResponseScore(typ, None, "unclear", 0, (), reading.acknowledges, 0,
                             "No handling method can be read from this reply: name one (e.g. "
                             "“questioning”) or say what you would do in a sentence.")
    if method is None:
        fit, points = "poor", 0
        text = (f"This reply uses no handling method for the {typ} objection; "
                f"{' or '.join(fitting)} would. {why}")
    elif method == best:
        fit, points = "best", 3
        text = f"{method.capitalize()} is the best answer to this {typ} objection. {why}"
    elif method in fitting:
        fit, points = "fits", 2
        text = (f"{method.capitalize()} fits this {typ} objection, but {best} fits better. {why}")
    else:
        fit, points = "poor", 0
        text = (f"{method.capitalize()} does not fit this {typ} objection; "
                f"{' or '.join(fitting)} would. {why}")
        if method == "direct denial" and "never argue" not in broken:
            broken.append("never argue")
        if method == "ignoring":
            broken.append("treat objections as buying signals")
    broken = tuple(dict.fromkeys(broken))
    if broken:
        text += " Principle broken: " + ", ".join(
            f"{p} ({terms.chinese(PRINCIPLES, p)})" for p in broken) + "."
    change = TRUST_POINTS[fit] + TRUST_POINTS["broken"] * len(broken)
    if reading.acknowledges and fit != "poor":
        change += TRUST_POINTS["acknowledge"]
        text += " Acknowledging the customer's point first left them face."
    return ResponseScore(typ, method, fit, points, broken, reading.acknowledges, int(change),
                         " ".join(text.split()))


# --------------------------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------------------------

_VOCABS = (terms.SEVERITIES, terms.COMPLAINT_CATEGORIES)


def _course_rank(values: pd.Series) -> np.ndarray:
    """Position of each value in the course vocabulary it belongs to (others last)."""
    rank = {}
    for vocab in _VOCABS:
        rank.update({en: i for i, (en, _zh) in enumerate(vocab)})
    return values.astype(str).map(rank).fillna(len(rank)).to_numpy()


def _in_course_order(values: pd.Series) -> pd.Series:
    """A text column whose values all come from one course vocabulary, as ordered categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values
    text = values.astype(str)
    for vocab in _VOCABS:
        names = terms.english(vocab)
        if text.isin(names).all():
            return pd.Series(pd.Categorical(text, categories=names), index=values.index)
    return values


def _chinese_label(pairs, values) -> list[str]:
    lookup = dict(pairs)
    return [lookup.get(str(v), "") for v in values]


def complaint_pareto(complaints: pd.DataFrame, *, by: str = "category", value: str | None = None,
                     cutoff: float = 0.8) -> pd.DataFrame:
    """Complaint causes in Pareto order (帕累托分析): count (or sum), share and cumulative share.

    Sorted from the largest cause down.  ``vital_few`` marks the causes needed to reach
    ``cutoff`` of the total (the first cause that crosses it included): fix these first.
    ``value`` sums a column (e.g. ``"claim_amount"``) instead of counting complaints.

    Examples
    --------
    >>> cp = pd.DataFrame({"category": ["late delivery", "product quality", "product quality",
    ...                                 "billing error", "product quality"]})
    >>> complaint_pareto(cp, cutoff=0.7)
              category chinese  complaints  share  cumulative_share  vital_few
    0  product quality    产品质量           3    0.6               0.6       True
    1    late delivery    交货延迟           1    0.2               0.8       True
    2    billing error    账单错误           1    0.2               1.0      False
    """
    cols = {by: "text"}
    if value is not None:
        cols[value] = "numeric"
    require_frame(complaints, cols, what="complaint_pareto")
    require_number(cutoff, what="complaint_pareto", name="cutoff", low=0.01, high=1.0)
    keys = complaints[by].astype(str)
    if value is None:
        totals = keys.value_counts()
        name = "complaints"
    else:
        totals = complaints[value].groupby(keys).sum()
        name = value
    order = pd.DataFrame({by: totals.index.astype(str), name: totals.to_numpy()})
    order["_rank"] = _course_rank(order[by])
    order = order.sort_values([name, "_rank", by], ascending=[False, True, True],
                              kind="stable").drop(columns="_rank")
    total = order[name].sum()
    if total <= 0:
        raise ValueError(f"complaint_pareto: the total of {name!r} is {total}; expected a "
                         "positive total")
    order["share"] = order[name] / total
    order["cumulative_share"] = order["share"].cumsum()
    before = order["cumulative_share"] - order["share"]
    order["vital_few"] = before < cutoff - 1e-12
    order.insert(1, "chinese", _chinese_label(terms.COMPLAINT_CATEGORIES, order[by]))
    return order.reset_index(drop=True)


def _days(complaints) -> np.ndarray:
    return complaints["days_to_resolve"].to_numpy(dtype="float64", na_value=np.nan)


def _check_complaints(complaints, what, extra=()):
    cols = {"resolved": "bool", "days_to_resolve": "any"}
    cols.update({c: "any" for c in extra})
    require_frame(complaints, cols, what=what)
    days = complaints["days_to_resolve"]
    if not (pd.api.types.is_numeric_dtype(days) and not pd.api.types.is_bool_dtype(days)):
        raise ValueError(f"{what}: column 'days_to_resolve' has dtype {days.dtype}; expected "
                         "numbers of days (empty when unresolved)")
    d = _days(complaints)
    bad = complaints["resolved"].to_numpy() & ~np.isfinite(d)
    if bad.any():
        raise ValueError(f"{what}: a resolved complaint has no days_to_resolve (row "
                         f"{complaints.index[np.flatnonzero(bad)[0]]!r}); expected a number of days")
    if (d[np.isfinite(d)] < 0).any():
        raise ValueError(f"{what}: column 'days_to_resolve' holds a negative value; expected "
                         "days >= 0")
    return complaints


def resolution_summary(complaints: pd.DataFrame, *, by: str | None = "severity",
                       fast: int = 7) -> pd.DataFrame:
    """How long complaints take to resolve (处理天数), overall or by a group.

    Columns: ``complaints``, ``resolved_share``, ``median_days`` and ``p90_days`` (of resolved
    complaints), ``within_fast_share`` (share of *all* complaints resolved within ``fast`` days:
    unresolved ones count as not fast).

    Examples
    --------
    >>> cp = pd.DataFrame({"severity": ["low", "low", "high", "high"],
    ...                    "resolved": [True, True, True, False],
    ...                    "days_to_resolve": pd.array([2, 10, 30, None], dtype="Int64")})
    >>> resolution_summary(cp)[["severity", "resolved_share", "median_days", "within_fast_share"]]
      severity  resolved_share  median_days  within_fast_share
    0      low             1.0          6.0                0.5
    1     high             0.5         30.0                0.0
    """
    _check_complaints(complaints, "resolution_summary", extra=(by,) if by else ())
    require_number(fast, what="resolution_summary", name="fast", low=0, integer=True)
    d = _days(complaints)
    res = complaints["resolved"].to_numpy()
    frame = pd.DataFrame({"g": _in_course_order(complaints[by]) if by else "all",
                          "resolved": res, "days": np.where(res, d, np.nan),
                          "fast": res & (d <= fast)}, index=complaints.index)
    g = frame.groupby("g", observed=True, sort=True)
    out = pd.DataFrame({
        "complaints": g.size(),
        "resolved_share": g["resolved"].mean(),
        "median_days": g["days"].median(),
        "p90_days": g["days"].quantile(0.9),
        "within_fast_share": g["fast"].mean(),
    })
    out.index.name = by or "all"
    return out.reset_index()


def speed_band(complaints: pd.DataFrame, *, fast: int = 7, slow: int = 21) -> pd.Series:
    """Label each complaint by how fast it was resolved: an ordered category.

    ``"within {fast} days"``, ``"{fast+1}–{slow} days"``, ``"over {slow} days"`` or
    ``"unresolved"``.

    Examples
    --------
    >>> cp = pd.DataFrame({"resolved": [True, True, True, False],
    ...                    "days_to_resolve": pd.array([3, 12, 40, None], dtype="Int64")})
    >>> speed_band(cp).tolist()
    ['within 7 days', '8–21 days', 'over 21 days', 'unresolved']
    """
    _check_complaints(complaints, "speed_band")
    require_number(fast, what="speed_band", name="fast", low=0, integer=True)
    require_number(slow, what="speed_band", name="slow", low=fast + 1, integer=True)
    labels = [f"within {fast} days", f"{fast + 1}–{slow} days", f"over {slow} days", "unresolved"]
    d = _days(complaints)
    res = complaints["resolved"].to_numpy()
    code = np.where(~res, 3, np.where(d <= fast, 0, np.where(d <= slow, 1, 2)))
    return pd.Series(pd.Categorical.from_codes(code, categories=labels, ordered=True),
                     index=complaints.index, name="speed")


def handling_band(complaints: pd.DataFrame, *, good: int = 4) -> pd.Series:
    """Label each complaint by the care it got: good handling *and* a follow-up call, or not.

    ``"score ≥ {good} + follow-up"`` when the handling audit score (``handling_score``, 1–5) is at
    least ``good`` and we called the customer back after the fix (``followed_up``, 后续动作的实施);
    ``"all others"`` otherwise.  An ordered category, like :func:`speed_band`.

    Examples
    --------
    >>> cp = pd.DataFrame({"handling_score": [5, 4, 2, 5], "followed_up": [True, False, True, True]})
    >>> handling_band(cp).tolist()
    ['score ≥ 4 + follow-up', 'all others', 'all others', 'score ≥ 4 + follow-up']
    """
    require_frame(complaints, {"handling_score": "numeric", "followed_up": "bool"},
                  what="handling_band")
    require_number(good, what="handling_band", name="good", low=1, high=5, integer=True)
    labels = [f"score ≥ {good} + follow-up", "all others"]
    score = complaints["handling_score"].to_numpy(dtype="float64", na_value=np.nan)
    cared = (score >= good) & complaints["followed_up"].to_numpy(dtype=bool)
    return pd.Series(pd.Categorical.from_codes(np.where(cared, 0, 1), categories=labels,
                                               ordered=True),
                     index=complaints.index, name="handling")


def complaint_outcomes(complaints: pd.DataFrame, *, by="speed", fast: int = 7,
                       slow: int = 21, good: int = 4) -> pd.DataFrame:
    """Satisfaction after handling and customers kept, by how complaints were handled.

    ``by`` is ``"speed"`` (the bands of :func:`speed_band`), ``"handling"`` (good handling plus
    a follow-up call, or not: :func:`handling_band` with ``good``) or any column of the
    complaints (``"handling_score"``, ``"followed_up"``, ``"severity"``, ``"is_claim"``…), or a
    list of them.  Columns: ``complaints``, ``share`` (of all complaints), ``resolved_share``,
    ``satisfaction_after`` (mean, 1–5) and ``kept_share`` (share of complaints whose customer
    was still buying at the as-of date).

    Examples
    --------
    >>> cp = pd.DataFrame({"resolved": [True, True, False, True],
    ...                    "days_to_resolve": pd.array([2, 30, None, 5], dtype="Int64"),
    ...                    "satisfaction_after": [4.5, 3.5, 2.0, 4.1],
    ...                    "customer_kept": [True, True, False, True]})
    >>> complaint_outcomes(cp)[["speed", "complaints", "satisfaction_after", "kept_share"]]
               speed  complaints  satisfaction_after  kept_share
    0  within 7 days           2                 4.3         1.0
    1      8–21 days           0                 NaN         NaN
    2   over 21 days           1                 3.5         1.0
    3     unresolved           1                 2.0         0.0
    """
    keys = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if not keys:
        raise ValueError(f"complaint_outcomes: by={by!r} must be 'speed', a column name or a "
                         "list of them")
    _check_complaints(complaints, "complaint_outcomes",
                      extra=[k for k in keys if k not in ("speed", "handling")])
    require_frame(complaints, {"satisfaction_after": "numeric", "customer_kept": "bool"},
                  what="complaint_outcomes")
    frame = pd.DataFrame({
        "resolved": complaints["resolved"].to_numpy(),
        "satisfaction_after": complaints["satisfaction_after"].to_numpy(dtype="float64"),
        "kept": complaints["customer_kept"].to_numpy(),
    }, index=complaints.index)
    for k in keys:
        frame[k] = (speed_band(complaints, fast=fast, slow=slow) if k == "speed"
                    else handling_band(complaints, good=good) if k == "handling"
                    else _in_course_order(complaints[k]))
    g = frame.groupby(keys, observed=False, sort=True)
    out = pd.DataFrame({
        "complaints": g.size(),
        "share": g.size() / len(frame),
        "resolved_share": g["resolved"].mean(),
        "satisfaction_after": g["satisfaction_after"].mean(),
        "kept_share": g["kept"].mean(),
    })
    out["resolved_share"] = out["resolved_share"].astype("float64")
    out["kept_share"] = out["kept_share"].astype("float64")
    return out.reset_index()


def _wilson(k, n, z=1.96):
    k = np.asarray(k, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


def silent_customer_test(customers: pd.DataFrame, complaints: pd.DataFrame) -> pd.DataFrame:
    """Test the warning “if you hear no complaints, the relationship is going downhill” (S4).

    Splits customers into those who **never complained**, those whose complaints were **all
    resolved**, and those with **some unresolved** complaint, and gives each group's churn rate
    (流失率) with a 95% Wilson confidence interval.

    Examples
    --------
    >>> cu = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...                    "churned": [True, False, False, True]})
    >>> cp = pd.DataFrame({"customer_id": [2, 3, 4], "resolved": [True, True, False]})
    >>> silent_customer_test(cu, cp)[["group", "customers", "churned", "churn_rate"]]
                  group  customers  churned  churn_rate
    0  never complained          1        1         1.0
    1      all resolved          2        0         0.0
    2   some unresolved          1        1         1.0
    """
    require_frame(customers, {"customer_id": "any", "churned": "bool"},
                  what="silent_customer_test")
    require_frame(complaints, {"customer_id": "any", "resolved": "bool"},
                  what="silent_customer_test", allow_empty=True)
    if customers["customer_id"].duplicated().any():
        raise ValueError("silent_customer_test: customers has duplicate customer_id values; "
                         "expected one row per customer")
    unknown = ~complaints["customer_id"].isin(customers["customer_id"])
    if unknown.any():
        raise ValueError(f"silent_customer_test: complaint of customer "
                         f"{complaints.loc[unknown, 'customer_id'].iloc[0]!r} is not in customers")
    n = complaints.groupby("customer_id").size()
    unresolved = (~complaints["resolved"]).groupby(complaints["customer_id"]).sum()
    ids = customers["customer_id"]
    n_c = ids.map(n).fillna(0).to_numpy()
    u_c = ids.map(unresolved).fillna(0).to_numpy()
    code = np.where(n_c == 0, 0, np.where(u_c == 0, 1, 2))
    labels = ["never complained", "all resolved", "some unresolved"]
    churned = customers["churned"].to_numpy()
    count = np.bincount(code, minlength=3)
    lost = np.bincount(code, weights=churned, minlength=3)
    lo, hi = _wilson(lost, count)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = lost / count
    return pd.DataFrame({"group": labels, "customers": count.astype("int64"),
                         "churned": lost.astype("int64"), "churn_rate": rate,
                         "ci_low": lo, "ci_high": hi})


def claims_summary(complaints: pd.DataFrame, *, by: str = "category") -> pd.DataFrame:
    """Claims (索赔) by cause: how many complaints come with a claim, and how much is claimed.

    Columns: ``complaints``, ``claims``, ``claim_rate`` (claims / complaints), ``claimed`` (sum
    of claim amounts), ``mean_claim`` (per claim) and ``share_of_claimed``; sorted by ``claimed``.

    Examples
    --------
    >>> cp = pd.DataFrame({"category": ["wrong item", "wrong item", "billing error"],
    ...                    "is_claim": [True, False, True],
    ...                    "claim_amount": [300.0, 0.0, 100.0]})
    >>> claims_summary(cp)[["category", "claim_rate", "claimed", "share_of_claimed"]]
            category  claim_rate  claimed  share_of_claimed
    0     wrong item         0.5    300.0              0.75
    1  billing error         1.0    100.0              0.25
    """
    require_frame(complaints, {by: "text", "is_claim": "bool", "claim_amount": "numeric"},
                  what="claims_summary")
    if (complaints["claim_amount"] < 0).any():
        raise ValueError("claims_summary: column 'claim_amount' holds a negative amount; "
                         "expected amounts >= 0")
    keys = complaints[by].astype(str)
    frame = pd.DataFrame({"k": keys.to_numpy(), "claim": complaints["is_claim"].to_numpy(),
                          "amount": complaints["claim_amount"].to_numpy(dtype="float64")})
    g = frame.groupby("k", sort=True)
    out = pd.DataFrame({"complaints": g.size(), "claims": g["claim"].sum().astype("int64"),
                        "claimed": g["amount"].sum()})
    out["claim_rate"] = out["claims"] / out["complaints"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["mean_claim"] = np.where(out["claims"] > 0,
                                     out["claimed"] / out["claims"].clip(lower=1), np.nan)
    total = out["claimed"].sum()
    out["share_of_claimed"] = out["claimed"] / total if total > 0 else 0.0
    out.index.name = by
    out = out.reset_index().sort_values(["claimed", by], ascending=[False, True], kind="stable")
    return out[[by, "complaints", "claims", "claim_rate", "claimed", "mean_claim",
                "share_of_claimed"]].reset_index(drop=True)


def six_stage_process() -> pd.DataFrame:
    """The six-stage complaint process (投诉处理六阶段, S2, from a car maker), in order.

    Examples
    --------
    >>> six_stage_process()[["stage", "chinese"]].head(2)
                         stage chinese
    0  listen to the complaint   听客户投诉
    1        analyse the cause    分析原因
    """
    return pd.DataFrame([{"step": i, "stage": en, "chinese": zh, "what to do": STAGE_GUIDE[en][0],
                          "in the data": STAGE_GUIDE[en][1]}
                         for i, (en, zh) in enumerate(terms.COMPLAINT_STAGES, start=1)])


# --------------------------------------------------------------------------------------------
# The case study: a complaint that escalates at a key account
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """The case study's complaint: the customer and the complaint the story centres on."""

    customer_id: int
    complaint_id: int


def escalation_case(complaints: pd.DataFrame, accounts: pd.DataFrame) -> Case:
    """Pick the case study: a key account whose complaints escalate to a severe claim.

    Among the key-account candidates (the ``accounts`` data), the customers with a severe
    (``high``) complaint with a claim (索赔) that came after an earlier complaint of theirs; of
    those, the one who complained most often (ties: larger total claim, then lower id).  The
    complaint the story centres on is that customer's latest such complaint.  If no account
    qualifies (small worlds), the conditions are relaxed step by step: a claim of medium
    severity, then a claim of any severity, then a severe complaint without a claim, then any
    repeat complaint.

    Examples
    --------
    >>> cp = pd.DataFrame({"complaint_id": [1, 2, 3, 4, 5],
    ...                    "customer_id": [7, 7, 9, 9, 9],
    ...                    "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-02-01",
    ...                                            "2024-03-01", "2024-04-01"]),
    ...                    "severity": ["low", "high", "low", "low", "medium"],
    ...                    "is_claim": [False, True, False, False, False],
    ...                    "claim_amount": [0.0, 500.0, 0.0, 0.0, 0.0]})
    >>> escalation_case(cp, pd.DataFrame({"customer_id": [7, 9]}))
    Case(customer_id=7, complaint_id=2)
    """
    require_frame(complaints, {"complaint_id": "any", "customer_id": "any", "date": "date",
                               "severity": "text", "is_claim": "bool",
                               "claim_amount": "numeric"}, what="escalation_case")
    require_frame(accounts, {"customer_id": "any"}, what="escalation_case")
    cp = complaints[complaints["customer_id"].isin(accounts["customer_id"])]
    if cp.empty:
        cp = complaints
    cp = cp.sort_values(["customer_id", "date", "complaint_id"], kind="stable")
    by = cp["customer_id"]
    first = cp.groupby("customer_id")["date"].transform("min")
    earlier = cp["date"] > first                     # the customer complained on an earlier day
    sev = cp["severity"].astype(str)
    severe = sev.eq("high")
    serious = severe | sev.eq("medium")
    claim = cp["is_claim"].to_numpy()
    n = by.map(by.value_counts())
    claimed = by.map(cp["claim_amount"].groupby(by).sum())
    rules = (severe & claim & earlier, serious & claim & earlier, claim & earlier,
             severe & earlier, earlier, severe | True)
    for rule in rules:
        pick = cp.assign(_n=n, _claimed=claimed)[rule]
        if len(pick):
            # the customer who complained most (then claimed most, then lowest id) ...
            pick = pick.sort_values(["_n", "_claimed", "customer_id"],
                                    ascending=[False, False, True], kind="stable")
            cid = pick["customer_id"].iloc[0]
            # ... and that customer's latest complaint meeting the rule
            mine = pick[pick["customer_id"] == cid].sort_values(["date", "complaint_id"],
                                                                kind="stable")
            return Case(int(cid), int(mine["complaint_id"].iloc[-1]))
    raise ValueError("escalation_case: there are no complaints to choose a case from")


def complaint_history(complaints: pd.DataFrame, customer_id) -> pd.DataFrame:
    """One customer's complaints in date order, with the speed band of each.

    Examples
    --------
    >>> cp = pd.DataFrame({"customer_id": [1, 2, 1],
    ...                    "date": pd.to_datetime(["2025-03-01", "2025-01-01", "2025-01-05"]),
    ...                    "resolved": [False, True, True],
    ...                    "days_to_resolve": pd.array([None, 4, 9], dtype="Int64")})
    >>> complaint_history(cp, 1)[["date", "speed"]]
            date       speed
    0 2025-01-05   8–21 days
    1 2025-03-01  unresolved
    """
    _check_complaints(complaints, "complaint_history", extra=("customer_id", "date"))
    mine = complaints[complaints["customer_id"] == customer_id]
    if mine.empty:
        raise ValueError(f"complaint_history: customer_id={customer_id!r} has no complaints")
    mine = mine.assign(speed=speed_band(mine))
    return mine.sort_values("date", kind="stable").reset_index(drop=True)


def yearly_value(transactions: pd.DataFrame, customer_id) -> pd.DataFrame:
    """Revenue and gross margin of one customer per calendar year: what a complaint puts at stake.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "date": pd.to_datetime(["2024-05-01", "2025-02-01", "2025-03-01"]),
    ...                    "revenue": [100.0, 250.0, 80.0], "margin": [30.0, 70.0, 20.0]})
    >>> yearly_value(tx, 1)
       year  revenue  margin
    0  2024    100.0    30.0
    1  2025    250.0    70.0
    """
    require_frame(transactions, {"customer_id": "any", "date": "date", "revenue": "numeric",
                                 "margin": "numeric"}, what="yearly_value")
    mine = transactions[transactions["customer_id"] == customer_id]
    if mine.empty:
        raise ValueError(f"yearly_value: customer_id={customer_id!r} has no transactions")
    out = mine.groupby(mine["date"].dt.year.rename("year"))[["revenue", "margin"]].sum()
    out.index = out.index.astype("int64")
    return out.reset_index()
