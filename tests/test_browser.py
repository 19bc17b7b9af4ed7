"""A real browser: JupyterLab + Debian's Chromium driven by Playwright.

Opens a copy of ``exercises/00_how_exercises_work.ipynb`` in JupyterLab, runs all cells, checks
that every exercise widget renders (no "Error displaying widget"), answers exercises through the
page — typing a number, picking an option, moving a slider — reads the feedback text in the page,
and checks that the answer reached the progress file.  A screenshot of the answered exercise is
saved to a temporary folder and its path printed.  Then every chapter's exercise notebook is run
the same way: each exercise must render as a live widget and answer an empty Check.

Runs when ``/usr/bin/chromium`` exists (``apt-get install chromium``; never ``playwright
install``), and skips with that reason otherwise.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests._jupyter import (ARGS, CHROMIUM, NEEDS_CHROMIUM, api, menu, run_all, run_all_when_idle,
                            serve, sessions, stop, wait_idle)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "exercises" / "00_how_exercises_work.ipynb"
EXERCISE_NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
PLACEHOLDER = "Run this cell to answer it here"
REOPEN = "reopen_" + NOTEBOOK.name
NOT_CONNECTED = "Not connected to Python"
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]


def _serve(tmp_path, app: str = "lab"):
    """Start JupyterLab (``app="lab"``) or Notebook 7 (``"notebook"``) serving notebook copies.

    Its application settings are the kit's own (``share/jupyter/lab/settings``: widget state
    saved with the notebook), as in an environment where casekit is installed.  Returns the
    process and the server's facts.
    """
    work = tmp_path / "work"
    work.mkdir()
    for nb in EXERCISE_NOTEBOOKS:
        shutil.copy(nb, work / nb.name)
    shutil.copy(NOTEBOOK, work / REOPEN)
    progress = tmp_path / "casekit-progress.json"
    server = serve(tmp_path, work, app, app_settings=True, env={"CASEKIT_PROGRESS": progress})
    base, token = server["base"], server["token"]
    page = "lab/tree" if app == "lab" else "notebooks"
    # ``reset``: JupyterLab opens only the notebook asked for, not every tab of the last visit
    query = f"?token={token}" + ("&reset" if app == "lab" else "")
    return server["proc"], {"url": f"{base}/{page}/{NOTEBOOK.name}{query}", "progress": progress,
                            "query": query, "tmp": tmp_path, "base": base, "token": token,
                            "work": work, "app": app, "page": page}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, serving copies of the exercise notebooks (one
    server for the whole module)."""
    proc, facts = _serve(tmp_path_factory.mktemp("lab"), "lab")
    try:
        yield facts
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory):
    """Notebook 7 with the same settings (skipped where it is not installed)."""
    pytest.importorskip("notebook", minversion="7")
    proc, facts = _serve(tmp_path_factory.mktemp("notebook7"), "notebook")
    try:
        yield facts
    finally:
        stop(proc)


@pytest.fixture(autouse=True)
def _no_kernels_left(request):
    """Each test leaves no kernel running behind it (two cores are shared)."""
    yield
    for name in ("lab", "notebook7"):
        if name in request.fixturenames:
            try:
                _shut_down_kernels(request.getfixturevalue(name))
            except Exception:  # noqa: BLE001 - the server may be gone already
                pass


def _exercise(page, title: str):
    return page.locator(".casekit-exercise").filter(has_text=title)


