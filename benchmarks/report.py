"""benchmarks/RESULTS.md from the sections the benchmark scripts wrote to benchmarks/results/.

    python benchmarks/report.py

Each script writes its own markdown section (``results/NAME.md``) when it runs; this puts them
in one file under a description of the machine they ran on (CPU, cores, memory, OS, Python).
"""
from __future__ import annotations

import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["pipeline", "store", "load", "fuzz"]     # sections first in this order, then any others


def machine() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [f"- CPU: {cpu}, {cores} core(s) available to the process",
            f"- memory: {memory}",
            f"- OS: {platform.platform()}",
            f"- Python {platform.python_version()} ({sys.implementation.name})",
            f"- assembled {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"]


def main() -> None:
    found = {p.stem: p for p in sorted((HERE / "results").glob("*.md"))}
    names = [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]
    parts = ["# Benchmark results", "",
             "Written by `make bench` (`benchmarks/report.py` assembles the sections the scripts write to "
             "`benchmarks/results/`). Wall-clock figures: they depend on the machine and on what else it "
             "runs; ratios are measured within one run.", "", "## Machine", "", *machine(), ""]
    for name in names:
        parts += [found[name].read_text(encoding="utf-8").strip(), ""]
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"written {HERE / 'RESULTS.md'} ({len(names)} section(s): {', '.join(names)})")


if __name__ == "__main__":
    main()
