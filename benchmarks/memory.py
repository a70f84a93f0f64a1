"""Memory on a large WARC: does ``detente analyze`` stay flat as the input grows?

Writes a WARC of ``--mb`` megabytes (default 1024) of HTML pages: most from a filler host,
one page in ``--keep-every`` from a news host that the run keeps (``--host``), so the run
streams the whole file, drops the filler before extraction (recorded as skips) and analyses
the kept pages end to end into a DuckDB file. Peak RSS is sampled as the run passes 25%,
50%, 75% and 100% of the kept articles: a flat line means memory does not grow with input.

Usage:  python benchmarks/memory.py [--mb 1024] [--keep-every 200] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

from detente.api import analyze
from detente.config import Settings
from detente.ingest import WarcFilter

PAGE = (
    "<html><head><title>Report {i}</title><meta name='date' content='2020-0{m}-{d:02d}'>"
    "</head><body><article><h1>Report {i}</h1>"
    "<p>{a} accused {b} of closing the border on {d} March 2020, report number {i}.</p>"
    "<p>{b} rejected the accusation and summoned the ambassador of {a}.</p>{filler}"
    "</article></body></html>"
)
PAIRS = [("Belarus", "Russia"), ("Poland", "Belarus"), ("Ukraine", "Russia"), ("China", "India")]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_warc(path: Path, mb: int, keep_every: int) -> tuple[int, int]:
    """(records, kept records) of a WARC of about ``mb`` megabytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    filler = "<p>" + " ".join(["Markets were calm and the weather was mild."] * 40) + "</p>"
    target = mb * 1024 * 1024
    n = kept = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        while fh.tell() < target:
            a, b = PAIRS[n % len(PAIRS)]
            keep = n % keep_every == 0
            body = PAGE.format(
                i=n, m=3 + n % 2, d=n % 27 + 1, a=a, b=b, filler=filler * (1 if keep else 12)
            ).encode()
            host = "news.example.com" if keep else "filler.example.org"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://{host}/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2020-03-20T08:00:00Z"},
            )
            writer.write_record(record)
            n += 1
            kept += keep
    return n, kept


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=1024, help="size of the WARC to write")
    parser.add_argument("--keep-every", type=int, default=200, help="one kept page in N")
    parser.add_argument("--dir", type=Path, default=None, help="where to write (a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        warc = Path(tmp) / "big.warc"
        t = time.perf_counter()
        records, kept = write_warc(warc, args.mb, args.keep_every)
        size = warc.stat().st_size / 1024 / 1024
        print(f"wrote {size:.0f} MB, {records} records ({kept} kept) in "
              f"{time.perf_counter() - t:.1f} s")  # fmt: skip
        marks = {max(1, kept * q // 4): f"{25 * q}%" for q in (1, 2, 3, 4)}
        samples: list[tuple[str, float]] = [("start", peak_mb())]

        def progress(_uri: str, done: int) -> None:
            if done in marks:
                samples.append((marks[done], peak_mb()))

        settings = Settings(db=Path(tmp) / "m.duckdb", report_dir=Path(tmp) / "report")
        t = time.perf_counter()
        summary = analyze(
            [warc],
            settings=settings,
            report=False,
            progress=progress,
            warc_filter=WarcFilter(hosts=frozenset({"news.example.com"})),
        )
        secs = time.perf_counter() - t
        samples.append(("end", peak_mb()))
    print(f"analysed {summary.new_articles} articles, {len(summary.skipped)} skips, "
          f"{summary.events} events in {secs:.1f} s ({size / secs:.1f} MB/s of input)")  # fmt: skip
    print("peak RSS as the run goes:")
    for label, mb in samples:
        print(f"  {label:>5}  {mb:7.0f} MB")
    growth = samples[-1][1] - samples[1][1] if len(samples) > 2 else 0.0
    print(f"growth from the first quarter to the end: {growth:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