def test_exercises_render_and_answer_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    from casekit import exercises
    numeric = exercises.make("intro.top_customers_share")   # the notebook's default world
    choice = exercises.make("intro.unprofitable_customer")
    explorer = exercises.make("intro.top_share_explorer")
    wrong_option = next(o for o in choice.options() if o != choice.solution())

    expect.set_options(timeout=60_000)
    start = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(lab["url"])
            page.wait_for_selector(".jp-Notebook")
            idle = page.get_by_role("button", name=re.compile(r"\| Idle$"))
            expect(idle).to_be_visible()
            # the stored notebook (not trusted yet) shows each exercise's static view, question
            # and options included, until its cell runs
            static = page.locator(".casekit-exercise-static")
            expect(static).to_have_count(5)
            expect(static.filter(has_text=choice.title)).to_contain_text(wrong_option)
            assert page.get_by_text("Error displaying widget").count() == 0

            # Run → Run All Cells (there is no default shortcut)
            menu(page, "Run", "Run All Cells")

            # every exercise renders as a widget
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            expect(_exercise(page, explorer.title).locator("img")).to_be_visible()
            expect(idle).to_be_visible()
            assert page.get_by_text("Error displaying widget").count() == 0
            for i, widget in enumerate(page.locator(".casekit-exercise").all()):
                widget.scroll_into_view_if_needed()
                widget.screenshot(path=str(lab["tmp"] / f"exercise-{i}.png"))
            print(f"\nscreenshots of every exercise: {lab['tmp']}/exercise-*.png")

            # a number, typed as a percentage
            box = _exercise(page, numeric.title)
            box.scroll_into_view_if_needed()
            box.locator("input[type=text]").fill(f"{numeric.solution() * 100:.1f}%")
            box.get_by_role("button", name="Check").click()
            feedback = box.locator(".casekit-feedback")
            expect(feedback).to_contain_text("Correct")
            expect(feedback).to_contain_text("is right")
            shot = lab["tmp"] / "browser_exercise.png"
            box.screenshot(path=str(shot))
            shutil.copy(shot, "/tmp/browser_exercise.png")
            print(f"\nscreenshot of the answered exercise: {shot} (copy: /tmp/browser_exercise.png)")

            # a wrong option: the feedback names what it gets wrong
            box = _exercise(page, choice.title)
            box.scroll_into_view_if_needed()
            box.get_by_role("radio", name=wrong_option, exact=True).check()
            box.get_by_role("button", name="Check").click()
            expect(box.locator(".casekit-feedback")).to_contain_text("Not yet")
            expect(box.locator(".casekit-feedback")).to_contain_text("gross margin")

            # the slider redraws the table
            box = _exercise(page, explorer.title)
            box.scroll_into_view_if_needed()
            before = explorer.table(top_percent=20)["share of revenue"].iloc[0]
            after = explorer.table(top_percent=25)["share of revenue"].iloc[0]
            expect(box.locator(".casekit-table")).to_contain_text(before)
            box.locator(".noUi-handle").focus()
            page.keyboard.press("ArrowRight")
            expect(box.locator(".casekit-table")).to_contain_text(after)
            expect(box.locator(".widget-readout")).to_contain_text("25")
            box.screenshot(path=str(lab["tmp"] / "browser_explore.png"))
            print(f"screenshot of the explore exercise: {lab['tmp'] / 'browser_explore.png'}")
            assert page.get_by_text("Error displaying widget").count() == 0
        finally:
            browser.close()
    print(f"browser test took {time.monotonic() - start:.1f}s")

    # the Check clicks in the page reached the progress file
    saved = json.loads(lab["progress"].read_text())["exercises"]
    assert saved[numeric.id]["correct"] is True and saved[numeric.id]["attempts"] >= 1
    assert saved[choice.id]["last_answer"] == wrong_option and saved[choice.id]["correct"] is False


