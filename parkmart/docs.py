"""``parkmart docs``: the dbt docs site as one static HTML file, optionally served locally.

dbt needs a writable database to read the catalog, and analysts may hold the warehouse
open; so the docs are generated against a temporary copy of the warehouse.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from parkmart.dbt import run_dbt
from parkmart.errors import WarehouseMissingError
from parkmart.project import PROJECT_DIR

DEFAULT_SITE = PROJECT_DIR / "target" / "docs"
DEFAULT_EVAL = PROJECT_DIR / "target" / "last-eval.json"
# The line of docs/overview.md that the figures of the last `parkmart eval` replace.
EVAL_PLACEHOLDER = "PARKMART_EVAL_FIGURES"


def generate_docs(warehouse: Path, out: Path | None = None, say: Callable[[str], None] = print,
                  eval_json: Path = DEFAULT_EVAL) -> Path:
    """Write ``index.html`` (single-file site) plus manifest/catalog JSON into ``out``.

    The overview page shows the scores in ``eval_json`` (written by ``parkmart eval``).
    """
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    out = (out or DEFAULT_SITE).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parkmart-docs-") as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copyfile(warehouse, copy)
        target = Path(tmp) / "target"
        say("generating dbt docs (catalog from a copy of the warehouse)")
        run_dbt(["docs", "generate", "--static"], copy, target, echo=False)
        figures = json.dumps(eval_markdown(eval_json))[1:-1]  # escaped for a JSON string
        for source, name in (("static_index.html", "index.html"), ("manifest.json", "manifest.json"),
                             ("catalog.json", "catalog.json")):
            text = (target / source).read_text(encoding="utf-8")
            (out / name).write_text(text.replace(EVAL_PLACEHOLDER, figures), encoding="utf-8")
    return out


def eval_markdown(eval_json: Path) -> str:
    """The scores of the last ``parkmart eval`` as a markdown table, or how to get them.

    >>> eval_markdown(Path("/nonexistent.json")).startswith("No evaluation")
    True
    """
    if not eval_json.exists():
        return ("No evaluation has been run on this machine yet: run "
                "`parkmart eval --gold DIR` and then `parkmart docs` again.")
    data = json.loads(eval_json.read_text(encoding="utf-8"))
    rows = ["| kind | precision | recall | F1 | true pos. | false pos. | missed |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for kind, s in data.get("kinds", {}).items():
        rows.append(f"| {kind} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                    f"| {s['tp']} | {s['fp']} | {s['fn']} |")
    when = datetime.fromtimestamp(eval_json.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    rows.append("")
    rows.append(f"Scored on {data.get('articles')} gold-labelled articles ({when}); amount kind accuracy "
                f"{data.get('amount_kind_accuracy')}, title accuracy {data.get('title_accuracy')}, "
                f"published_date accuracy {data.get('published_date_accuracy')}.")
    attribution = data.get("attribution", {})
    if attribution:
        rows.append("")
        rows.append("Attribution, on matched items: " + ", ".join(
            f"{name.replace('_', ' ')} {a['accuracy']:.3f} ({a['correct']} of {a['matched']})"
            for name, a in attribution.items()) + ".")
    return "\n".join(rows)


def serve_docs(site: Path, port: int) -> None:
    """Serve the site on 127.0.0.1 until interrupted."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving dbt docs on http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        server.serve_forever()
