"""Assess mode in a real browser: after Check the page says "recorded" and shows no verdict.

A student's folder is made with ``casekit assign --mode assess``; JupyterLab serves it, the
notebook runs (its kernel finds ``casekit-assignment.json`` in its own folder), a number is typed
into an exercise and checked.  The page must say the answer was recorded and show no verdict,
and the answer must be in the student's progress file with its true score.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_browser import ARGS, CHROMIUM, SETTINGS, _free_port, _run_all, _stop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture
def student_lab(tmp_path):
    from casekit.classroom import assign

    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,姓名\n2027001,王伟\n", encoding="utf-8")
    manifest, _ = assign.assign(roster, "00", tmp_path / "hw", mode_="assess", secret="s",
                                n_customers=2000)
    work = tmp_path / "hw" / "2027001"
    settings = tmp_path / "settings"
    for plugin, values in SETTINGS.items():
        package, name = plugin.rsplit("/", 1)
        (settings / package).mkdir(parents=True, exist_ok=True)
        (settings / package / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               CASEKIT_PROGRESS=str(work / "casekit-progress.json"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("CASEKIT_ASSIGNMENT", None)  # the kernel finds the file in its own folder
    log = open(tmp_path / "jupyterlab.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={work}"],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n"
                            + (tmp_path / "jupyterlab.log").read_text(errors="replace")[-3000:])
            time.sleep(0.3)
        yield {"url": f"{base}/lab/tree/00_how_exercises_work.ipynb?token={token}",
               "work": work, "seed": int(manifest["seed"].iloc[0]), "tmp": tmp_path}
    finally:
        _stop(proc)
        log.close()


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
            _run_all(page)
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
