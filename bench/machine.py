"""A description of the machine a benchmark ran on, printed before its figures."""

import os
import platform
from importlib.metadata import version


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(meminfo.readline().split()[1])
        return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown memory"


def describe() -> str:
    libraries = ", ".join(
        f"{name} {version(name)}" for name in ["django", "psycopg", "celery", "weasyprint"]
    )
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    return (
        f"machine: {_cpu_model()}, {os.cpu_count()} cores, {_memory()}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"{libraries}; load average {load} (other work slows every figure)"
    )
