"""A role-play simulator for handling objections (客户异议处理情景模拟).

A scenario puts you in front of a customer (who they are, what you sell, the situation).  The
customer raises objections one after another, drawn from the objections catalogue; you answer each
with a handling method (or a sentence, read by keywords).  Every reply is scored with
:func:`casekit.objections.score_response`: by how well the method fits the objection and whether it
keeps the principles (never argue, leave the customer face, …).  The customer's **trust** moves with
each reply; the conversation ends in a **sale** when every objection is answered and trust is at
least :data:`SALE_AT`, and in a **loss** when trust falls to :data:`WALK_OUT_AT` or below (the
customer ends the meeting) or is still short of :data:`SALE_AT` at the end.

The same scenario and seed always give the same customer, the same objections and the same replies,
so a class can compare notes.

Examples
--------
>>> rp = RolePlay("restaurant", seed=0)
>>> rp.objection["type"]
'need'
>>> turn = rp.respond("questioning")
>>> turn.fit, turn.status
('best', 'open')
>>> for method in rp.best_responses()[1:]:
...     turn = rp.respond(method)
>>> turn.status, rp.trust
('sale', 100)
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import catalogue, terms
from .i18n import N_, _, language
from .objections import PRINCIPLES, score_response
from .validate import require_choice, require_frame, require_number

__all__ = ["Scenario", "SCENARIOS", "scenarios", "Turn", "RolePlay", "SALE_AT", "WALK_OUT_AT",
           "START_TRUST"]

#: Trust the customer starts with, needed for a sale, and at which they end the meeting (0–100).
START_TRUST, SALE_AT, WALK_OUT_AT = 40, 60, 10


@dataclass(frozen=True)
class Scenario:
    """A sales conversation: who the customer is, what you sell, the situation, and the objection
    types the customer raises, in order."""

    key: str
    title: str
    customer: str
    segment: str
    product: str
    context: str
    objection_types: tuple[str, ...]


SCENARIOS = {s.key: s for s in (
    Scenario("restaurant", N_("A dishwasher for a restaurant chain"),
             N_("Ms Li Na, owner of three hot-pot restaurants"), "hospitality",
             N_("a commercial dishwasher (equipment) with a two-year service contract"),
             N_("Her old machine still runs; a friend told her about you; it is a month before the "
             "Spring Festival rush."),
             ("need", "price", "timing", "financial")),
    Scenario("factory", N_("Packaging consumables for a parts maker"),
             N_("Mr Sun Gang, production manager at an auto-parts maker"), "manufacturing",
             N_("a yearly supply contract for packaging consumables"),
             N_("His line runs two shifts; purchasing is centralised; your firm is new to his region."),
             ("source", "product", "price", "authority")),
    Scenario("distributor", N_("Spare parts for a regional distributor"),
             N_("Mrs Chen Jing, purchasing head of a regional distributor"), "wholesale",
             N_("an agreement to stock your spare parts"),
             N_("Her team was let down by one of your colleagues two years ago; she buys mainly "
             "imported brands."),
             ("salesperson", "source", "price", "timing")),
    Scenario("office", N_("A service contract for an accounting firm"),
             N_("Mr Qian Lei, office manager of a 40-person accounting firm"), "services",
             N_("a maintenance and support contract for their office equipment"),
             N_("The partners watch costs closely; the office manager prepares but does not sign "
             "decisions."),
             ("need", "salesperson", "financial", "authority")),
    Scenario("retail", N_("Checkout equipment for a retail chain"),
             N_("Ms Wu Min, operations director of a 12-store retail chain"), "retail",
             N_("new checkout equipment for every store"),
             N_("Margins are thin; the chain tried a cheap system that failed; the board meets in "
             "the new year."),
             ("product", "price", "need", "timing", "authority")),
)}


def _type(name: str) -> str:
    """An objection type as the course says it: ``"price"``, or 价格异议 in Chinese."""
    return terms.chinese(terms.OBJECTION_TYPES, name) or name if language() == "zh" else name


def _method(name: str | None) -> str:
    if not name:
        return ""
    return terms.chinese(terms.OBJECTION_METHODS, name) or name if language() == "zh" else name


#: How a turn's fit reads (``best``, ``fits``, ``poor``) in the course's language.
_FIT = {"best": N_("best"), "fits": N_("fits"), "poor": N_("poor"), "unclear": N_("unclear")}


def _statement(row) -> str:
    """What the customer says: the English statement, or its Chinese (``statement_zh``) in zh."""
    zh = str(row.get("statement_zh", "") or "")
    return zh if language() == "zh" and zh else str(row["statement"])


def scenarios() -> pd.DataFrame:
    """The role-play scenarios: key, title, customer, product, context, objection types.

    Examples
    --------
    >>> scenarios()["key"].tolist()
    ['restaurant', 'factory', 'distributor', 'office', 'retail']
    """
    return pd.DataFrame([{"key": s.key, "title": _(s.title), "customer": _(s.customer),
                          "segment": s.segment, "product": _(s.product), "context": _(s.context),
                          "objections": " → ".join(_type(t) for t in s.objection_types)}
                         for s in SCENARIOS.values()])


@dataclass(frozen=True)
class Turn:
    """What happened on one turn of the conversation.

    ``status`` is ``"open"`` (the next objection follows), ``"sale"``, ``"loss"``, or
    ``"unclear"`` (no method could be read from the reply: the turn does not count, try again).
    """

    turn: int
    objection_type: str
    statement: str
    statement_zh: str
    response: str
    method: str | None
    fit: str
    points: int
    broken: tuple[str, ...]
    trust_before: int
    trust_after: int
    customer_says: str
    explanation: str
    status: str
    next_statement: str | None = None

    def __str__(self) -> str:
        shown = self.statement_zh if language() == "zh" and self.statement_zh else self.statement
        lines = [_("Turn {turn} · {type} objection: “{statement}”").format(
                     turn=self.turn, type=_type(self.objection_type), statement=shown),
                 _("You: {response}  →  {method} ({fit})").format(
                     response=self.response, method=_method(self.method) or _("no method read"),
                     fit=_(_FIT.get(self.fit, self.fit))),
                 _("Customer: “{says}”").format(says=self.customer_says), self.explanation,
                 _("Trust {before} → {after} · {status}").format(
                     before=self.trust_before, after=self.trust_after, status=_(_STATUS[self.status]))]
        if self.next_statement:
            lines.append(_("Next objection: “{statement}”").format(statement=self.next_statement))
        return "\n".join(lines)


#: A conversation's status (``open``, ``sale``, ``loss``, ``unclear``) in the course's language.
_STATUS = {"open": N_("open"), "sale": N_("sale"), "loss": N_("loss"), "unclear": N_("unclear")}

_REPLIES = {
    "best": (N_("That makes sense. I hadn't looked at it that way."),
             N_("All right, that answers my question."),
             N_("Fair enough. Go on.")),
    "fits": (N_("Maybe. I'm not fully convinced yet."),
             N_("Hm. That partly answers it."),
             N_("OK… let's see.")),
    "poor": (N_("That doesn't really answer my question."),
             N_("You're not listening to what I said."),
             N_("I don't see how that helps me.")),
    "broken": (N_("I don't need a lecture."),
               N_("There's no need to talk to me like that."),
               N_("Please don't push me.")),
}


class RolePlay:
    """One role-play conversation: ``respond`` to each objection until a sale or a loss.

    Parameters
    ----------
    scenario : str
        A key of :data:`SCENARIOS` (see :func:`scenarios`).
    seed : int
        Chooses which catalogue statement of each type the customer says and how they reply; the
        same seed gives the same conversation.
    objections : DataFrame, optional
        The objections catalogue (``casekit.load("objections")``); default the kit's catalogue.
    """

    def __init__(self, scenario: str = "restaurant", *, seed: int = 0,
                 objections: pd.DataFrame | None = None):
        require_choice(scenario, list(SCENARIOS), what="RolePlay", name="scenario")
        require_number(seed, what="RolePlay", name="seed", low=0, integer=True)
        cat = catalogue.objections() if objections is None else objections
        require_frame(cat, {"type": "text", "statement": "text", "best_method": "text",
                            "fitting_methods": "text"}, what="RolePlay")
        self.scenario = SCENARIOS[scenario]
        self.seed = int(seed)
        rng = np.random.default_rng([self.seed, list(SCENARIOS).index(scenario)])
        rows = []
        types = cat["type"].astype(str)
        for typ in self.scenario.objection_types:
            pool = cat[types == typ]
            if pool.empty:
                raise ValueError(f"RolePlay: the objections catalogue has no statement of type "
                                 f"{typ!r}, which scenario {scenario!r} needs")
            rows.append(pool.iloc[int(rng.integers(len(pool)))].to_dict())
        self.objections = rows
        self._reply_start = int(rng.integers(0, 3))  # replies cycle from here, turn by turn
        self.reset()

    # -- state ---------------------------------------------------------------------------------
    def reset(self) -> None:
        """Start the conversation again from the first objection."""
        self.trust = START_TRUST
        self.position = 0
        self.status = "open"
        self.turns: list[Turn] = []

    @property
    def objection(self) -> dict | None:
        """The objection the customer is raising now (a catalogue row), or None when over."""
        if self.status != "open" or self.position >= len(self.objections):
            return None
        return self.objections[self.position]

    def best_responses(self) -> list[str]:
        """The best method for each objection of this conversation, in order."""
        return [str(o["best_method"]) for o in self.objections]

    # -- playing -------------------------------------------------------------------------------
    def respond(self, response) -> Turn:
        """Answer the current objection with a method's name or a sentence; returns the Turn."""
        if self.status != "open":
            raise ValueError(f"RolePlay.respond: the conversation is over ({self.status}); call "
                             "reset() to play again")
        if not isinstance(response, str) or not response.strip():
            raise ValueError(f"RolePlay.respond: response={response!r}; expected a method (one "
                             f"of {list(terms.english(terms.OBJECTION_METHODS))}) or a sentence")
        obj = self.objections[self.position]
        score = score_response(obj, response)
        before = self.trust
        k = len(self.turns) + 1
        if score.fit == "unclear":
            return Turn(k, score.objection_type, obj["statement"], obj.get("statement_zh", ""),
                        response.strip(), None, "unclear", 0, score.broken, before, before,
                        "…", score.explanation, "unclear", _statement(obj))
        self.trust = int(np.clip(before + score.trust_change, 0, 100))
        self.position += 1
        last = self.position >= len(self.objections)
        if self.trust <= WALK_OUT_AT:
            self.status = "loss"
        elif last:
            self.status = "sale" if self.trust >= SALE_AT else "loss"
        mood = "broken" if score.broken else score.fit
        says = _(_REPLIES[mood][(self._reply_start + self.position - 1) % 3])
        nxt = None if self.status != "open" else _statement(self.objections[self.position])
        turn = Turn(k, score.objection_type, obj["statement"], obj.get("statement_zh", ""),
                    response.strip(), score.method, score.fit, score.points, score.broken,
                    before, self.trust, says, score.explanation, self.status, nxt)
        self.turns.append(turn)
        return turn

    def play(self, responses) -> Turn:
        """Answer the objections with a list of responses in turn; returns the last Turn.

        Stops early when the conversation ends; an unclear reply is reported and stops too.
        """
        if isinstance(responses, str) or not hasattr(responses, "__iter__"):
            raise ValueError(f"RolePlay.play: responses={responses!r}; expected a list with one "
                             "response per objection")
        turn = None
        for r in responses:
            turn = self.respond(r)
            if turn.status != "open":
                break
        if turn is None:
            raise ValueError("RolePlay.play: no responses given")
        return turn

    def outcome(self) -> str:
        """A plain-language account of how the conversation went (or stands)."""
        name = _(self.scenario.customer).split(",")[0].split("，")[0]
        n = len(self.objections)
        done = self.turns
        best = sum(t.fit == "best" for t in done)
        fits = sum(t.fit == "fits" for t in done)
        poor = [t for t in done if t.fit == "poor"]
        broken = sorted({p for t in done for p in t.broken})
        product = _(self.scenario.product)
        parts = []
        if self.status == "sale":
            parts.append(_("Sale: {name} agrees to buy {product}.").format(name=name, product=product))
        elif self.status == "loss" and self.trust <= WALK_OUT_AT:
            parts.append(_("Loss: {name} ends the meeting after {done} of {n} objections "
                           "(trust fell to {trust}).").format(name=name, done=len(done), n=n,
                                                              trust=self.trust))
        elif self.status == "loss":
            parts.append(_("Loss: every objection was answered but trust ended at {trust}, "
                           "short of the {sale_at} a decision needs; {name} will “think about it”."
                           ).format(trust=self.trust, sale_at=SALE_AT, name=name))
        else:
            parts.append(_("In progress: {done} of {n} objections answered, trust "
                           "{trust}.").format(done=len(done), n=n, trust=self.trust))
        parts.append(_("You used the best method {best} time(s), a fitting one {fits} time(s) and "
                       "a poor one {poor} time(s).").format(best=best, fits=fits, poor=len(poor)))
        for t in poor:
            parts.append(_("Turn {turn} ({type}): {method} was the best answer.").format(
                turn=t.turn, type=_type(t.objection_type),
                method=_method(self.objections[t.turn - 1]["best_method"])))
        if broken:
            shown = ([_principle_zh(p) for p in broken] if language() == "zh"
                     else [f"{p} ({_principle_zh(p)})" for p in broken])
            parts.append(_("Principles broken: {principles}.").format(principles=_(", ").join(shown)))
        sep = "" if language() == "zh" else " "
        return sep.join(parts)

    def transcript(self) -> pd.DataFrame:
        """The turns so far as a table."""
        cols = ["turn", "objection_type", "statement", "response", "method", "fit", "points",
                "trust_before", "trust_after", "status"]
        out = pd.DataFrame([{c: getattr(t, c) for c in cols} for t in self.turns], columns=cols)
        if language() == "zh" and len(out):  # the words of the table in Chinese, as the notebook says them
            out["statement"] = [t.statement_zh or t.statement for t in self.turns]
            out["objection_type"] = out["objection_type"].map(_type)
            out["method"] = out["method"].map(_method)
            out["fit"] = [_(_FIT[f]) for f in out["fit"]]
            out["status"] = [_(_STATUS[x]) for x in out["status"]]
        return out

    def __repr__(self) -> str:
        return (f"<RolePlay {self.scenario.key!r} seed={self.seed}: {self.status}, turn "
                f"{len(self.turns) + 1 if self.status == 'open' else len(self.turns)} of "
                f"{len(self.objections)}, trust {self.trust}>")

    # -- widget --------------------------------------------------------------------------------
    def widget(self):
        """An ipywidgets view: the scenario, the conversation so far, a method picker, a box for
        your own words, and the customer's trust."""
        return RolePlayView(self)


