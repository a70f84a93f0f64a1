"""Actor resolution against gold labels (#3).

    python benchmarks/eval_actors.py [--limit N]

1. PLOVER GSR (../shared/eval/events/plover_gsr): every gold source/target actor has its text,
   a country code and often a sector. For each, we look for a detente mention overlapping
   that text in the sentence and score: found (any mention), resolved (a known actor),
   country correct (the mention's country equals gold; "IGO" gold = any international
   organisation), sector correct (where gold gives one CAMEO sector we can map).
2. ConfliBERT CAMEO NER (../shared/eval/events/conflibert_cameo/cameo_ner): gold source (S)
   and target (T) spans; we score how many of them a detente mention overlaps (span recall)
   and how many detente resolved mentions fall inside some gold actor span (S, T or R).
3. Cost of resolution: the dictionary matcher alone and the whole resolution cascade, per
   1,000 already-parsed sentences (parsing is measured by benchmarks/throughput.py).

Figures are computed against the gold files at run time; nothing here is tuned to them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.actorbook import ActorBook
from detente.model import Article, Mention, article_id
from detente.pipeline import Pipeline, analyze_batch, load_pipeline
from detente.stages.actors import ArticleContext, resolve_sentence
from detente.stages.nlp import parse

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "events"
GSR = EVAL / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
NER = EVAL / "conflibert_cameo" / "cameo_ner" / "train.txt"

# CAMEO country codes that are not ISO 3166-1 alpha-3, and CAMEO's generic actor codes
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ISM": "IMG", "HKG": "CHN"}
# CAMEO sector codes -> detente sectors (first three letters of gold sectors like "CVLalb")
CAMEO_SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "CVL": "CVL", "CIV": "CVL", "OPP": "OPP",
    "COP": "SEC", "SPY": "SEC", "LEG": "LEG", "JUD": "JUD", "MED": "MED", "JRN": "MED",
    "EDU": "EDU", "BUS": "BUS", "REF": "CVL", "LAB": "CVL", "UAF": "REB", "ELI": "GOV",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldActor:
    sentence_id: str
    role: str  # source | target
    text: str
    code: str
    sector: str | None


def load_gsr(path: Path = GSR) -> list[tuple[str, str, list[GoldActor]]]:
    """(id, sentence, gold actors) for every GSR record with text and at least one actor."""
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        text = rec.get("text")
        if not text:
            continue
        actors = []
        for role in ("source", "target"):
            value = rec.get(role)
            for a in value if isinstance(value, list) else []:
                if a.get("actorText") and a.get("code"):
                    sector = a.get("sector")
                    actors.append(
                        GoldActor(
                            sentence_id=rec["id"],
                            role=role,
                            text=str(a["actorText"]),
                            code=CAMEO_TO_ISO.get(a["code"], a["code"]),
                            sector=CAMEO_SECTORS.get(str(sector)[:3]) if sector else None,
                        )
                    )
        if actors:
            out.append((rec["id"], text, actors))
    return out


def load_ner(path: Path = NER) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """Sentences rebuilt from the token file (tokens joined by spaces) with gold spans by
    label (S source, T target, R other actor) as character offsets."""
    out: list[tuple[str, dict[str, list[tuple[int, int]]]]] = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            tokens.append((parts[0], parts[-1]))
            continue
        if tokens:
            out.append(_spans(tokens))
            tokens = []
    return out


def _spans(tokens: list[tuple[str, str]]) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    text, pos = [], 0
    spans: dict[str, list[tuple[int, int]]] = {}
    current: tuple[str, int, int] | None = None
    for word, tag in tokens:
        start, end = pos, pos + len(word)
        text.append(word)
        pos = end + 1
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            if current:
                spans.setdefault(current[0], []).append(current[1:])
            current = (tag[2:], start, end)
        elif tag.startswith("I-") and current is not None:
            current = (current[0], current[1], end)
        else:
            if current:
                spans.setdefault(current[0], []).append(current[1:])
            current = None
    if current:
        spans.setdefault(current[0], []).append(current[1:])
    return " ".join(text), spans


def mentions_of(pipe: Pipeline, texts: list[str]) -> list[list[Mention]]:
    """detente's mentions of each text, each text analysed as a one-paragraph article."""
    articles = [
        Article(id=article_id(t) or str(i), uri=str(i), text=t) for i, t in enumerate(texts)
    ]
    return [list(doc.mentions) for doc in analyze_batch(pipe, articles)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _find(text: str, needle: str) -> Iterator[tuple[int, int]]:
    start = text.find(needle)
    while start >= 0:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def score_gsr(pipe: Pipeline, limit: int | None = None) -> dict[str, Any]:
    records = load_gsr()[:limit]
    found_mentions = mentions_of(pipe, [t for _, t, _ in records])
    book = pipe.book
    n = Counter[str]()
    errors = Counter[str]()
    for (_, text, gold), mentions in zip(records, found_mentions, strict=True):
        for g in gold:
            n["gold"] += 1
            best = _best_mention(text, g.text, mentions)
            if best is None:
                errors[f"not found: {g.text}"] += 1
                continue
            n["found"] += 1
            if best.actor_id is None:
                errors[f"unresolved: {g.text}"] += 1
                continue
            n["resolved"] += 1
            if _country_ok(book, best, g.code):
                n["country"] += 1
                if g.sector:
                    n["sector_gold"] += 1
                    actor = book.get(best.actor_id)
                    if actor is not None and actor.sector == g.sector:
                        n["sector"] += 1
                    else:
                        got = actor.sector if actor else "?"
                        errors[f"sector: gold {g.sector} got {got}"] += 1
            else:
                errors[f"country: gold {g.code} got {best.country} ({best.text})"] += 1
    return {"counts": dict(n), "errors": errors.most_common(25)}


def _best_mention(text: str, needle: str, mentions: list[Mention]) -> Mention | None:
    best, best_overlap = None, 0
    for span in _find(text, needle):
        for m in mentions:
            o = _overlap(span, (m.start_char, m.end_char))
            if o > best_overlap:
                best, best_overlap = m, o
    return best


def _country_ok(book: ActorBook, m: Mention, gold: str) -> bool:
    if gold == "IGO":
        actor = book.get(m.country or "")
        return actor is not None and actor.kind == "igo"
    if gold == "NGO":
        actor = book.get(m.actor_id or "")
        return actor is not None and actor.sector == "NGO"
    return m.country == gold


def score_ner(pipe: Pipeline, limit: int | None = None) -> dict[str, Any]:
    sentences = load_ner()[:limit]
    found = mentions_of(pipe, [t for t, _ in sentences])
    n = Counter[str]()
    for (_, spans), mentions in zip(sentences, found, strict=True):
        for label in ("S", "T"):
            for span in spans.get(label, []):
                n[f"{label}_gold"] += 1
                hits = [m for m in mentions if _overlap(span, (m.start_char, m.end_char))]
                if hits:
                    n[f"{label}_any"] += 1
                if any(m.actor_id for m in hits):
                    n[f"{label}_resolved"] += 1
        every = [s for spans_of in spans.values() for s in spans_of]
        for m in mentions:
            if m.actor_id is None:
                continue
            n["resolved_mentions"] += 1
            if any(_overlap(s, (m.start_char, m.end_char)) for s in every):
                n["resolved_in_gold_span"] += 1
    return {"sentences": len(sentences), "counts": dict(n)}


def cost(pipe: Pipeline, texts: list[str]) -> dict[str, float]:
    """Seconds per 1,000 sentences: the phrase matcher alone, and the resolution cascade."""
    docs = list(parse(pipe.nlp, texts))
    t0 = time.perf_counter()
    for doc in docs:
        pipe.matcher.matcher(doc)
    matcher = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        resolve_sentence(pipe.matcher, doc, ArticleContext())
    cascade = time.perf_counter() - t0
    k = 1000 / max(len(docs), 1)
    return {"matcher_s_per_1k": matcher * k, "resolution_s_per_1k": cascade * k}


def _pct(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "   n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences per set")
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args(argv)
    if not GSR.is_file() or not NER.is_file():
        print(f"skipped: gold data not found under {EVAL}")
        return 0
    pipe = load_pipeline()
    t0 = time.perf_counter()
    gsr = score_gsr(pipe, args.limit)
    ner = score_ner(pipe, args.limit)
    c = gsr["counts"]
    print("PLOVER GSR actors (source and target, per gold actor)")
    print(f"  found as a mention     {_pct(c.get('found', 0), c['gold'])}")
    print(f"  resolved to an actor   {_pct(c.get('resolved', 0), c['gold'])}")
    print(f"  country correct        {_pct(c.get('country', 0), c['gold'])}")
    print(
        f"  country | resolved     {_pct(c.get('country', 0), c.get('resolved', 0))}"
        "  (precision of what was resolved)"
    )
    print(f"  sector | country ok    {_pct(c.get('sector', 0), c.get('sector_gold', 0))}")
    k = ner["counts"]
    print(f"ConfliBERT CAMEO NER spans ({ner['sentences']} sentences)")
    for label, name in (("S", "source"), ("T", "target")):
        print(
            f"  {name} spans with a mention  {_pct(k.get(f'{label}_any', 0), k[f'{label}_gold'])}"
            f"   resolved {_pct(k.get(f'{label}_resolved', 0), k[f'{label}_gold'])}"
        )
    print(
        "  resolved mentions inside a gold actor span "
        f"{_pct(k.get('resolved_in_gold_span', 0), k.get('resolved_mentions', 0))}"
    )
    sample = [t for t, _ in load_ner()[:1000]]
    costs = cost(pipe, sample)
    print(
        f"Resolution cost per 1,000 parsed sentences: matcher {costs['matcher_s_per_1k']:.3f} s,"
        f" whole cascade {costs['resolution_s_per_1k']:.3f} s"
    )
    print(f"elapsed {time.perf_counter() - t0:.1f} s")
    print("Most frequent GSR errors:")
    for err, count in gsr["errors"]:
        print(f"  {count:3d}  {err}")
    if args.json:
        args.json.write_text(
            json.dumps({"gsr": gsr, "ner": ner, "cost": costs}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
