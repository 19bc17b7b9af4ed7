"""The kit's message catalogs, managed with Babel: extract, update and compile.

    python tools/i18n.py            # extract → casekit/locale/casekit.pot, update the .po, compile .mo
    python tools/i18n.py --check    # exit 1 when a message has no translation or a .mo is stale

The sources of messages that go into ``casekit.pot``:

1. every ``_("…")``, ``gettext``, ``ngettext`` and ``N_("…")`` in ``casekit/`` (``pybabel extract``'s
   Python extractor);
2. the static strings of the chapter charts (``casekit/plots/<chapter>.py``): titles, axis labels,
   legend labels, annotations and tick labels written as literals, which the chart decorator
   translates at the boundary;
3. the column headers and index names of the tables the English notebooks show (``ck.table``),
   which :class:`casekit.core.fmt.Table` translates at the boundary;
4. the course vocabulary (``casekit/core/vocab.py``: segments, regions, stages …, the category
   names a chart or a table shows), whose Chinese term fills the translation when it is empty,
   so the catalog and the vocabulary say the same;
5. the objection catalogue's statements (``casekit/catalogue.py``), filled from their own Chinese
   (``statement_zh``) in the same way.

Translators then fill ``casekit/locale/<lang>/LC_MESSAGES/casekit.po`` (new messages arrive empty;
a message whose English changed is marked fuzzy and must be looked at again), or write a chapter's
translations into its own file ``casekit/locale/<lang>/parts/<chapter>.po``, which this tool copies
into the catalogs.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "casekit"
LOCALE = PKG / "locale"
POT = LOCALE / "casekit.pot"
NOTEBOOK_POT = LOCALE / "notebooks.pot"
LANGS = ("zh",)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
            "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
#: A fixed date in the headers, so re-running the tool on unchanged sources changes no file.
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

#: Axes/figure methods whose string arguments a chart shows (argument positions of the text).
_CHART_CALLS = {"set_title": (0,), "set_xlabel": (0,), "set_ylabel": (0,), "suptitle": (0,),
                "text": (2,), "annotate": (0,), "set_xticklabels": (0,), "set_yticklabels": (0,),
                "set_label": (0,), "legend": (), "set": (), "bar_label": (), "figtext": (2,),
                "axhline": (), "axvline": (), "plot": (), "bar": (), "barh": (), "scatter": (),
                "fill_between": (), "step": (), "hist": (), "errorbar": (), "stackplot": ()}
_CHART_KEYWORDS = {"label", "title", "xlabel", "ylabel", "labels", "s", "text"}


def _strings(node) -> list[str]:
    """String literals of an argument: a literal, or a list/tuple of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for e in node.elts for s in _strings(e)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [s for v in node.values for s in _strings(v)]
    if isinstance(node, ast.Dict):
        return [s for v in node.values for s in _strings(v)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        # {"a": "label", …}.get(key, default), "text".replace("_", " "), str(x or "label")
        if node.func.attr == "get":
            return _strings(node.func.value) + [s for a in node.args[1:] for s in _strings(a)]
        if node.func.attr in ("replace", "format", "upper", "capitalize", "title"):
            return []
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return [s for a in node.args for s in _strings(a)]
    return []


def chart_strings() -> dict[str, list[tuple[str, int]]]:
    """The literal texts the chapter charts draw: ``{text: [(file, line), …]}``."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted((PKG / "plots").glob("*.py")):
        if path.name.startswith("_"):
            continue
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            if name not in _CHART_CALLS:
                continue
            args = [node.args[i] for i in _CHART_CALLS[name] if i < len(node.args)]
            args += [k.value for k in node.keywords if k.arg in _CHART_KEYWORDS]
            for a in args:
                for s in _strings(a):
                    if re.search(r"[A-Za-z]{2}", s) and "{" not in s and not s.startswith("_"):
                        found.setdefault(s, []).append((rel, node.lineno))
    return found


def table_headers() -> dict[str, list[tuple[str, int]]]:
    """Column headers and index names of the tables (pandas Styler) in the English notebooks."""
    pattern = re.compile(r'<th[^>]*class="(?:col_heading|index_name)[^"]*"[^>]*>([^<]+)</th>')
    found: dict[str, list[tuple[str, int]]] = {}
    for nb in sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")]):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for k, cell in enumerate(cells):
            for out in cell.get("outputs", []):
                html = out.get("data", {}).get("text/html", "")
                html = "".join(html) if isinstance(html, list) else html
                for h in pattern.findall(html):
                    h = h.strip()
                    if re.search(r"[A-Za-z]{2}", h) and h != "&nbsp;":
                        found.setdefault(h, []).append((nb.relative_to(ROOT).as_posix(), k))
    return found


#: Kit calls whose literal text a notebook's code hands over to be shown: (argument, keyword).
_NOTEBOOK_CALLS = {"claim": (1, "text"), "table": (None, "caption"), "bullets": (0, "items"),
                   "say": (0, None), "words": (0, None)}


def notebook_strings() -> dict[str, list[tuple[str, int]]]:
    """Texts the English notebooks' code cells pass to ``ck.claim``, ``ck.table(caption=)`` and
    ``ck.bullets``: English in the code both twins share, translated by the notebooks' catalog
    (which also holds the chapter exercises' titles, prompts and hints)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for nb in sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")]):
        rel = nb.relative_to(ROOT).as_posix()
        for k, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            try:
                tree = ast.parse(src)
            except SyntaxError:  # a cell with IPython magics
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
                    # for reply in ["…", "…"]: … ck.words(reply) …: the loop's literal texts
                    loop = node.target.id
                    if any(isinstance(n, ast.Call) and getattr(n.func, "attr", "") in ("words", "say")
                           and any(isinstance(a, ast.Name) and a.id == loop for a in n.args[:1])
                           for b in node.body for n in ast.walk(b)):
                        for s in _strings(node.iter):
                            if re.search(r"[A-Za-z]{2}", s):
                                found.setdefault(s, []).append((rel, k))
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name not in _NOTEBOOK_CALLS:
                    continue
                pos, kw = _NOTEBOOK_CALLS[name]
                args = [node.args[pos]] if pos is not None and pos < len(node.args) else []
                args += [k_.value for k_ in node.keywords if k_.arg == kw]
                for a in args:
                    for s in _strings(a):
                        if re.search(r"[A-Za-z]{2}", s):
                            found.setdefault(s, []).append((rel, k))
    return found


def exercise_strings() -> dict[str, list[tuple[str, int]]]:
    """The literal ``title``, ``prompt`` and ``hint`` of each chapter exercise class
    (``casekit/exercises/<chapter>.py``), which the engine translates where it shows them."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted((PKG / "exercises").glob("*.py")):
        if path.name in ("__init__.py", "store.py"):
            continue
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                            and isinstance(stmt.targets[0], ast.Name)
                            and stmt.targets[0].id in ("title", "prompt", "hint", "question")):
                        for s in _strings(stmt.value):
                            if re.search(r"[A-Za-z]{2}", s):
                                found.setdefault(s, []).append((rel, stmt.lineno))
    return found


def notebook_template() -> Catalog:
    """The notebooks' catalog template."""
    cat = Catalog(project="casekit notebooks", version="0.1", creation_date=EPOCH,
                  revision_date=EPOCH, charset="utf-8", fuzzy=False, msgid_bugs_address="",
                  header_comment="# The texts the notebooks' code hands to the kit (English source).\n"
                                 "# Made by: python tools/i18n.py")
    for text, locations in notebook_strings().items():
        cat.add(text, None, locations[:3])
    for text, locations in exercise_strings().items():
        if text in cat:
            cat[text].locations.extend(locations[:3])
        else:
            cat.add(text, None, locations[:3], auto_comments=["exercise (translated where shown)"])
    return cat


def vocabulary() -> dict[str, str]:
    """The course vocabulary's ``{english: chinese}`` pairs (first Chinese term of each)."""
    sys.path.insert(0, str(ROOT))
    from casekit.core import vocab

    pairs: dict[str, str] = {}
    for name in vocab.__all__:
        if name.isupper():
            for item in getattr(vocab, name):
                if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
                    pairs.setdefault(item[0], item[1])
    return pairs


def statements() -> dict[str, str]:
    """The objection catalogue's ``{statement: statement_zh}`` (``casekit/catalogue.py``): stored
    English text whose Chinese the data hold, so a table showing the English column reads Chinese."""
    sys.path.insert(0, str(ROOT))
    from casekit import catalogue

    return {row[1]: row[2] for row in catalogue._ROWS}


def template() -> Catalog:
    """The catalog template: every message of the kit."""
    cat = Catalog(project="casekit", version="0.1", creation_date=EPOCH, revision_date=EPOCH,
                  charset="utf-8", fuzzy=False, msgid_bugs_address="",
                  header_comment="# The messages of casekit (English source).\n"
                                 "# Made by: python tools/i18n.py")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PKG), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        cat.add(message, None, [(f"casekit/{filename}", lineno)], auto_comments=comments,
                context=context)
    vocab = {k: [("casekit/core/vocab.py", 0)] for k in vocabulary()}
    said = {k: [("casekit/catalogue.py", 0)] for k in statements()}
    for source, flag in ((chart_strings(), "chart"), (table_headers(), "table"), (vocab, "vocabulary"),
                         (said, "objection statement")):
        for text, locations in source.items():
            if text in cat:
                cat[text].locations.extend(locations[:3])
            else:
                cat.add(text, None, locations[:3], auto_comments=[f"{flag} (translated at the boundary)"])
    return cat


def _write(path: Path, cat: Catalog, **kw) -> bool:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=True, **kw)
    new = buf.getvalue()
    if path.exists() and path.read_bytes() == new:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def po_path(lang: str, domain: str = "casekit") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def mo_bytes(po: Path) -> bytes:
    with po.open("rb") as f:
        cat = read_po(f)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def untranslated(lang: str, domain: str = "casekit") -> list[str]:
    """Messages of ``lang``'s catalog without a (non-fuzzy) translation."""
    with po_path(lang, domain).open("rb") as f:
        cat = read_po(f)
    out = []
    for m in cat:
        if not m.id:
            continue
        strs = m.string if isinstance(m.string, (list, tuple)) else [m.string]
        if m.fuzzy or not all(strs):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check: complete and compiled")
    args = ap.parse_args(argv)
    if args.check:
        bad = 0
        for lang in LANGS:
            missing = untranslated(lang)
            for m in missing:
                print(f"{lang}: no translation: {m!r}")
            print(f"{lang}: notebooks.po: {len(untranslated(lang, 'notebooks'))} texts still in English")
            for domain in ("casekit", "notebooks"):
                mo = po_path(lang, domain).with_suffix(".mo")
                if not mo.exists() or mo.read_bytes() != mo_bytes(po_path(lang, domain)):
                    print(f"{lang}: {mo.relative_to(ROOT)} is not compiled from the current .po")
                    bad += 1
            bad += len(missing)
        return 1 if bad else 0
    for domain, path, pot in (("casekit", POT, template()),
                              ("notebooks", NOTEBOOK_POT, notebook_template())):
        print(f"{path.name}: {len(pot)} messages" + (" (written)" if _write(path, pot) else ""))
        _update(domain, pot)
    return 0


