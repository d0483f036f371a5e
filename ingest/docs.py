"""``parkmart docs``: the dbt docs site as one static HTML file, optionally served locally.

dbt needs a writable database to read the catalog, and analysts may hold the warehouse
open; so the docs are generated against a temporary copy of the warehouse.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ingest.dbt import PROJECT_DIR, run_dbt
from ingest.errors import WarehouseMissingError

DEFAULT_SITE = PROJECT_DIR / "target" / "docs"


def generate_docs(warehouse: Path, out: Path | None = None, say: Callable[[str], None] = print) -> Path:
    """Write ``index.html`` (single-file site) plus manifest/catalog JSON into ``out``."""
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
        shutil.copyfile(target / "static_index.html", out / "index.html")
        for name in ("manifest.json", "catalog.json"):
            shutil.copyfile(target / name, out / name)
    return out


def serve_docs(site: Path, port: int) -> None:
    """Serve the site on 127.0.0.1 until interrupted."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving dbt docs on http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        server.serve_forever()
