"""``python -m casekit …`` is the ``casekit`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