def parts(lang: str) -> dict:
    """Translations kept per chapter in ``casekit/locale/<lang>/parts/*.po``: ``{(context, id): text}``.

    Each chapter's translator writes its own file (no two people edit one catalog at once); this
    tool copies them into the catalogs, where they win over an older translation.
    """
    out = {}
    for path in sorted((LOCALE / lang / "parts").glob("*.po")):
        with path.open("rb") as f:
            for msg in read_po(f, locale=lang):
                strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
                if msg.id and all(strings):  # a plural message keeps its forms (msgstr[0], …)
                    out[(msg.context, msg.id)] = msg.string
    return out


def _update(domain: str, pot: Catalog) -> None:
    for lang in LANGS:
        po = po_path(lang, domain)
        if po.exists():
            with po.open("rb") as f:
                cat = read_po(f, locale=lang)
        else:
            cat = Catalog(locale=lang, project=pot.project, version="0.1", creation_date=EPOCH,
                          revision_date=EPOCH, fuzzy=False)
        cat.update(pot, no_fuzzy_matching=False, update_creation_date=False)
        known = {**statements(), **vocabulary()} if lang == "zh" and domain == "casekit" else {}
        for en, zh in known.items():
            if en in cat and (not cat[en].string or "fuzzy" in cat[en].flags):
                cat[en].string = zh
                cat[en].flags.discard("fuzzy")
        for key, text in parts(lang).items():  # each chapter's translations, kept in its own file
            msg = cat.get(key[1], context=key[0])
            if msg is not None and text:
                msg.string = text
                msg.flags.discard("fuzzy")  # a translator's own word on this message
        cat.revision_date = EPOCH
        cat.header_comment = (f"# {cat.locale.english_name} messages of casekit (the course in "
                              f"{cat.locale.display_name}).\n# Update with: python tools/i18n.py")
        cat.last_translator = cat.language_team = "casekit"
        cat.msgid_bugs_address = ""
        _write(po, cat, ignore_obsolete=True, include_previous=True)
        mo = po.with_suffix(".mo")
        data = mo_bytes(po)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
        print(f"{lang}: {po.name}: {len(cat)} messages, {len(untranslated(lang, domain))} without a "
              f"translation; {mo.relative_to(ROOT)} compiled")


if __name__ == "__main__":
    sys.exit(main())
