"""``make lab`` from a fresh copy of the project lands a student on the course's start page.

A copy of the project's files (as a clone has them) gets ``make lab``: the set-up runs, JupyterLab
starts and prints its address. Debian's Chromium, driven by Playwright, opens exactly that
address, sees the start page, and follows its links: each one opens its chapter or exercise
notebook in JupyterLab. Notebook 7, serving a course written by ``casekit course``, opens the start
page too, and its link to the intro exercises opens them; they run and show their widgets.
Runs where ``/usr/bin/chromium`` and ``make`` exist; skips otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casekit import course
from tests._jupyter import (ARGS, CHROMIUM, NEEDS_CHROMIUM, free_port, run_all_when_idle, serve,
                            stop, write_settings)

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"(http://127\.0\.0\.1:\d+/\S*\?token=\w+)")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.install,
    NEEDS_CHROMIUM,
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
]


def _project_copy(dest: Path) -> None:
    """The project's files as a clone has them (tracked and new, not ignored ones)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.fixture
def make_lab(tmp_path):
    """``make lab`` in a fresh copy; yields the address it printed and its whole output."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot tell which files a clone has")
    project = tmp_path / "casekit"
    _project_copy(project)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(JUPYTER_PORT=str(free_port()), BROWSER="true",
               JUPYTERLAB_SETTINGS_DIR=str(write_settings(tmp_path / "settings")),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               CASEKIT_PROGRESS=str(tmp_path / "casekit-progress.json"),
               PYTHON=sys.executable)
    log_path = tmp_path / "make-lab.log"
    log = open(log_path, "wb")
    start = time.monotonic()
    proc = subprocess.Popen(["make", "lab"], cwd=project, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = start + 300
        while True:
            text = log_path.read_text(errors="replace")
            found = URL.search(text)
            if found:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("make lab printed no address:\n" + text[-4000:])
            time.sleep(0.3)
        print(f"\nmake lab printed its address after {time.monotonic() - start:.1f} s")
        yield {"url": found.group(1), "log": text, "project": project}
    finally:
        stop(proc)   # make, JupyterLab and its kernels: one process group
        log.close()


def test_make_lab_prints_the_start_page_and_its_links_open_every_notebook(make_lab):
    from playwright.sync_api import expect, sync_playwright

    log, url = make_lab["log"], make_lab["url"]
    assert "casekit: creating .venv" in log and "casekit: set up in" in log, log[-2000:]
    assert re.search(r"^Installed \d+ packages|^Successfully installed", log, re.M), log[-2000:]
    assert f"/lab/tree/{course.START_PAGE}?" in url, f"make lab printed {url}"
    chapters = course.chapters(make_lab["project"])
    targets = [course.INTRO_EXERCISES] + [p for ch in chapters for p in (ch.notebook, ch.exercises)]

    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(url)
            start_tab = page.locator(".lm-TabBar-tab", has_text=Path(course.START_PAGE).name)
            expect(start_tab).to_be_visible()
            expect(page.get_by_role("heading", name=re.compile("start here"))).to_be_visible()
            contents = page.locator(".jp-MarkdownCell", has_text="The chapters")
            for ch in chapters:
                expect(contents.get_by_role("link", name=ch.title, exact=True)).to_be_visible()
            shot = make_lab["project"].parent / "start_page.png"
            page.screenshot(path=str(shot))
            print(f"screenshot of the start page: {shot}")

            for target in targets:
                name = Path(target).name
                start_tab.click()
                # JupyterLab rewrites a relative link's address; it still ends with the file name
                link = page.locator(f".jp-MarkdownCell a[href*='{name}']").first
                link.scroll_into_view_if_needed()
                link.click()
                tab = page.locator(".lm-TabBar-tab", has_text=name)
                expect(tab).to_have_class(re.compile(r"lm-mod-current"))
                panel = page.locator(".jp-NotebookPanel:visible")
                expect(panel.locator(".jp-MarkdownCell h1").first).to_be_visible()
                # close it again, so only a few kernels run at once (the kernel's start marks a
                # notebook changed: JupyterLab asks whether to save it; nothing was changed)
                tab.locator(".lm-TabBar-tabCloseIcon").click()
                discard = page.locator(".jp-Dialog").get_by_role("button", name="Discard")
                deadline = time.monotonic() + 30
                while tab.count() and time.monotonic() < deadline:
                    if discard.count():
                        discard.click()
                    page.wait_for_timeout(200)
                expect(tab).to_have_count(0)
        finally:
            browser.close()


@pytest.fixture
def notebook7(tmp_path):
    """Notebook 7 serving a course written by ``casekit course`` (the kit's own environment)."""
    pytest.importorskip("notebook", minversion="7")
    from casekit import cli

    work = tmp_path / "course"
    assert cli.main(["course", str(work)]) == 0
    server = serve(tmp_path, work, "notebook",
                   env={"CASEKIT_PROGRESS": tmp_path / "casekit-progress.json"})
    try:
        yield {"base": server["base"], "token": server["token"]}
    finally:
        stop(server["proc"])


def test_notebook7_opens_the_start_page_and_runs_the_exercises(notebook7):
    """Notebook 7: the start page renders, its link opens the intro exercises, and they run."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{notebook7['base']}/notebooks/{course.START_PAGE}?token={notebook7['token']}")
            expect(page.get_by_role("heading", name=re.compile("start here"))).to_be_visible()
            link = page.locator(f".jp-MarkdownCell a[href*='{Path(course.INTRO_EXERCISES).name}']").first
            with context.expect_page() as opened:
                link.click()
            ex = opened.value
            ex.set_default_timeout(60_000)
            expect(ex.get_by_role("heading", name=re.compile("How the exercises work"))).to_be_visible()
            # the exercises' own kernel started, and every kernel idle
            run_all_when_idle(ex, notebook7, notebook=Path(course.INTRO_EXERCISES).name)
            expected = (ROOT / course.INTRO_EXERCISES).read_text(encoding="utf-8").count(
                "Run this cell to answer it here")
            expect(ex.locator(".casekit-exercise")).to_have_count(expected)
            expect(ex.locator(".casekit-exercise").first).to_be_visible()
            assert ex.get_by_text("Error displaying widget").count() == 0
        finally:
            browser.close()
