"""Assess mode in a real browser: after Check the page says "recorded" and shows no verdict.

A student's folder is made with ``casekit assign --mode assess``; JupyterLab serves it, the
notebook runs (its kernel finds ``casekit-assignment.json`` in its own folder), a number is typed
into an exercise and checked.  The page must say the answer was recorded and show no verdict,
and the answer must be in the student's progress file with its true score.
"""

from __future__ import annotations

import json
import re

import pytest

from tests._jupyter import ARGS, CHROMIUM, NEEDS_CHROMIUM, run_all, serve, stop

pytestmark = [
    pytest.mark.browser,
    NEEDS_CHROMIUM,
]


@pytest.fixture
def student_lab(tmp_path):
    from casekit.classroom import assign

    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,姓名\n2027001,王伟\n", encoding="utf-8")
    manifest, _ = assign.assign(roster, "00", tmp_path / "hw", mode_="assess", secret="s",
                                n_customers=2000)
    work = tmp_path / "hw" / "2027001"
    # the kernel finds the assignment file in its own folder
    server = serve(tmp_path, work, "lab", env={"CASEKIT_PROGRESS": work / "casekit-progress.json",
                                               "CASEKIT_ASSIGNMENT": None})
    base, token = server["base"], server["token"]
    try:
        yield {"url": f"{base}/lab/tree/00_how_exercises_work.ipynb?token={token}",
               "work": work, "seed": int(manifest["seed"].iloc[0]), "tmp": tmp_path}
    finally:
        stop(server["proc"])


def test_assess_mode_page_shows_recorded_and_no_verdict(student_lab):
    from playwright.sync_api import expect, sync_playwright

    import casekit
    from casekit.classroom import mode
    from casekit.exercises import make

    ex = make("intro.top_customers_share", casekit.world(seed=student_lab["seed"], n_customers=2000))
    with mode.practice():
        right = ex.solution()
    expect.set_options(timeout=90_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(90_000)
            page.goto(student_lab["url"])
            run_all(page)
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            box = page.locator(".casekit-exercise").filter(has_text=ex.title)
            box.scroll_into_view_if_needed()
            box.locator("input[type=text]").fill(f"{right * 100:.1f}%")
            box.get_by_role("button", name="Check").click()
            feedback = box.locator(".casekit-feedback")
            expect(feedback).to_contain_text("recorded")
            text = feedback.inner_text()
            for verdict in ("Correct", "Not yet", "Partly right", "score"):
                assert verdict not in text
            # the notebook's own `top_share.check("20%")` cell shows no verdict either
            assert page.get_by_text(re.compile(r"^Not yet \(score")).count() == 0
            box.screenshot(path=str(student_lab["tmp"] / "assess.png"))
            print(f"screenshot: {student_lab['tmp'] / 'assess.png'}")
        finally:
            browser.close()
    saved = json.loads((student_lab["work"] / "casekit-progress.json").read_text())["records"]
    rec = saved[f"intro.top_customers_share@seed={student_lab['seed']},n=2000"]
    assert rec["answer"] == f"{right * 100:.1f}%" and rec["student_id"] == "2027001"
    assert rec["score"] is None and rec["correct"] is None   # no verdict in the student's file
