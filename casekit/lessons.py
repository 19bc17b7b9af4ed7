"""What students can discover in the synthetic data: the lessons the generator builds in.

The list is printed in ``datasets/README.md``; each lesson is a property test over many seeds and
sizes in ``tests/test_lessons.py``.
"""

LESSONS = (
    "Revenue is concentrated: the top 20% of customers bring between 60% and 90% of revenue — the "
    "Pareto pattern (帕累托定律), though not exactly 80/20.",
    "Not every buyer brings profit, and big is not the same as good (大客户不一定等同于优质客户): among "
    "the top 10% of customers by revenue, a visible share lose money once discounts, cost to serve "
    "and bad debt are counted.",
    "The risks of big customers can be measured: the top revenue decile pays later, gets deeper "
    "discounts and causes more bad debt per customer than the rest.",
    "Loyal, long-tenure customers earn more per unit of revenue: profit margin is higher for the "
    "longest-tenure third of customers than for the shortest, and for the most loyal than the least.",
    "Small can be good (小客户也有可能是优质客户): among the smaller half of customers (by employees) some grow by more "
    "than 20% a year, and those who bought through the last two years spent clearly more in the last "
    "year than in the year before.",
    "Good and bad can swap (优劣有可能会互换): for a visible share of customers, profit after cost to "
    "serve changes sign from the year before the last to the last year.",
    "Prospecting methods (寻找客户的方法) differ: the cost per won customer varies at least threefold "
    "across channels.",
    "The MAN rule works: leads with need, ability to pay and authority convert at least twice as "
    "often as leads missing any of them.",
    "Close times separate the open pipeline into mature (≤ 30 days), hopeful (31–60) and potential "
    "(> 60 days) prospects (成熟客户、有望客户、潜在客户).",
    "Winning a new customer costs several times more than a year of keeping one (acquisition cost "
    "vs retention cost).",
    "Complaint causes follow a Pareto pattern: the top quarter of categories hold at least half of "
    "all complaints.",
    "Fast complaint handling keeps customers: complaints resolved within a week keep the customer "
    "more often, and leave higher satisfaction, than slow or unresolved ones.",
    "Severe complaints are harder: they are resolved less often, and less often within a week, "
    "than mild ones.",
    "No complaints is a warning sign: customers who never complained churn more than customers "
    "whose complaints were all resolved.",
    "Churn follows a key contact leaving and low satisfaction; good handling of complaints and a "
    "follow-up call after the fix keep complaining customers.",
    "Big customers churn easily: the biggest firms (top tenth by employees) leave more often than the "
    "rest — everyone courts them.",
    "Churn gives warning: a customer who is about to leave orders less and less in its last six months.",
    "Delivered value (顾客让渡价值) decides: customers who see more delivered value in our offer than "
    "in the competitor's churn less.",
)
