"""From a fresh clone to a served course: how long ``make lab`` takes a new student.

    python benchmarks/bench_setup.py            # uv (as `make lab` does), with an empty cache
    python benchmarks/bench_setup.py --warm     # uv with this machine's download cache
    python benchmarks/bench_setup.py --pip      # plain pip (`make lab UV=0`), empty cache

Clones the project (its committed state) into a temporary folder, runs ``make lab`` there and
reports the seconds until (1) the set-up finished, (2) JupyterLab printed its address and (3)
that address answered with the start page, then stops JupyterLab. With an empty cache every
package is downloaded, as on a new machine. The CPU seconds of all its processes and the load
average say how much a busy machine stretched the wall-clock figures.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"(http://127\.0\.0\.1:\d+/\S*\?token=\w+)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(*, pip: bool = False, warm: bool = False, timeout: float = 600) -> dict:
    with tempfile.TemporaryDirectory(prefix="casekit-bench-setup-") as tmp:
        tmp = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(JUPYTER_PORT=str(_free_port()), BROWSER="true",
                   JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
        if not warm:
            env.update(UV_CACHE_DIR=str(tmp / "uv-cache"), PIP_NO_CACHE_DIR="1")
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp / "casekit")], check=True)
        cloned = time.monotonic() - t0
        log_path = tmp / "make-lab.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(["make", "lab"] + (["UV=0"] if pip else []),
                                    cwd=tmp / "casekit", env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            try:
                set_up = printed = served = None
                while served is None:
                    text = log_path.read_text(errors="replace")
                    if set_up is None and "casekit: set up in" in text:
                        set_up = time.monotonic() - t0
                    found = URL.search(text)
                    if found and printed is None:
                        printed = time.monotonic() - t0
                    if found:
                        try:
                            with urllib.request.urlopen(found.group(1), timeout=5) as r:
                                page = r.read().decode(errors="replace")
                            if r.status == 200 and "JupyterLab" in page:
                                served = time.monotonic() - t0
                        except OSError:
                            pass
                    if proc.poll() is not None or time.monotonic() - t0 > timeout:
                        raise RuntimeError("make lab did not serve the course:\n" + text[-3000:])
                    time.sleep(0.2)
            finally:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    if proc.poll() is None:
                        os.killpg(proc.pid, sig)
                        try:
                            proc.wait(timeout=10)
                        except subprocess.TimeoutExpired:
                            pass
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        return {"installer": "pip" if pip else "uv", "cache": "warm" if warm else "empty",
                "load average": round(os.getloadavg()[0], 1), "CPU s (all processes)": round(cpu, 1),
                "clone s": round(cloned, 1), "set-up done s": round(set_up, 1),
                "address printed s": round(printed, 1), "start page served s": round(served, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip", action="store_true", help="plain pip (make lab UV=0)")
    parser.add_argument("--warm", action="store_true", help="keep this machine's download cache")
    args = parser.parse_args(argv)
    row = measure(pip=args.pip, warm=args.warm)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; seconds from `git clone`:")
    for key, value in row.items():
        print(f"  {key:<22} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
