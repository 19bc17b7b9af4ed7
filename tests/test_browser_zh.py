"""The Chinese course in a real browser: JupyterLab + Debian's Chromium driven by Playwright.

Opens a copy of ``exercises/zh/00_how_exercises_work.ipynb`` (the Chinese twin) in JupyterLab
with its Chinese language pack (menus in Chinese, as ``make lab LANG=zh`` sets it), runs all cells,
answers the numeric exercise the way a Chinese keyboard types it (full-width digits and ％), picks
a wrong option, and reads the Chinese feedback in the page; the answers reach the progress file.
A screenshot of the answered exercise is saved and its path printed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests._jupyter import ARGS, CHROMIUM, NEEDS_CHROMIUM, serve, stop

ROOT = Path(__file__).resolve().parents[1]
TWIN = ROOT / "exercises" / "zh" / "00_how_exercises_work.ipynb"
FULL_WIDTH = str.maketrans("0123456789.%-", "０１２３４５６７８９．％－")

pytestmark = [
    pytest.mark.browser,
    NEEDS_CHROMIUM,
    pytest.mark.skipif(not TWIN.exists(), reason="the Chinese twin of exercise 00 is missing"),
]


@pytest.fixture(scope="module")
def lab_zh(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab-zh")
    work = tmp / "work"
    work.mkdir()
    shutil.copy(TWIN, work / TWIN.name)
    progress = tmp / "casekit-progress.json"
    # JupyterLab itself in Chinese (the language pack `make lab LANG=zh` installs)
    server = serve(tmp, work, "lab", app_settings=True, env={"CASEKIT_PROGRESS": progress},
                   settings={"@jupyterlab/translation-extension/plugin": {"locale": "zh_CN"}})
    base, token, proc = server["base"], server["token"], server["proc"]
    try:
        yield {"url": f"{base}/lab/tree/{TWIN.name}?token={token}&reset", "progress": progress,
               "tmp": tmp}
    finally:
        stop(proc)


def test_chinese_exercises_answer_and_give_chinese_feedback(lab_zh):
    from playwright.sync_api import expect, sync_playwright

    import casekit as ck
    from casekit import exercises
    from casekit.i18n import gettext as _

    ck.set_language("zh")
    try:
        numeric = exercises.make("intro.top_customers_share")   # the notebook's default world
        choice = exercises.make("intro.unprofitable_customer")
        # each widget names its exercise id (titles are shown translated)
        title_numeric, title_choice = numeric.id, choice.id
        wrong_option = next(o for o in choice.options() if o != choice.solution())
        check, right, not_yet = _("Check"), _("Correct"), _("Not yet")
    finally:
        ck.set_language("en")
    typed = f"{numeric.solution() * 100:.1f}%".translate(FULL_WIDTH)

    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(lab_zh["url"])
            page.wait_for_selector(".jp-Notebook")
            # JupyterLab's own menus speak Chinese: 运行 → 运行所有单元格
            expect(page.get_by_role("button", name=re.compile(r"\| 空闲$"))).to_be_visible()
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^运行$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^运行所有单元格$")).click()
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            assert page.get_by_text("Error displaying widget").count() == 0

            box = page.locator(".casekit-exercise").filter(has_text=title_numeric)
            box.scroll_into_view_if_needed()
            box.locator("input[type=text]").fill(typed)
            box.get_by_role("button", name=check).click()
            feedback = box.locator(".casekit-feedback")
            expect(feedback).to_contain_text(right)
            assert re.search(r"[\u4e00-\u9fff]", feedback.inner_text())
            shot = lab_zh["tmp"] / "browser_exercise_zh.png"
            box.screenshot(path=str(shot))
            print(f"\nscreenshot of the answered Chinese exercise: {shot}")

            box = page.locator(".casekit-exercise").filter(has_text=title_choice)
            box.scroll_into_view_if_needed()
            box.get_by_role("radio", name=wrong_option, exact=True).check()
            box.get_by_role("button", name=check).click()
            expect(box.locator(".casekit-feedback")).to_contain_text(not_yet)
        finally:
            browser.close()

    saved = json.loads(lab_zh["progress"].read_text())["exercises"]
    assert saved[numeric.id]["correct"] is True
    assert saved[choice.id]["correct"] is False
