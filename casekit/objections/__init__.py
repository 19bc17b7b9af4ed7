"""Chapter 3: customer objections and complaints (客户异议处理、客户投诉处理).

Two halves, one idea: what a customer says against us is information, not an attack.

*Objections* (客户异议) are what a prospect says against buying.  The textbook gives only the
heading of this section (S0 §3.3), so the kit follows the standard textbook treatment: eight
objection types (:data:`casekit.terms.OBJECTION_TYPES`), four principles of handling them and the often-added fifth
(:data:`PRINCIPLES`) and six methods (:data:`casekit.terms.OBJECTION_METHODS`, explained in
:data:`METHOD_GUIDE`).  :func:`objection_types` and :func:`method_fit` summarise the objections
catalogue; :func:`classify_approach` reads a free-text reply and :func:`score_response` scores a
reply against one objection, which is what the role-play simulator (:mod:`casekit.roleplay`) uses.

*Complaints* (客户投诉) follow the sources (S2 §9.3, S4): aims and effects of complaint handling
(:data:`COMPLAINT_AIMS`, :data:`COMPLAINT_EFFECTS`), the six-stage process
(:func:`six_stage_process`), its key points (:data:`COMPLAINT_KEY_POINTS`) and claims (索赔, a title only in S2); the case study (:func:`claim_case`, :func:`claim_decision`).  On the
complaints data: :func:`complaint_pareto` (causes), :func:`resolution_summary` (time to resolve),
:func:`speed_band`, :func:`handling_band` and :func:`complaint_outcomes` (satisfaction and customers
kept against speed and quality of handling and follow-up), :func:`silent_customer_test` ("if you hear no complaints, the relationship is
going downhill") and :func:`claims_summary`.

Every function is pure and vectorised and checks its input first.
"""

from __future__ import annotations

from ._base import (  # noqa: F401
    PRINCIPLES, PRINCIPLE_NOTES, METHOD_GUIDE, COMPLAINT_AIMS, COMPLAINT_EFFECTS,
    COMPLAINT_KEY_POINTS, STAGE_GUIDE, principles_table, methods_table, term_list,
)
from .replies import (  # noqa: F401
    objection_types, method_fit, find_method, Approach, classify_approach, TRUST_POINTS,
    ResponseScore, score_response,
)
from .complaints import (  # noqa: F401
    complaint_pareto, resolution_summary, speed_band, handling_band, complaint_outcomes,
    silent_customer_test, claims_summary, six_stage_process,
)
from .case import (  # noqa: F401
    CASE_RULE, Case, claim_case, ClaimDecision, claim_decision, complaint_history,
)

__all__ = [
    "PRINCIPLES", "PRINCIPLE_NOTES", "METHOD_GUIDE", "COMPLAINT_AIMS", "COMPLAINT_EFFECTS",
    "COMPLAINT_KEY_POINTS", "STAGE_GUIDE", "term_list",
    "principles_table", "methods_table", "objection_types", "method_fit", "find_method",
    "Approach", "classify_approach", "ResponseScore", "score_response",
    "complaint_pareto", "resolution_summary", "speed_band", "handling_band",
    "complaint_outcomes",
    "silent_customer_test", "claims_summary", "six_stage_process", "CASE_RULE", "Case", "claim_case",
    "ClaimDecision", "claim_decision", "complaint_history",
]
