"""Event coding against gold labels (#4): quad class, PLOVER type, actors, PETRARCH cases.

    python benchmarks/eval_events.py [--limit N] [--json OUT] [--set conflibert|plover|petrarch|all]
                                     [--check] [--update-baseline]

Sentences are coded with ``detente.api.code_texts`` and scored against the gold files under
../shared/eval/events (read at run time; the script says so and exits 0 when they are absent):

1. conflibert_cameo/cameo_class/train.tsv: quad-class accuracy and macro-F1 of each sentence's
   main realised event (0 = no event or a statement), with the 5x5 confusion matrix;
2. plover_gsr/PLOVER_GSR_CAMEO.json: PLOVER event-type accuracy (draft names mapped to the
   current 16 types), source and target country accuracy, and a type confusion summary;
3. petrarch2_unittest/PETR.UnitTest.records.xml: the pass rate of the records that need no
   fictional-actor dictionary, must-produce-nothing records included;
4. the 20 most frequent error kinds across sets, each with one example sentence id;
5. elapsed time and sentences per second.

The scoring rules are spelled out in benchmarks/_eval.py. ``--check`` exits 1 when a gated
figure is under its floor in benchmarks/baselines/events.json; ``--update-baseline`` raises
the floors to just under the figures measured (it never lowers one) and needs ``--set all``
without ``--limit``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import _eval as ev


def print_conflibert(figures: dict[str, float], details: dict[str, Any]) -> None:
    print(f"ConfliBERT CAMEO penta-class ({details['n']} sentences; main realised event)")
    print(f"  quad-class accuracy   {figures['conflibert.quad_accuracy']:.3f}")
    print(f"  quad-class macro-F1   {figures['conflibert.quad_macro_f1']:.3f}")
    print(
        f"  (first event, realised or not: accuracy "
        f"{figures['conflibert.quad_accuracy_any_event']:.3f}, macro-F1 "
        f"{figures['conflibert.quad_macro_f1_any_event']:.3f})"
    )
    print(
        f"  (main realised event classed by its CAMEO root, as the gold defines classes: accuracy "
        f"{figures['conflibert.penta_from_cameo_accuracy']:.3f}, macro-F1 "
        f"{figures['conflibert.penta_from_cameo_macro_f1']:.3f})"
    )
    print("  confusion (rows gold, columns detente)")
    print(
        "    "
        + " " * 18
        + "".join(f"{label:>6}" for label in ev.QUAD_LABELS)
        + "     P     R    F1"
    )
    per_class = details["per_class"]
    for label, row in zip(ev.QUAD_LABELS, details["confusion"], strict=True):
        p, r, f = per_class[str(label)]
        name = f"{label} {ev.QUAD_NAMES[label]}"
        cells = "".join(f"{n:>6}" for n in row)
        print(f"    {name:<18}{cells}  {p:.2f}  {r:.2f}  {f:.2f}")


def print_gsr(figures: dict[str, float], details: dict[str, Any]) -> None:
    print(f"PLOVER GSR ({details['n']} sentences; main event, realised or not)")
    print(f"  event-type accuracy        {figures['gsr.type_accuracy']:.3f}")
    print(
        f"  source country accuracy    {figures['gsr.source_country_accuracy']:.3f}"
        f"  ({details['n_source']} sentences with a gold source)"
    )
    print(
        f"  target country accuracy    {figures['gsr.target_country_accuracy']:.3f}"
        f"  ({details['n_target']} sentences with a gold target)"
    )
    print(
        f"  (type of first realised event {figures['gsr.type_accuracy_realised']:.3f};"
        f" gold type among any event {figures['gsr.type_in_any_event']:.3f})"
    )
    print("  type confusion: gold type  n  correct  | most frequent wrong answers")
    for gold, preds in details["type_confusion"].items():
        n = sum(preds.values())
        wrong = ", ".join(f"{p} {c}" for p, c in preds.items() if p != gold)
        print(f"    {gold:<10}{n:>4}{preds.get(gold, 0):>6}   | {wrong}")


def print_petrarch(figures: dict[str, float], details: dict[str, Any]) -> None:
    print(
        f"PETRARCH-2 unit tests ({details['n']} records without fictional actors:"
        f" {details['n_positive']} with codings, {details['n_nothing']} must produce nothing)"
    )
    print(f"  pass rate                  {figures['petrarch.pass_rate']:.3f}")
    print(f"  records with codings       {figures['petrarch.positive_pass_rate']:.3f}")
    print(f"  must-produce-nothing       {figures['petrarch.nothing_pass_rate']:.3f}")
    print(f"  expected codings matched   {figures['petrarch.coding_recall']:.3f}")
    cats = ", ".join(f"{c} {ok}/{n}" for c, (ok, n) in details["by_category"].items())
    print(f"  by category: {cats}")


def check(figures: dict[str, float], path: Path) -> int:
    failures = ev.below_floors(figures, ev.load_floors(path))
    for failure in failures:
        print(f"  BELOW FLOOR {failure}")
    print(f"floors ({path.name}): {'FAILED' if failures else 'all met'}")
    return 1 if failures else 0


def update_baseline(figures: dict[str, float], path: Path) -> None:
    old = ev.load_floors(path) if path.is_file() else {}
    gated = {k: v for k, v in figures.items() if k in ev.GATED}
    doc = {
        "note": (
            "Quality floors of the event coder (#4), checked by tests/quality/"
            "test_event_quality.py (pytest -m slow). Produced by `python benchmarks/"
            f"eval_events.py --set all --update-baseline` on {date.today().isoformat()}: each "
            "floor is the measured figure rounded down to 2 decimals, minus 0.01. Raise floors "
            "to lock in progress; never lower one without saying why in the commit."
        ),
        "measured": {k: round(v, 4) for k, v in sorted(gated.items())},
        "floors": ev.raised_floors(gated, old),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def print_prefilter_loss(pipe: Any, sets: Sequence[str], limit: int | None) -> None:
    """Code the same sentences with the trigger-word prefilter off (every sentence that names
    an actor is parsed) and count events the prefilter lost."""
    from detente.api import code_texts

    unfiltered = dataclasses.replace(
        pipe, lexicon=dataclasses.replace(pipe.lexicon, trigger_forms=frozenset())
    )
    items = ev.all_sentences(sets, limit)
    lost = total = 0
    examples: list[str] = []
    for a, b in zip(
        code_texts(items, pipeline=pipe), code_texts(items, pipeline=unfiltered), strict=True
    ):
        with_filter = {(e["trigger"], e["event_type"]) for e in a["events"]}
        without = {(e["trigger"], e["event_type"]) for e in b["events"]}
        total += len(without)
        missing = without - with_filter
        lost += len(missing)
        if missing and len(examples) < 5:
            examples.append(f"{a['id']}: {sorted(missing)}")
    print(
        f"\nPrefilter: {lost} of {total} events lost by not parsing the sentences "
        "without a trigger word"
    )
    for line in examples:
        print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="scored sentences per set")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--set", choices=[*ev.SETS, "all"], default="all", dest="which")
    parser.add_argument("--check", action="store_true", help="exit 1 when under a floor")
    parser.add_argument("--update-baseline", action="store_true", help="raise the floors")
    parser.add_argument(
        "--prefilter-loss",
        action="store_true",
        help="also code every sentence without the trigger-word prefilter and report the "
        "events the prefilter loses",
    )
    args = parser.parse_args(argv)
    if not ev.gold_available():
        print(f"skipped: gold data not found under {ev.EVAL}")
        return 0
    if args.update_baseline and (args.which != "all" or args.limit):
        parser.error("--update-baseline needs the full sets: --set all and no --limit")
    from detente.pipeline import load_pipeline

    t0 = time.perf_counter()
    pipe = load_pipeline()
    loaded = time.perf_counter() - t0
    sets = ev.SETS if args.which == "all" else (args.which,)
    report = ev.evaluate(pipe, sets, args.limit)
    printers = {"conflibert": print_conflibert, "plover": print_gsr, "petrarch": print_petrarch}
    for name in sets:
        printers[name](report.figures, report.details[name])
        print()
    print("Most frequent error kinds (count, kind, first example)")
    for kind, count, example in report.errors.most_common(20):
        print(f"  {count:4d}  {kind}  [{example}]")
    elapsed = time.perf_counter() - t0
    rate = report.sentences / report.coding_seconds if report.coding_seconds else 0.0
    print(
        f"\n{report.sentences} sentences coded in {report.coding_seconds:.1f} s ({rate:.1f}"
        f" sentences/s); model load {loaded:.1f} s; elapsed {elapsed:.1f} s"
    )
    if args.prefilter_loss:
        print_prefilter_loss(pipe, sets, args.limit)
    if args.json:
        out = {
            "figures": report.figures,
            "details": report.details,
            "errors": report.errors.most_common(len(report.errors.counts)),
            "sentences": report.sentences,
            "coding_seconds": report.coding_seconds,
            "elapsed_seconds": elapsed,
        }
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    if args.update_baseline:
        update_baseline(report.figures, ev.BASELINE)
    return check(report.figures, ev.BASELINE) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
