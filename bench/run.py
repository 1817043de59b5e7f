"""Run every benchmark script in bench/ in turn (the board pack bench first).

`make bench` runs this with real services; each script prints its figures and the machine.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_BENCHES = {"__init__.py", "run.py", "machine.py", "scaledb.py"}
FIRST = {"boardpack.py"}


def scripts() -> list[Path]:
    found = sorted(p for p in HERE.glob("*.py") if p.name not in NOT_BENCHES)
    first = [p for p in found if p.name in FIRST]
    return first + [p for p in found if p.name not in FIRST]


def main() -> int:
    failed = []
    for script in scripts():
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(script.name)
        print(flush=True)
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
