"""Shared steps of the browser tests: wait for a server's kernels, use a menu."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request

import pytest


def menu(page, menu: str, item: str) -> None:
    """Click ``menu`` in the menu bar, then its ``item``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()


def _get(server, what: str) -> list[dict]:
    url = f"{server['base']}/api/{what}?token={server['token']}"
    try:
        with urllib.request.urlopen(url) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError:  # a kernel being started or stopped: ask again
        return []


def wait_idle(server, settle: float = 1.0, *, notebook: str | None = None) -> None:
    """Wait until every kernel of the server has been idle for ``settle`` seconds.

    With ``notebook`` (a file name), that notebook's session must exist too.
    """
    deadline, quiet = time.monotonic() + 120, None
    while time.monotonic() < deadline:
        kernels = _get(server, "kernels")
        opened = notebook is None or any(
            s.get("path", "").endswith(notebook) for s in _get(server, "sessions"))
        if kernels and opened and all(k["execution_state"] == "idle" for k in kernels):
            quiet = quiet or time.monotonic()
            if time.monotonic() - quiet >= settle:
                return
        else:
            quiet = None
        time.sleep(0.2)
    pytest.fail("the kernel did not become idle")


def run_all_when_idle(page, server, *, notebook: str | None = None) -> None:
    """Run → Run All Cells once the notebook is open and its kernel idle (Lab and Notebook 7)."""
    page.wait_for_selector(".jp-Notebook")
    wait_idle(server, notebook=notebook)
    menu(page, "Run", "Run All Cells")
