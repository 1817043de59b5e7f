"""Nothing kept that nobody calls: a selector the product never uses misleads the next reader
into thinking it is the way in."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "bench", "var", "node_modules", ".git"}


def product_files(pattern: str) -> list[Path]:
    return [p for p in ROOT.rglob(pattern) if not SKIP & set(p.relative_to(ROOT).parts)]


def test_every_public_selector_is_called_by_the_product():
    sources = {path: path.read_text() for path in product_files("*.py")}
    sources.update({path: path.read_text() for path in product_files("*.html")})
    unused = []
    for module in product_files("selectors.py"):
        for node in ast.parse(sources[module]).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                word = re.compile(rf"\b{node.name}\b")
                uses = sum(len(word.findall(text)) for text in sources.values())
                if uses <= 1:  # its own definition only
                    unused.append(f"{module.relative_to(ROOT)}: {node.name}")

    assert unused == []
