"""Shared parts of the browser tests: a Jupyter server to drive, its kernels, its menus.

``serve`` starts JupyterLab or Notebook 7 on a free port with a token and the tests' settings,
and waits until it answers; ``stop`` ends it with its kernels.  ``wait_idle`` and ``sessions``
ask the server's REST API; ``menu``, ``run_all`` and ``run_all_when_idle`` drive the page.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# The user settings every test server gets: a kernel for each opened notebook, no news or update
# checks (no network here), no autosave (a test saves when it means to).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                     "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
NEEDS_CHROMIUM = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
# The kit's application settings (widget state saved with the notebook), as an install has them.
APP_SETTINGS = ROOT / "share" / "jupyter" / "lab" / "settings"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(folder: Path, extra: dict | None = None) -> Path:
    """Write :data:`SETTINGS` (and ``extra``) as JupyterLab user settings under ``folder``."""
    for plugin, values in {**SETTINGS, **(extra or {})}.items():
        package, name = plugin.rsplit("/", 1)
        (folder / package).mkdir(parents=True, exist_ok=True)
        (folder / package / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    return folder


def serve(tmp: Path, work: Path, app: str = "lab", *, settings: dict | None = None,
          app_settings: bool = False, env: dict | None = None) -> dict:
    """Start ``jupyter {app}`` serving ``work`` and wait (up to a minute) until it answers.

    Its user settings are :data:`SETTINGS` plus ``settings``; with ``app_settings`` it also reads
    a copy of the kit's application settings (:data:`APP_SETTINGS`).  ``env`` adds to the
    environment (a value of None removes that name).  Returns ``proc``, ``base``, ``token`` and
    ``log`` (the server's output file); a server that does not start fails the test with the
    log's end.
    """
    port, token = free_port(), secrets.token_hex(16)
    folder = write_settings(tmp / "settings", settings)
    environ = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(folder),
                   JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                   PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = str(value)
    extra = []
    if app_settings:
        copy = tmp / "app-settings"
        shutil.copytree(APP_SETTINGS, copy)
        # Notebook 7 runs inside a server that also loads JupyterLab, whose handler serves the
        # settings: both take the settings folder, so both are pointed at it
        apps = ["LabApp"] + (["JupyterNotebookApp"] if app == "notebook" else [])
        extra = [f"--{a}.app_settings_dir={copy}" for a in apps]
    log_path = tmp / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", app, "--no-browser", "--allow-root",
             "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={work}", *extra],
            cwd=work, env=environ, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    return {"proc": proc, "base": base, "token": token, "log": log_path}
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            pytest.fail(f"jupyter {app} did not start:\n"
                        + log_path.read_text(errors="replace")[-3000:])
        time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server (twice if needed), then kill what is left of its own process group."""
    for _ in range(2):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=5)


def api(server, what: str, *, tries: int = 1) -> list[dict] | None:
    """GET ``/api/{what}`` of the server; None while it answers with an error (a kernel or
    session half-way through a change), asked again up to ``tries`` times."""
    for i in range(tries):
        try:
            url = f"{server['base']}/api/{what}?token={server['token']}"
            with urllib.request.urlopen(url) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError:
            if i + 1 < tries:
                time.sleep(0.5)
    return None


def sessions(server) -> list[dict]:
    """The server's sessions (each an open notebook and its kernel)."""
    found = api(server, "sessions", tries=20)
    if found is None:
        pytest.fail("the server does not list its sessions")
    return found


def wait_idle(server, settle: float = 1.0, *, notebook: str | None = None) -> None:
    """Wait until every kernel of the server has been idle for ``settle`` seconds.

    With ``notebook`` (a file name), that notebook's session must exist too.
    """
    deadline, quiet = time.monotonic() + 120, None
    while time.monotonic() < deadline:
        kernels = api(server, "kernels") or []
        opened = notebook is None or any(
            s.get("path", "").endswith(notebook) for s in api(server, "sessions") or [])
        if kernels and opened and all(k["execution_state"] == "idle" for k in kernels):
            quiet = quiet or time.monotonic()
            if time.monotonic() - quiet >= settle:
                return
        else:
            quiet = None
        time.sleep(0.2)
    pytest.fail("the kernel did not become idle")


def menu(page, title: str, item: str) -> None:
    """Click ``title`` in the menu bar, then its ``item``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{title}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()


def run_all(page) -> None:
    """Wait for JupyterLab's kernel button to say Idle, then Run → Run All Cells (there is no
    default shortcut)."""
    from playwright.sync_api import expect

    page.wait_for_selector(".jp-Notebook")
    expect(page.get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible()
    menu(page, "Run", "Run All Cells")


def run_all_when_idle(page, server, *, notebook: str | None = None) -> None:
    """Run → Run All Cells once the notebook is open and every kernel idle, asked of the server
    (Lab and Notebook 7; ``notebook``: that notebook's own kernel must have started)."""
    page.wait_for_selector(".jp-Notebook")
    wait_idle(server, notebook=notebook)
    menu(page, "Run", "Run All Cells")
