"""How fast is document search on a large library? (2,000 documents, ~90 MB.)

Generates a deterministic corpus of mixed Chinese/English documents (bench/gen_large.py)
into a temporary directory, builds the search index, and prints the build time, the warm search time for
one-, two- and longer CJK terms and an English word, and a full scan for comparison.

    .venv/bin/python bench/bench_search.py [--docs N] [--kb K] [--repeat R] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen_large import generate_corpus
from workbench.core.search.index import SearchIndex
from workbench.core.search.scan import scan_documents

# (label, term) pairs measured; hit counts are printed next to the times.
BENCH_TERMS = [
    ("1-char CJK (rare)", "鲸"),
    ("1-char CJK (common)", "亿"),
    ("2-char CJK", "算力"),
    ("3+-char CJK", "资本支出"),
    ("English word", "capex"),
    ("English (absent)", "zettabyte"),
]


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--kb", type=int, default=45)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        data, cache = root / "data", root / "cache"
        data.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        documents = generate_corpus(data, args.docs, args.kb)
        total = sum(p.stat().st_size for p in documents.values())
        print(
            f"corpus: {len(documents)} documents, {total / 1e6:.1f} MB (generated in {time.perf_counter() - t0:.1f} s)"
        )

        index = SearchIndex(cache)
        t0 = time.perf_counter()
        index.sync(documents)
        print(f"index build: {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        index.sync(documents)
        print(f"re-sync, nothing changed: {(time.perf_counter() - t0) * 1000:.0f} ms")
        edited = next(iter(documents.values()))
        with edited.open("a", encoding="utf-8") as f:
            f.write("新增一行 capex\n")
        t0 = time.perf_counter()
        index.sync(documents)
        print(f"re-sync, one document edited: {(time.perf_counter() - t0) * 1000:.0f} ms")

        # A fresh instance, as after restarting the app, to show the index persists.
        index.close()
        db_mb = sum(p.stat().st_size for p in cache.iterdir()) / 1e6
        print(f"cache on disk: {db_mb:.0f} MB")
        index = SearchIndex(cache)
        index.sync(documents)

        print(f"\n{'search':<22}{'hits':>7}{'warm median':>14}{'first 200':>12}{'full scan':>12}  term")
        for label, term in BENCH_TERMS:
            hits = index.search(term)
            assert hits == scan_documents(documents, term), f"index and scan differ for {term!r}"
            warm = _median_ms(lambda t=term: index.search(t), args.repeat)
            first = _median_ms(lambda t=term: index.search(t, limit=200), args.repeat)
            scan = _median_ms(lambda t=term: scan_documents(documents, t), max(1, args.repeat // 3))
            # The term goes last: CJK is double width and would skew the columns.
            print(f"{label:<22}{len(hits):>7}{warm:>11.1f} ms{first:>9.1f} ms{scan:>9.0f} ms  {term}")
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