CHAPTER_NOTEBOOKS = [nb for nb in EXERCISE_NOTEBOOKS if nb != NOTEBOOK]


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS, ids=[nb.stem for nb in CHAPTER_NOTEBOOKS])
def test_every_chapter_exercise_renders_in_jupyterlab(lab, notebook):
    """Run All on a chapter's exercise notebook: every exercise shows as a live widget."""
    from playwright.sync_api import expect, sync_playwright

    expected = notebook.read_text(encoding="utf-8").count(PLACEHOLDER)
    assert expected >= 4, f"{notebook.name} holds {expected} exercises"
    expect.set_options(timeout=90_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(90_000)
            page.goto(f"{lab['base']}/lab/tree/{notebook.name}{lab['query']}")
            run_all(page)
            expect(page.locator(".casekit-exercise")).to_have_count(expected)
            expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible()
            assert page.get_by_text("Error displaying widget").count() == 0
            assert page.locator(".jp-OutputArea-output[data-mime-type*=error]").count() == 0
            first = page.locator(".casekit-exercise").first
            first.scroll_into_view_if_needed()
            first.get_by_role("button", name="Check").click()     # an empty answer
            expect(first.locator(".casekit-feedback")).not_to_be_empty()
            shot = lab["tmp"] / f"{notebook.stem}.png"
            first.screenshot(path=str(shot))
            print(f"\nscreenshot of the first exercise: {shot}")
        finally:
            browser.close()


def _shut_down_kernels(lab) -> None:
    """What a closed laptop does overnight: every kernel of the server is gone."""
    for session in sessions(lab):
        req = urllib.request.Request(
            f"{lab['base']}/api/kernels/{session['kernel']['id']}?token={lab['token']}",
            method="DELETE")
        try:
            urllib.request.urlopen(req).close()
        except urllib.error.HTTPError:
            pass  # already going
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if api(lab, "kernels") == []:  # None: a kernel half-way through stopping, ask again
            return
        time.sleep(0.2)
    pytest.fail("the kernels did not shut down")


@pytest.mark.parametrize("app", ["lab", "notebook7"])
def test_reopen_and_restart(app, request):
    """Answer, save, close; reopen the next day; restart the kernel: never a broken exercise.

    * reopened (saved, its kernel gone): no "Error displaying widget"; the saved answer is in
      its box; the exercise says it is not connected and to run the cell again;
    * Run All again: the last checked answer is back in a live exercise;
    * after Kernel › Restart: changing the answer clears the old verdict at once (no kernel
      needed) and Check says it is not connected instead of doing nothing;
    * Run All again: Check works and the answer is restored.
    """
    from playwright.sync_api import expect, sync_playwright

    from casekit import exercises
    numeric = exercises.make("intro.top_customers_share")
    explorer = exercises.make("intro.top_share_explorer")
    right = f"{numeric.solution() * 100:.1f}%"
    lab = request.getfixturevalue(app)
    url = f"{lab['base']}/{lab['page']}/{REOPEN}{lab['query']}"
    path = lab["work"] / REOPEN
    expect.set_options(timeout=60_000)
    start = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(url)
            run_all_when_idle(page, lab)
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            wait_idle(lab)
            box = _exercise(page, numeric.title)
            box.scroll_into_view_if_needed()
            box.locator("input[type=text]").fill(right)
            box.get_by_role("button", name="Check").click()
            expect(box.locator(".casekit-feedback")).to_contain_text("Correct")

            # save (the kit's settings keep the widget state with the notebook), close, and
            # lose the kernel
            state = "application/vnd.jupyter.widget-state+json"
            deadline = time.monotonic() + 40
            while True:
                page.locator(".jp-Notebook").click(position={"x": 5, "y": 5})
                page.keyboard.press("Control+s")
                time.sleep(2)
                saved_nb = json.loads(path.read_text(encoding="utf-8"))
                if state in saved_nb["metadata"].get("widgets", {}):
                    break
                assert time.monotonic() < deadline, "the widget state was not saved"
            page.close()
            _shut_down_kernels(lab)

            # reopen
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(url)
            page.wait_for_selector(".jp-Notebook")
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            box = _exercise(page, numeric.title)
            box.scroll_into_view_if_needed()
            expect(box.locator("input[type=text]")).to_have_value(right)   # the saved answer
            expect(box).to_contain_text(NOT_CONNECTED)                      # and what to do
            expect(box).to_contain_text("Run this cell again")
            assert page.get_by_text("Error displaying widget").count() == 0
            box.screenshot(path=str(lab["tmp"] / f"reopened-{app}.png"))
            print(f"\nscreenshot of a reopened exercise: {lab['tmp'] / f'reopened-{app}.png'}")

            # run it again: live, the last checked answer restored
            run_all_when_idle(page, lab)
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            wait_idle(lab)
            box = _exercise(page, numeric.title)
            expect(box).to_contain_text("last answer is back")
            expect(box.locator("input[type=text]")).to_have_value(right)
            expect(box).not_to_contain_text(NOT_CONNECTED)
            box.get_by_role("button", name="Check").click()
            expect(box.locator(".casekit-feedback")).to_contain_text("Correct")

            # Kernel › Restart: the view stays on the page, its kernel is new
            menu(page, "Kernel", "Restart Kernel…")
            page.locator(".jp-Dialog-button", has_text=re.compile(r"^Restart$")).click()
            time.sleep(1)
            wait_idle(lab)
            box = _exercise(page, numeric.title)
            box.scroll_into_view_if_needed()
            box.locator("input[type=text]").fill("1%")                      # a wrong answer
            expect(box.locator(".casekit-feedback-area")).to_be_empty()     # old verdict gone
            box.get_by_role("button", name="Check").click()
            expect(box).to_contain_text(NOT_CONNECTED)                      # not a silent no-op
            expect(box.get_by_text("Correct")).to_have_count(0)
            box.screenshot(path=str(lab["tmp"] / f"restarted-{app}.png"))
            # a slider moved on a stale explore exercise cannot redraw: it says so too
            explore = _exercise(page, explorer.title)
            explore.scroll_into_view_if_needed()
            track = explore.locator(".noUi-target").first
            size = track.bounding_box()
            track.click(position={"x": size["width"] * 0.8, "y": size["height"] / 2})
            expect(explore.locator(".widget-readout")).not_to_have_text("20")
            expect(explore).to_contain_text(NOT_CONNECTED)
            print(f"screenshot of a stale exercise after a restart: {lab['tmp'] / f'restarted-{app}.png'}")

            # Run All again: live again, the last checked answer back
            run_all_when_idle(page, lab)
            expect(page.locator(".casekit-exercise")).to_have_count(5)
            wait_idle(lab)
            box = _exercise(page, numeric.title)
            expect(box.locator("input[type=text]")).to_have_value(right)
            box.get_by_role("button", name="Check").click()
            expect(box.locator(".casekit-feedback")).to_contain_text("Correct")
            assert page.get_by_text("Error displaying widget").count() == 0
        finally:
            browser.close()
            _shut_down_kernels(lab)
    print(f"reopen/restart test in {app} took {time.monotonic() - start:.1f}s")
