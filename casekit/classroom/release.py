"""``casekit release``: let assess-mode students see their feedback and solutions.

Writes ``casekit-release.json`` into the assignments folder and into each student's folder
there.  Hand the file to the students (an LMS announcement, or copy it into the folders they
work in): a kernel that finds it beside the notebook shows verdicts again and
``ex.solution()`` answers.  The file holds a token made from the course secret, which no
student can produce, so it cannot be forged; it reveals nothing about anyone's seed.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import _files, assign as _assign, mode


def release(folder, *, secret: str | None = None, assignment: str | None = None) -> list[Path]:
    """Write the release file of the assignment in ``folder``; returns the files written."""
    folder = Path(folder)
    manifest_path = folder / "manifest.csv"
    if not manifest_path.exists():
        raise ValueError(f"release: {folder} has no manifest.csv; give the folder written by "
                         "casekit assign")
    manifest = _assign.read_manifest(manifest_path)
    ids = sorted(set(manifest["assignment"]))
    if assignment is None:
        if len(ids) != 1:
            raise ValueError(f"release: {manifest_path} holds assignments {', '.join(ids)}; "
                             "choose one with --assignment")
        assignment = ids[0]
    elif assignment not in ids:
        raise ValueError(f"release: assignment {assignment!r} is not in {manifest_path} "
                         f"(it has {', '.join(ids)})")
    key = _files.course_secret(folder, secret, create=False)
    token = mode.release_token(key, assignment)
    text = json.dumps({"format": "casekit-release", "assignment": assignment, "token": token},
                      indent=1) + "\n"
    written = [folder / mode.RELEASE_FILE]
    _files.write_atomic(written[0], text)
    for sub in manifest.loc[manifest["assignment"] == assignment, "folder"]:
        target = folder / sub
        if sub and target.is_dir():
            _files.write_atomic(target / mode.RELEASE_FILE, text)
            written.append(target / mode.RELEASE_FILE)
    return written
