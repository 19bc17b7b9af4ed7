"""The objections catalogue, and reading and scoring a reply to an objection."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
import pandas as pd

from ..core.checks import OneOf, require_choice, require_frame, validated
from .. import terms
from ..i18n import _, language
from ._base import PRINCIPLES


def _name(pairs, name: str) -> str:
    """A method's or a type's name as the course says it: English, or its Chinese term in zh."""
    return terms.chinese(pairs, name) or name if language() == "zh" else name


def _method(name: str, capital: bool = False) -> str:
    shown = _name(terms.OBJECTION_METHODS, name)
    return shown.capitalize() if capital and language() != "zh" else shown


def _either(methods) -> str:
    return _(" or ").join(_method(m) for m in methods)


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


@validated(frames={"objections": {"type": "text", "statement": "text", "best_method": "text", "fitting_methods": "text"}})
def objection_types(objections: pd.DataFrame) -> pd.DataFrame:
    """The eight objection types (客户异议的类型) with their Chinese term and an example.

    One row per type in the course's order: ``type``, ``chinese``, ``statements`` (how many the
    catalogue holds), ``example`` and ``example_zh`` (the first statement of that type) and
    ``usual_best`` (the method most often best for that type; ties go to the course's order).

    Parameters
    ----------
    objections : DataFrame
        Needs ``type`` (text), ``statement`` (text), ``best_method`` (text), ``fitting_methods``
        (text).

    Returns
    -------
    DataFrame
        The eight objection types (客户异议的类型) with their Chinese term and an example.

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


@validated(frames={"objections": {"type": "text", "statement": "text", "best_method": "text", "fitting_methods": "text"}}, options={"kind": OneOf(("best", "fits"))})
def method_fit(objections: pd.DataFrame, *, kind: str = "best") -> pd.DataFrame:
    """How often each method answers each objection type: a type × method count table.

    ``kind="best"`` counts the statements for which the method is the best answer;
    ``kind="fits"`` counts those for which it is one of the fitting methods (best included).
    Rows follow the course's order of types, columns its order of methods.

    Parameters
    ----------
    objections : DataFrame
        Needs ``type`` (text), ``statement`` (text), ``best_method`` (text), ``fitting_methods``
        (text).
    kind : str, default 'best'
        One of ['best', 'fits'].

    Returns
    -------
    DataFrame
        How often each method answers each objection type: a type × method count table.

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

    Parameters
    ----------
    name : object
        A name (see above).

    Returns
    -------
    str | None
        The method meant by a name in English or Chinese (``"补偿法"``, ``"Yes-but"``…), or None.

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

    Parameters
    ----------
    text : object
        The reply typed.

    Returns
    -------
    Approach
        Read which handling method a free-text reply uses, by keywords (English or Chinese).

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

    Returns
    -------
    ResponseScore
        The method read, its ``fit`` (best, fits, poor or unclear), ``points``, the
        principles ``broken``, the ``trust_change`` and an ``explanation``.

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
                             _("No handling method can be read from this reply: name one (e.g. "
                               "“questioning”) or say what you would do in a sentence."))
    shown = {"typ": _name(terms.OBJECTION_TYPES, typ), "why": _(why) if why else "",
             "method": _method(method, capital=True) if method else "", "best": _method(best),
             "fitting": _either(fitting)}
    if method is None:
        fit, points = "poor", 0
        text = _("This reply uses no handling method for the {typ} objection; {fitting} would. "
                 "{why}").format(**shown)
    elif method == best:
        fit, points = "best", 3
        text = _("{method} is the best answer to this {typ} objection. {why}").format(**shown)
    elif method in fitting:
        fit, points = "fits", 2
        text = _("{method} fits this {typ} objection, but {best} fits better. {why}").format(**shown)
    else:
        fit, points = "poor", 0
        text = _("{method} does not fit this {typ} objection; {fitting} would. {why}").format(**shown)
        if method == "direct denial" and "never argue" not in broken:
            broken.append("never argue")
        if method == "ignoring":
            broken.append("treat objections as buying signals")
    broken = tuple(dict.fromkeys(broken))
    if broken:
        text += _(" Principle broken: {principles}.").format(principles=_(", ").join(
            _("{principle} ({chinese})").format(principle=_(p), chinese=terms.chinese(PRINCIPLES, p))
            if language() != "zh" else terms.chinese(PRINCIPLES, p) for p in broken))
    change = TRUST_POINTS[fit] + TRUST_POINTS["broken"] * len(broken)
    if reading.acknowledges and fit != "poor":
        change += TRUST_POINTS["acknowledge"]
        text += _(" Acknowledging the customer's point first left them face.")
    return ResponseScore(typ, method, fit, points, broken, reading.acknowledges, int(change),
                         " ".join(text.split()))
