"""Chapter 7 — Key accounts and big-customer service (关键客户与大客户管理).

The key-account material of S4 (销售策略—关键客户拓展) and the big-customer service of S3 (李践,
大客户的开发与管理): identify key accounts (确定你的关键客户) by the six points and the 10% / 60%
rule, score the three criteria (吸引力、潜力、关系定位) and place every candidate in the
strategic-focus matrix (战略关注水平: 目标、关键、低调、维持), set the seller's investment against
what each cell returns, read the seven relationship positions, learn from the key-account file why
accounts are lost (关键客户：为什么会失败?), cost the service level of each tier in hours (platinum
accounts under the general manager, 铂金客户由总经理负责), and build the ten-element account plan
(客户计划) from the fifteen key questions.

* :mod:`.concepts` — every list of the chapter in the sources' Chinese and English;
* :mod:`.data` — :func:`account_history`, the key-account file (its own random stream);
* :mod:`.analysis` — candidates, identification, focus, investment, positions, losses, service;
* :mod:`.plan` — the checklist and the account plan.
"""

from . import concepts
from .analysis import (
    INVESTMENT_RATES,
    SERVICE_LEVELS,
    SERVICE_RATES,
    allocate_hours,
    candidates,
    focus_summary,
    identify,
    investment_vs_return,
    loss_rates,
    loss_reasons,
    position_summary,
    service_plan,
    ten_sixty,
)
from .concepts import *  # noqa: F403 - the vocabulary lists
from .concepts import __all__ as _concepts_all
from .data import LOSS_REASONS, account_history
from .plan import AccountPlan, account_plan, account_plans, checklist, checklist_scores, plan_tier

__all__ = [
    "INVESTMENT_RATES", "SERVICE_LEVELS", "SERVICE_RATES", "LOSS_REASONS", "AccountPlan",
    "account_history", "account_plan", "account_plans", "allocate_hours", "candidates", "checklist",
    "checklist_scores", "concepts", "focus_summary", "identify", "investment_vs_return",
    "loss_rates", "loss_reasons", "plan_tier", "position_summary", "service_plan", "ten_sixty",
    *_concepts_all,
]
