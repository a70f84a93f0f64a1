"""Entity portrayal against NewsMTSC (target-dependent sentiment in news sentences, MIT).

For every gold target mention the portrayal tone (VADER compound of the clause around the
mention, the mention left out: ``detente.analysis.portrayal.mention_tone``) is read as
negative / neutral / positive with VADER's customary ±0.05 cut-offs, and compared with the
baseline that scores the whole sentence, on both dev-test splits. Prints accuracy, macro-F1
and per-class F1.

    python benchmarks/eval_portrayal.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from detente.analysis.portrayal import _analyzer, mention_tone

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "stance" / "newsmtsc"
CLASSES = ("negative", "neutral", "positive")
GOLD = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
CUT = 0.05


def label(tone: float) -> str:
    return "positive" if tone >= CUT else "negative" if tone <= -CUT else "neutral"


def load(path: Path) -> list[tuple[str, int, int, str]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row["targets"]:
                items.append((row["sentence_normalized"], t["from"], t["to"], GOLD[t["polarity"]]))
    return items


def score(items: list[tuple[str, int, int, str]], predict: Callable[..., str]) -> dict[str, float]:
    pairs = [(gold, predict(s, a, b)) for s, a, b, gold in items]
    out = {"accuracy": sum(g == p for g, p in pairs) / len(pairs)}
    f1s = []
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in pairs)
        fp = sum(g != c and p == c for g, p in pairs)
        fn = sum(g == c and p != c for g, p in pairs)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        out[f"F1 {c}"] = f1
        f1s.append(f1)
    out["macro-F1"] = sum(f1s) / len(f1s)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no NewsMTSC data at {args.data}; nothing measured")
        return 0

    def clause(s: str, a: int, b: int) -> str:
        return label(mention_tone(s, a, b))

    def sentence(s: str, a: int, b: int) -> str:
        return label(float(_analyzer().polarity_scores(s)["compound"]))

    for split in ("devtest_mt", "devtest_rw"):
        items = load(args.data / f"{split}.jsonl")
        gold = Counter(g for *_, g in items)
        print(f"\n{split}: {len(items)} target mentions  gold {dict(gold)}")
        heads = " ".join(f"{c[:3]:>6}" for c in CLASSES)
        print(f"  {'method':28} {'acc':>6} {'macroF1':>8} {heads}")
        for name, fn in (("whole-sentence VADER", sentence), ("detente clause tone", clause)):
            r = score(items, fn)
            per = " ".join(f"{r['F1 ' + c]:6.3f}" for c in CLASSES)
            print(f"  {name:28} {r['accuracy']:6.3f} {r['macro-F1']:8.3f} {per}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
