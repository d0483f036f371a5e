"""Headless Chromium for tests that look at a page the way a person does.

`make test` installs the Debian ``chromium`` package when it is missing and the user is
root; tests that need it skip with the reason when it truly cannot be found.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars"]
# Runs of white space, folded to one blank when comparing text.
SPACES = re.compile(r"\s+")


def chromium() -> str:
    """Path of a Chromium binary; skips the calling test when none is installed."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium not found: run `make test` as root (it runs "
                "`apt-get install -y chromium`) or install the chromium package")


def _run(args: list[str], timeout: int = 180) -> subprocess.CompletedProcess:
    proc = subprocess.run([chromium(), *FLAGS, *args], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"chromium {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return proc


def dump_dom(url: str, budget_ms: int = 15000) -> str:
    """The DOM after scripts ran (``--dump-dom``), as HTML."""
    return _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", url]).stdout


def dump_dom_with_log(url: str, budget_ms: int = 15000) -> tuple[str, str]:
    """The rendered DOM and Chromium's log (console messages appear in it as ``CONSOLE``)."""
    proc = _run(["--enable-logging=stderr", "--v=0", f"--virtual-time-budget={budget_ms}", "--dump-dom", url])
    return proc.stdout, proc.stderr


def screenshot(url: str, out: Path, width: int = 1400, height: int = 1800, budget_ms: int = 15000) -> Path:
    """A PNG of the rendered page."""
    _run([f"--virtual-time-budget={budget_ms}", f"--window-size={width},{height}", f"--screenshot={out}", url])
    return out


def visible_text(dom: str) -> str:
    """Text a reader sees: scripts and styles dropped, white space folded."""
    tree = lxml.html.fromstring(dom)
    for node in tree.xpath("//script|//style|//template"):
        node.drop_tree()
    return SPACES.sub(" ", tree.text_content())


def fold(text: str) -> str:
    """Markdown punctuation removed and white space folded, for comparing rendered text."""
    return SPACES.sub(" ", re.sub(r"[`*]", "", text)).strip()
