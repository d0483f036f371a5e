"""Helpers the tests share: where the checkout, corpus and gold labels are, and running
the ``parkmart`` command as a user does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from parkmart.project import PROJECT_DIR

ROOT = PROJECT_DIR
CORPUS = ROOT / "corpus"
# The hand-labelled sample gold, beside the checkout (../shared/gold) or one level up in CI.
GOLD = next((p for p in (ROOT.parent / "shared" / "gold", ROOT.parent.parent / "shared" / "gold") if p.is_dir()),
            ROOT.parent / "shared" / "gold")
PARKMART = str(Path(sys.executable).with_name("parkmart"))


def run_cli(*args: str, check: bool = True, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the parkmart command as a user would; returns the finished process."""
    proc = subprocess.run([PARKMART, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"parkmart {' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def load_gold() -> dict[str, dict]:
    """The hand-labelled gold files, keyed by seed file id; empty when shared/ is absent."""
    if not GOLD.is_dir():
        return {}
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found: list[int] = []
    queue = [pid]
    while queue:
        for task in Path(f"/proc/{queue.pop()}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            queue += children
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie is not alive)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