def _principle_zh(name: str) -> str:
    return dict(PRINCIPLES).get(name, "")


class RolePlayView:
    """The widget of a :class:`RolePlay` (``rp.widget()``); thin: every rule lives in RolePlay.

    ``view.method.value = "questioning"`` then ``view.respond_button.click()`` plays a turn, as does
    typing in ``view.text``; ``view.log.value`` holds the conversation as HTML.
    """

    def __init__(self, roleplay: RolePlay):
        import ipywidgets as W

        self.rp = roleplay
        s = roleplay.scenario
        options = [(f"{en} · {zh}" if language() != "zh" else f"{zh} · {en}", en)
                   for en, zh in terms.OBJECTION_METHODS]
        self.header = W.HTML(
            f"<div style='line-height:1.45'><b>{html.escape(_(s.title))}</b><br>"
            f"<b>{html.escape(_('Customer:'))}</b> {html.escape(_(s.customer))}<br>"
            f"<b>{html.escape(_('You sell:'))}</b> "
            f"{html.escape(_(s.product))}<br><b>{html.escape(_('Situation:'))}</b> "
            f"{html.escape(_(s.context))}</div>")
        self.trust = W.IntProgress(value=roleplay.trust, min=0, max=100, description=_("Trust"),
                                   layout=W.Layout(width="320px"))
        self.trust_label = W.HTML("")
        self.log = W.HTML("")
        self.method = W.Dropdown(options=[(_("— pick a method —"), "")] + options, value="",
                                 description=_("Method"), layout=W.Layout(width="340px"))
        self.text = W.Text(value="", placeholder=_("…or type what you would say"),
                           description=_("Or say"), layout=W.Layout(width="520px"))
        self.respond_button = W.Button(description=_("Respond"), button_style="primary")
        self.restart_button = W.Button(description=_("Start again"))
        self.respond_button.on_click(self._on_respond)
        self.restart_button.on_click(self._on_restart)
        self.box = W.VBox([self.header, W.HBox([self.trust, self.trust_label]), self.log,
                           self.method, self.text,
                           W.HBox([self.respond_button, self.restart_button])],
                          layout=W.Layout(border="1px solid #d0d7de", padding="6px 12px",
                                          max_width="900px"))
        self.box.add_class("casekit-roleplay")
        self._notice = ""
        self._render()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = _("Role-play “{title}” (seed {seed}). Run this cell in Jupyter to "
                                 "play it here.").format(title=_(self.rp.scenario.title),
                                                         seed=self.rp.seed)
        return bundle

    def _on_respond(self, _button=None):
        text = self.text.value.strip()
        response = text or self.method.value
        if self.rp.status != "open":
            self._notice = _("The conversation is over: press “Start again”.")
        elif not response:
            self._notice = _("Pick a method or type what you would say, then press Respond.")
        else:
            try:
                turn = self.rp.respond(response)
                self._notice = (_("I could not read a method from that: name one or rephrase.")
                                if turn.status == "unclear" else "")
            except ValueError as exc:
                self._notice = str(exc)
            self.text.value = ""
            self.method.value = ""
        self._render()

    def _on_restart(self, _button=None):
        self.rp.reset()
        self._notice = ""
        self._render()

    def _render(self):
        rp = self.rp
        parts = []
        zh = language() == "zh"
        for t in rp.turns:
            colour = {"best": "#2e7d32", "fits": "#b26a00", "poor": "#c62828"}[t.fit]
            said = (f"“{html.escape(t.statement_zh or t.statement)}” <i>{html.escape(t.statement)}</i>"
                    if zh else f"“{html.escape(t.statement)}” <i>{html.escape(t.statement_zh)}</i>")
            parts.append(
                f"<p><b>{html.escape(_('Customer:'))}</b> {said}"
                f"<br><b>{html.escape(_('You:'))}</b> {html.escape(t.response)} "
                f"<span style='color:{colour}'>[{html.escape(_method(t.method))}: "
                f"{html.escape(_(_FIT[t.fit]))}, {html.escape(_('trust'))} "
                f"{t.trust_before} → {t.trust_after}]</span><br>"
                f"<span style='color:#555'>{html.escape(t.explanation)}</span><br>"
                f"<b>{html.escape(_('Customer:'))}</b> “{html.escape(t.customer_says)}”</p>")
        now = rp.objection
        if now is not None:
            en, cn = html.escape(str(now["statement"])), html.escape(str(now.get("statement_zh", "")))
            said = f"“{cn or en}” <i>{en}</i>" if zh else f"“{en}” <i>{cn}</i>"
            parts.append(f"<p><b>{html.escape(_('Customer:'))}</b> {said}</p>")
        else:
            colour = "#2e7d32" if rp.status == "sale" else "#c62828"
            parts.append(f"<p style='color:{colour}'><b>{html.escape(rp.outcome())}</b></p>")
        if self._notice:
            parts.append(f"<p style='color:#b26a00'>{html.escape(self._notice)}</p>")
        self.log.value = "<div style='line-height:1.4'>" + "".join(parts) + "</div>"
        self.trust.value = rp.trust
        self.trust.bar_style = ("success" if rp.trust >= SALE_AT else
                                "danger" if rp.trust <= WALK_OUT_AT + 15 else "warning")
        self.trust_label.value = _("{trust} / 100 · a sale needs {sale_at} at the end; the "
                                   "customer leaves at {walk_out_at}").format(
            trust=rp.trust, sale_at=SALE_AT, walk_out_at=WALK_OUT_AT)

