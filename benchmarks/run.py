"""Run the benchmarks `make bench` covers and write docs/benchmarks.md."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_session
import bench_understanding

if __name__ == "__main__":
    bench_session.main()
    bench_understanding.main()
