"""The tree's rules, checked on the source: packages by role, no import circles, one
definition per concept, typed staging, refs in import CTEs (see README "Layout")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from parkmart.project import MART_TABLES
from tests.helpers import ROOT

PACKAGES = ("ingest", "parkmart")


def modules() -> dict[str, Path]:
    """Every project module by dotted name."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def project_imports(path: Path, names: set[str], top_level_only: bool = False) -> list[tuple[str, int, bool]]:
    """(imported project module, line, inside a function) for each import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if n is not f}
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for target in targets:
            if target in names and (not top_level_only or id(node) not in nested):
                found.append((target, node.lineno, id(node) in nested))
    return found


def test_ingest_never_imports_the_application() -> None:
    names = set(modules())
    offending = [(m, t, line) for m, p in modules().items() if m.startswith("ingest")
                 for t, line, _ in project_imports(p, names) if t.split(".")[0] == "parkmart"]
    assert offending == []


def test_no_import_circles() -> None:
    """Depth-first search over the graph of every project import (module-level and local)."""
    mods = modules()
    names = set(mods)
    graph = {m: {t for t, _, _ in project_imports(p, names) if t != m} for m, p in mods.items()}
    # importing a.b runs a/__init__ first: a package's own submodules are not a circle through it
    graph = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in graph.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_function_local_imports_only_in_the_cli() -> None:
    """The CLI imports a command's modules when the command runs (fast --help); nowhere
    else does a function import a project module, so none can hide a circle."""
    names = set(modules())
    local = [(m, t, line) for m, p in modules().items() if m != "parkmart.cli"
             for t, line, inside in project_imports(p, names) if inside]
    assert local == []


def test_no_test_imports_a_private_name() -> None:
    private = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES:
                private += [f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert private == []


def test_han_ranges_are_defined_once() -> None:
    """Han character ranges are written only in ingest/text.py (HAN_BASIC, HAN_LETTERS)."""
    literal = re.compile(r"\\u4e00|\\u3400|\\u9fff")
    offending = [str(p.relative_to(ROOT)) for p in modules().values()
                 if p.name != "text.py" and literal.search(p.read_text(encoding="utf-8"))]
    assert offending == []


MODEL_FILES = sorted((ROOT / "models").rglob("*.sql"))
# An import CTE: `name as (` whose body selects from exactly one ref() or source() and joins nothing.
CTE_START = re.compile(r"^(\w+) as (?:not materialized )?\($", re.M)
REF = re.compile(r"\{\{\s*(?:ref|source)\(")


def test_no_model_below_staging_reads_attrs() -> None:
    offending = [str(p.relative_to(ROOT)) for p in MODEL_FILES
                 if "staging" not in p.parts and re.search(r"\battrs\b", p.read_text(encoding="utf-8"))]
    assert offending == []


@pytest.mark.parametrize("model", MODEL_FILES, ids=lambda p: p.stem)
def test_every_ref_sits_in_an_import_cte_at_the_top(model: Path) -> None:
    sql = model.read_text(encoding="utf-8")
    ctes = [(m.start(), m.group(1)) for m in CTE_START.finditer(sql)]
    problems, logic_seen = [], False
    for i, (start, name) in enumerate(ctes):
        end = ctes[i + 1][0] if i + 1 < len(ctes) else len(sql)
        body = sql[start:end]
        refs = len(REF.findall(body))
        is_import = refs == 1 and not re.search(r"\bjoin\b", body)
        if refs and not is_import:
            problems.append(f"{name}: {refs} ref(s) in a CTE that is not an import CTE")
        if is_import and logic_seen:
            problems.append(f"{name}: import CTE after a logic CTE")
        logic_seen |= not is_import
    if REF.search(sql[: ctes[0][0]] if ctes else sql):
        problems.append("ref() outside any CTE")
    assert problems == []


def test_mart_tables_are_the_contracts() -> None:
    """parkmart.project.MART_TABLES (the files of models/marts) holds the contract's marts."""
    assert set(MART_TABLES) == {"dim_article", "dim_region", "dim_date", "dim_park", "dim_project",
                                "fct_investments", "fct_projects", "fct_cooperation", "fct_mentions"}
