"""How fast is document search on a large library? (2,000 documents, ~90 MB.)

Generates a deterministic corpus of mixed Chinese/English documents into a temporary
directory, builds the search index, and prints the build time, the warm search time for
one-, two- and longer CJK terms and an English word, and a full scan for comparison.

    .venv/bin/python bench/bench_search.py [--docs N] [--kb K] [--repeat R] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.core.search import SearchIndex, scan_documents  # noqa: E402

SEED = 20240521

# Domain words an investor actually searches for, mixed into the generated prose.
CJK_TERMS = ["算力", "资本支出", "人工智能", "数据中心", "英伟达", "亿美元", "云计算", "折旧", "回报率"]
EN_WORDS = (
    "the of and to in that is for on with as it by at from this be are was will have has "
    "not but which their they more than its we our about after also new growth year quarter "
    "revenue margin cloud compute demand supply customers spending guidance billion"
).split()
EN_TERMS = ["capex", "Azure", "GPU", "depreciation", "OpenAI", "Microsoft", "AWS", "data centers"]

# (label, term) pairs measured; hit counts are printed next to the times.
BENCH_TERMS = [
    ("1-char CJK (rare)", "鲸"),
    ("1-char CJK (common)", "亿"),
    ("2-char CJK", "算力"),
    ("3+-char CJK", "资本支出"),
    ("English word", "capex"),
    ("English (absent)", "zettabyte"),
]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Chinese 'words' over a Zipf-weighted set of ~3,500 characters."""
    pool = [chr(c) for c in range(0x4E00, 0x9FA5)]
    chars = rng.sample(pool, 3500)
    char_w = [1 / (i + 1) for i in range(len(chars))]
    words = ["".join(rng.choices(chars, char_w, k=rng.choice((1, 2, 2, 2, 3, 4)))) for _ in range(12000)]
    word_w = [1 / (i + 1) ** 0.9 for i in range(len(words))]
    return words, word_w


def _sentences(rng: random.Random, count: int) -> list[str]:
    """A pool of plain sentences (70% Chinese, 30% English), without domain terms."""
    words, weights = _vocabulary(rng)
    out: list[str] = []
    for _ in range(count):
        if rng.random() < 0.7:
            parts = rng.choices(words, weights, k=rng.randint(8, 30))
            out.append("".join(parts) + rng.choice("。,;!?"))
        else:
            parts = rng.choices(EN_WORDS, k=rng.randint(8, 25))
            out.append(" ".join(parts).capitalize() + ". ")
    return out


def generate(root: Path, docs: int, kb: int) -> dict[str, Path]:
    """Documents are topical, like real ones: each mentions a few domain terms often
    and the rest rarely, so a term is dense in some documents and absent from most."""
    rng = random.Random(SEED)
    sentences = _sentences(rng, 40000)
    topics = CJK_TERMS + EN_TERMS
    documents: dict[str, Path] = {}
    target = kb * 1024
    for n in range(docs):
        own = rng.sample(topics, 3)
        whale = rng.random() < 0.03  # a rare character, in ~3% of documents
        chunks: list[str] = []
        size = 0
        while size < target:
            line = "".join(rng.choices(sentences, k=rng.randint(1, 6)))
            roll = rng.random()
            insert = None
            if roll < 0.08:
                insert = rng.choice(own)
            elif roll < 0.085:
                insert = rng.choice(topics)
            elif roll < 0.12:
                insert = f"{rng.randint(1, 3000)}亿美元"
            elif whale and roll < 0.125:
                insert = "鲸"
            if insert:
                cut = rng.randrange(len(line) + 1)
                line = f"{line[:cut]} {insert} {line[cut:]}"
            chunks.append(line)
            size += len(line.encode("utf-8")) + 1
        path = root / f"doc{n:05d}.txt"
        path.write_text("\n".join(chunks) + "\n", encoding="utf-8")
        documents[f"doc{n:05d}"] = path
    return documents


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
        documents = generate(data, args.docs, args.kb)
        total = sum(p.stat().st_size for p in documents.values())
        print(f"corpus: {len(documents)} documents, {total / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - t0:.1f} s)")

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

        print(f"\n{'search':<22}{'hits':>7}{'warm median':>14}{'first 200':>12}"
              f"{'full scan':>12}  term")
        for label, term in BENCH_TERMS:
            hits = index.search(term)
            assert hits == scan_documents(documents, term), f"index and scan differ for {term!r}"
            warm = _median_ms(lambda t=term: index.search(t), args.repeat)
            first = _median_ms(lambda t=term: index.search(t, limit=200), args.repeat)
            scan = _median_ms(lambda t=term: scan_documents(documents, t), max(1, args.repeat // 3))
            # The term goes last: CJK is double width and would skew the columns.
            print(f"{label:<22}{len(hits):>7}{warm:>11.1f} ms{first:>9.1f} ms"
                  f"{scan:>9.0f} ms  {term}")
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
