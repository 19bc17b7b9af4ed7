"""Small file helpers of class mode: atomic CSV writes, the course secret, safe names."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import secrets
import tempfile
from pathlib import Path

SECRET_SUFFIX = ".casekit-secret"


def write_atomic(path: Path, text: str) -> None:
    """Write a text file all at once: a temporary file beside it, then a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def csv_text(frame) -> str:
    """A DataFrame as the kit's CSV text (UTF-8, ``\\n`` line ends, no index)."""
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def read_csv_rows(path: Path, what: str) -> tuple[list[str], list[dict]]:
    """The header and rows of a UTF-8 CSV (a byte-order mark from Excel is fine)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{what}: {path} does not exist") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{what}: {path} is not UTF-8 text (byte {exc.start}); save it as "
                         "'CSV UTF-8'") from None
    except OSError as exc:
        raise ValueError(f"{what}: cannot read {path} ({exc.strerror or exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    try:
        rows = [{k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()
                 if k is not None} for row in reader]
    except csv.Error as exc:
        raise ValueError(f"{what}: {path} is not a readable CSV ({exc})") from None
    return header, rows


def secret_file(out: Path) -> Path:
    """Where the course secret is kept: beside the output folder, never inside it."""
    out = Path(out).resolve()
    return out.parent / f"{out.name}{SECRET_SUFFIX}"


def course_secret(out: Path, secret: str | None = None, *, create: bool = True) -> str:
    """The course secret: given, else read from (or first written to) the file beside ``out``."""
    if secret is not None:
        if not str(secret).strip():
            raise ValueError("--secret is empty; give a long random text or leave it out")
        return str(secret).strip()
    file = secret_file(out)
    if file.exists():
        text = file.read_text(encoding="utf-8").strip()
        if not text:
            raise ValueError(f"the course secret file {file} is empty")
        return text
    if not create:
        raise ValueError(f"no course secret: {file} does not exist; pass --secret")
    file.parent.mkdir(parents=True, exist_ok=True)
    text = secrets.token_hex(32)
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    return text


def derive_seed(secret: str, assignment: str, student_id: str) -> int:
    """A student's seed: a keyed hash of the assignment and the id (same inputs, same seed)."""
    digest = hmac.new(secret.encode(), f"{assignment}\0{student_id}".encode(),
                      hashlib.sha256).digest()
    return 1000 + int.from_bytes(digest[:8], "big") % (2**31 - 1000)


def safe_name(text: str) -> str:
    """A folder name for a student id (letters of any script, digits, ``._-``)."""
    name = re.sub(r"[^\w.-]+", "_", str(text).strip(), flags=re.UNICODE).strip("._")
    return name or "student"
