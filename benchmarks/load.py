"""Load on `detente serve`: a store of 100,000 events, the main pages under wrk.

Builds (once, cached under --work) a synthetic store: 10,000 articles of 10 events each
between 24 countries, dated 2014-2021, clustered like any store; then starts `detente serve`
on a free local port and runs wrk (Debian package ``wrk``) against each main page for
``--seconds``, printing requests/s, latency percentiles and errors. A page answering with
anything but 200 counts as an error.

    python benchmarks/load.py [--events 100000] [--seconds 15] [--connections 16]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from detente.api import cluster_store
from detente.model import (
    Actor,
    AnalyzedArticle,
    Article,
    DatePrecision,
    Event,
    EventActor,
    Sentence,
    article_id,
)
from detente.storage.store import Store

COUNTRIES = [
    "BLR",
    "RUS",
    "UKR",
    "POL",
    "LTU",
    "LVA",
    "EST",
    "CHN",
    "USA",
    "DEU",
    "FRA",
    "GBR",
    "TUR",
    "IRN",
    "ISR",
    "SYR",
    "KAZ",
    "GEO",
    "ARM",
    "AZE",
    "MDA",
    "JPN",
    "KOR",
    "IND",
]
TYPES = [
    ("CONSULT", 1, 1.0),
    ("AGREE", 1, 4.0),
    ("AID", 2, 6.0),
    ("ACCUSE", 3, -2.0),
    ("THREATEN", 3, -4.4),
    ("COERCE", 4, -7.0),
    ("ASSAULT", 4, -9.0),
    ("SANCTION", 4, -4.0),
]


def build(path: Path, n_events: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    per = 10
    start = date(2014, 1, 1)
    actors = [Actor(id=c, name=c, kind="country", country=c, sector="GOV") for c in COUNTRIES]
    with Store.open(path) as store:
        batch: list[AnalyzedArticle] = []
        for a in range(n_events // per):
            when = start + timedelta(days=rng.randrange(8 * 365))
            lines, events = [], []
            offset = 0
            for i in range(per):
                s, t = rng.sample(COUNTRIES, 2)
                etype, quad, intensity = rng.choice(TYPES)
                sentence = f"{s} and {t}: {etype.lower()} report {a}-{i} on {when.isoformat()}."
                trig = sentence.index(etype.lower())
                lines.append(sentence)
                events.append((i, offset, sentence, trig, s, t, etype, quad, intensity))
                offset += len(sentence) + 1
            text = " ".join(lines)
            aid = article_id(text)
            art = Article(id=aid, uri=f"synthetic://{a}", text=text, title=f"Report {a}",
                          source=f"outlet{a % 40}", published=when, published_from=when,
                          published_to=when, date_precision=DatePrecision.DAY)  # fmt: skip
            sentences = tuple(
                Sentence(article_id=aid, index=i, start_char=o, end_char=o + len(x), text=x)
                for i, o, x, *_ in events
            )
            evs = tuple(
                Event(
                    article_id=aid, sentence_index=i, trigger=etype.lower(),
                    trigger_start=o + trig, trigger_end=o + trig + len(etype),
                    source=EventActor(actor_id=s, name=s, country=s, sector="GOV", text=s),
                    target=EventActor(actor_id=t, name=t, country=t, sector="GOV", text=t),
                    event_type=etype, mode="", quad_class=quad, intensity=intensity, cameo="0",
                    event_date=when, date_precision=DatePrecision.DAY,
                )
                for i, o, x, trig, s, t, etype, quad, intensity in events
            )  # fmt: skip
            batch.append(AnalyzedArticle(article=art, sentences=sentences, events=evs))
            if len(batch) >= 500:
                store.write_batch(batch, actors=actors)
                batch = []
        store.write_batch(batch, actors=actors)
        cluster_store(store)


# every request a different page of events, so the response cache rarely helps
VARIED_LUA = """
math.randomseed(os.time())
local dyads = {"BLR-RUS", "UKR-RUS", "CHN-USA", "POL-BLR", "TUR-SYR", "IRN-ISR", "GEO-RUS"}
request = function()
  local r = math.random(1, 3)
  local d = dyads[math.random(#dyads)]
  if r == 1 then
    return wrk.format("GET", "/events?offset=" .. (math.random(0, 999) * 100))
  elseif r == 2 then
    return wrk.format("GET", "/events?dyad=" .. d .. "&offset=" .. (math.random(0, 30) * 100))
  end
  local y, m = math.random(2014, 2021), math.random(1, 12)
  return wrk.format("GET", string.format("/api/events?dyad=%s&period=%d-%02d", d, y, m))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--work", type=Path, default=Path("/tmp/detente-load"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: wrk not found (apt-get install wrk)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"load-{args.events}.duckdb"
    if not db.exists():
        t = time.perf_counter()
        build(db, args.events)
        print(f"built a store of {args.events} events in {time.perf_counter() - t:.0f} s")
    with Store.open(db, read_only=True) as s:
        c = s.counts()
        clusters = s.query("SELECT count(*) AS n FROM clusters")[0]["n"]
    print(f"store: {c.articles} articles, {c.events} events, {clusters} clusters")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        with urllib.request.urlopen(f"{base}/api/events?dyad=BLR-RUS&limit=1", timeout=30) as r:
            first = r.read()
        event = re.search(rb'"event_id":\s*"([0-9a-f]+)"', first)
        pages = ["/", "/dyad/BLR-RUS", "/events", "/events?dyad=BLR-RUS",
                 "/api/events?dyad=BLR-RUS&period=2020-07"]  # fmt: skip
        if event:
            pages.append("/event/" + event.group(1).decode())
        print(f"\nwrk -t2 -c{args.connections} -d{args.seconds}s --latency, per page:")
        print(f"{'page':<44} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for path in pages:
            _row(path, _wrk(args, base + path))
        script = args.work / "varied.lua"
        script.write_text(VARIED_LUA, encoding="utf-8")
        _row("varied event lists (mostly cache misses)", _wrk(args, base, "-s", str(script)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


def _wrk(args: argparse.Namespace, url: str, *extra: str) -> str:
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _row(label: str, out: str) -> None:
    p50, p90, p99 = (_pct(out, q) for q in ("50%", "90%", "99%"))
    print(f"{label:<44} {_rate(out):>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {_errors(out):>7}")


def _rate(out: str) -> float:
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(m.group(1)) if m else 0.0


def _pct(out: str, which: str) -> float:
    m = re.search(rf"^\s+{re.escape(which)}\s+([\d.]+)(us|ms|s)\b", out, re.M)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def _errors(out: str) -> int:
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    n = int(bad.group(1)) if bad else 0
    if socket_errors:
        n += sum(int(x) for x in socket_errors.groups())
    return n


if __name__ == "__main__":
    sys.exit(main())
