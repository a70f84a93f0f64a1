"""Event-coding evaluation against gold labels (#4): loaders, metrics and scoring.

The command is ``benchmarks/eval_events.py``; the quality gate
(``tests/quality/test_event_quality.py``) calls :func:`evaluate` directly. Everything here is
computed from the gold files under ../shared/eval/events at run time; no figure is stored
except the floors in ``benchmarks/baselines/events.json``.

Scoring rules (the choices a reader needs to trust the figures):

1. ConfliBERT CAMEO penta-class (``cameo_class/train.tsv``). The gold class is defined by the
   CAMEO root of the sentence's action: 0 = statement (CAMEO 01-02) or no event, 1-4 = quad
   class. detente's class for a sentence is that of its *main realised event*: the first event
   in ``code_texts`` order whose ``realised`` is true (negated, modal, conditional and future
   events are flagged, not counted). No realised event gives 0, and so does a main event whose
   CAMEO root is 01 or 02 (detente files appeals, CAMEO 02, under REQUEST; the gold files
   them as statements). Two secondary, ungated figures: the first event whatever its
   status, and the main realised event classed by its CAMEO root as the gold defines
   classes (PLOVER puts CAMEO 16 under material conflict, the gold under verbal).
2. PLOVER GSR (``PLOVER_GSR_CAMEO.json``). Gold types are PLOVER draft 0.5 names, mapped by
   :data:`GSR_TYPES`. The gold codes one event per sentence, stated intentions included ("will
   visit", "will resign"), so detente's *main event* (the first, realised or not) is compared.
   Source (target) country accuracy counts the sentences whose gold has at least one source
   (target) code; the main event's country must equal one of them ("IGO" = any IGO detente
   knows, "NGO" = an actor of sector NGO). Reciprocal records ("SRC/TAR" markup, no target
   list) give every listed actor as both source and target; the target must then be another
   member than the one the source matched. Actor errors are only logged when an event exists
   (a missing event is already a type error).
3. PETRARCH-2 unit tests (``PETR.UnitTest.records.xml``). A record is scored when it needs no
   fictional-actor dictionary: every expected source and target code, reduced to its country
   root (first three letters, CAMEO spellings mapped to ISO by :data:`CAMEO_TO_ISO`, PETRARCH
   IGO codes to detente's by :data:`PETR_IGOS`), is a country or IGO detente knows and not one
   the validation dictionary gives to a fictional place (:data:`FICTIONAL_CODES`); plus every
   must-produce-nothing record. Records flagged ``error`` (input, parse and discard tests) and
   records with no coding are left out. A must-produce-nothing record passes when detente
   returns no event at all, realised or not. Any other record passes when every expected
   coding is matched by some event with the same CAMEO root (first two digits) and the same
   source and target country; PETRARCH ignores modality, so unrealised events count.
"""

from __future__ import annotations

import csv
import json
import math
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "events"
CONFLIBERT = EVAL / "conflibert_cameo" / "cameo_class" / "train.tsv"
GSR = EVAL / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
PETRARCH = EVAL / "petrarch2_unittest" / "PETR.UnitTest.records.xml"
BASELINE = ROOT / "benchmarks" / "baselines" / "events.json"
SETS = ("conflibert", "plover", "petrarch")

Event = dict[str, Any]
T = TypeVar("T", bound=Hashable)

# PLOVER draft 0.5b1 (the GSR file) -> the 16 current PLOVER types detente codes
# (src/detente/data/plover.yaml). The four renamed types follow the current PLOVER manual and
# its CAMEO table: DEMAND became REQUEST; DISAPPROVE (CAMEO 11) and INVESTIGATE (CAMEO 09)
# became modes of ACCUSE; FIGHT (CAMEO 19-20) merged into ASSAULT.
GSR_TYPES: dict[str, str] = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "SUPPORT": "SUPPORT",
    "CONCEDE": "CONCEDE",
    "COOPERATE": "COOPERATE",
    "AID": "AID",
    "RETREAT": "RETREAT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "REJECT": "REJECT",
    "THREATEN": "THREATEN",
    "PROTEST": "PROTEST",
    "SANCTION": "SANCTION",
    "MOBILIZE": "MOBILIZE",
    "COERCE": "COERCE",
    "FIGHT": "ASSAULT",
    "ASSAULT": "ASSAULT",
}
# CAMEO country codes that are not ISO 3166-1 alpha-3 (both gold files use some), and
# CAMEO's transnational-militant code; detente calls that pseudo-actor IMG.
CAMEO_TO_ISO: dict[str, str] = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "HKG": "CHN", "ISM": "IMG",
    "KUW": "KWT", "NZE": "NZL", "ZBW": "ZWE", "UAR": "EGY",
}  # fmt: skip
# PETRARCH IGO/IMG actor codes (prefixes) -> detente actor ids
PETR_IGOS: dict[str, str] = {
    "IGOEEU": "EU",
    "IGOAFR": "AU",
    "IGOCOPITP": "INTERPOL",
    "IMG": "IMG",
}
# Fictional places of PETR.Validate.actors.txt whose codes happen to be ISO codes:
# ERIADOR [ERI] is not Eritrea.
FICTIONAL_CODES = frozenset({"ERI"})
STATEMENT_ROOTS = frozenset({"01", "02"})
# The gold's own definition of its classes by CAMEO root (data_readme / SOURCE.txt); PLOVER
# differs for 16 (reduce relations: SANCTION, quad 4) and 08 (CONCEDE, quad 1). Used for a
# secondary, ungated figure that separates ontology mismatch from coding errors.
CAMEO_PENTA: dict[str, int] = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
    "11": 3, "12": 3, "13": 3, "16": 3, "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip
QUAD_LABELS = (0, 1, 2, 3, 4)
QUAD_NAMES = ("none/statement", "verbal coop", "material coop", "verbal conflict", "material conf")
NO_EVENT = "none"


# -- error tally ----------------------------------------------------------------------------


@dataclass(slots=True)
class ErrorTally:
    """Counts of error kinds, each with the first example (sentence id and detail)."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, example: str) -> None:
        self.counts[kind] += 1
        self.examples.setdefault(kind, example)

    def update(self, other: ErrorTally) -> None:
        for kind, n in other.counts.items():
            self.counts[kind] += n
            self.examples.setdefault(kind, other.examples[kind])

    def most_common(self, n: int) -> list[tuple[str, int, str]]:
        return [(k, c, self.examples[k]) for k, c in self.counts.most_common(n)]


# -- metrics --------------------------------------------------------------------------------


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    """Share of positions where ``pred`` equals ``gold``; 0.0 for no items."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def confusion(gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]) -> list[list[int]]:
    """Rows are gold labels, columns predictions, both in ``labels`` order."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        matrix[index[g]][index[p]] += 1
    return matrix


def per_class(
    gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]
) -> dict[T, tuple[float, float, float]]:
    """(precision, recall, F1) per label; a ratio with a zero denominator is 0."""
    matrix = confusion(gold, pred, labels)
    out: dict[T, tuple[float, float, float]] = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        predicted = sum(row[i] for row in matrix)
        actual = sum(matrix[i])
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def macro_f1(gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]) -> float:
    """Unweighted mean of per-label F1 over ``labels``."""
    scores = per_class(gold, pred, labels)
    return sum(f for _, _, f in scores.values()) / len(labels) if labels else 0.0


def floor_of(value: float) -> float:
    """A quality floor just under a measured figure: round down to 2 decimals, minus 0.01."""
    cents = math.floor(round(value * 100, 6))  # round first: 0.57 * 100 is 56.99999...
    return max(0.0, round(cents / 100 - 0.01, 2))


def below_floors(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per floored figure that is missing or under its floor."""
    out = []
    for name, floor in sorted(floors.items()):
        value = figures.get(name)
        if value is None:
            out.append(f"{name}: not measured (floor {floor:.2f})")
        elif value < floor:
            out.append(f"{name}: {value:.4f} is below its floor {floor:.2f}")
    return out


def raised_floors(figures: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """New floors from ``figures``; an existing floor is never lowered."""
    new = {name: floor_of(value) for name, value in figures.items()}
    return {name: max(value, floors.get(name, 0.0)) for name, value in sorted(new.items())}


# -- event selection ------------------------------------------------------------------------


def main_event(events: Sequence[Event], *, realised_only: bool) -> Event | None:
    """The first event (``code_texts`` puts the main event first), or the first realised one."""
    for event in events:
        if event.get("realised") or not realised_only:
            return event
    return None


def cameo_root(event: Event | None) -> str:
    return str((event or {}).get("cameo") or "")[:2]


def quad_of(event: Event | None) -> int:
    """The penta class of an event: 0 for none or a statement/appeal, else its quad class."""
    if event is None or cameo_root(event) in STATEMENT_ROOTS:
        return 0
    return int(event["quad_class"])


def penta_of_cameo(event: Event | None) -> int:
    """The gold's class for an event's CAMEO root (0 for none or an unknown root)."""
    return CAMEO_PENTA.get(cameo_root(event), 0)


# -- 1. ConfliBERT penta-class ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClassCase:
    id: str
    text: str
    label: int


def load_conflibert(path: Path = CONFLIBERT) -> list[ClassCase]:
    """One case per TSV line: sentence <TAB> class 0-4; ids are ``conflibert:<line>``."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) >= 2 and row[-1].strip().isdigit():
                out.append(ClassCase(f"conflibert:{n}", "\t".join(row[:-1]), int(row[-1])))
    return out


def _quad_error(case: ClassCase, events: Sequence[Event], got: int, errors: ErrorTally) -> None:
    if got == case.label:
        return
    detail = ""
    if got == 0:
        first = main_event(events, realised_only=True)
        if not events:
            detail = " (no event)"
        elif first is None:
            detail = " (only unrealised events)"
        else:
            detail = f" (appeal/statement, CAMEO {cameo_root(first)})"
    errors.add(f"conflibert quad: gold {case.label}, got {got}{detail}", case.id)


def score_conflibert(
    cases: Sequence[ClassCase], coded: dict[str, list[Event]]
) -> tuple[dict[str, float], dict[str, Any], ErrorTally]:
    """Figures, details (confusion matrix, per-class scores) and errors."""
    gold = [c.label for c in cases]
    pred = [quad_of(main_event(coded[c.id], realised_only=True)) for c in cases]
    anyev = [quad_of(main_event(coded[c.id], realised_only=False)) for c in cases]
    by_cameo = [penta_of_cameo(main_event(coded[c.id], realised_only=True)) for c in cases]
    errors = ErrorTally()
    for case, got in zip(cases, pred, strict=True):
        _quad_error(case, coded[case.id], got, errors)
    figures = {
        "conflibert.quad_accuracy": accuracy(gold, pred),
        "conflibert.quad_macro_f1": macro_f1(gold, pred, QUAD_LABELS),
        "conflibert.quad_accuracy_any_event": accuracy(gold, anyev),
        "conflibert.quad_macro_f1_any_event": macro_f1(gold, anyev, QUAD_LABELS),
        "conflibert.penta_from_cameo_accuracy": accuracy(gold, by_cameo),
        "conflibert.penta_from_cameo_macro_f1": macro_f1(gold, by_cameo, QUAD_LABELS),
    }
    details = {
        "n": len(cases),
        "confusion": confusion(gold, pred, QUAD_LABELS),
        "per_class": {str(k): v for k, v in per_class(gold, pred, QUAD_LABELS).items()},
    }
    return figures, details, errors


# -- 2. PLOVER GSR --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GsrCase:
    id: str
    text: str
    event_type: str  # current PLOVER name
    sources: tuple[str, ...]  # ISO3 codes, "IGO" or "NGO"
    targets: tuple[str, ...]
    reciprocal: bool  # SRC/TAR markup with no target list: each actor is source and target


def map_gsr_type(name: str) -> str:
    """Current PLOVER type of a draft-0.5 type name; raises KeyError on an unknown name."""
    return GSR_TYPES[name.strip().upper()]


def gold_codes(actors: object) -> tuple[str, ...]:
    """ISO3/IGO/NGO codes of a GSR source or target field (a list of dicts, or '' / None)."""
    if not isinstance(actors, list):
        return ()
    codes = (
        str(a["code"]).strip().upper() for a in actors if isinstance(a, dict) and a.get("code")
    )
    return tuple(CAMEO_TO_ISO.get(c, c) for c in codes)


def unique_id(seen: Counter[str], raw: str) -> str:
    """``raw``, or ``raw#2``, ``raw#3`` ... when the gold file gives one id to several records
    (the GSR has two COERCE-0004): outputs are keyed by id, so each must be its own."""
    seen[raw] += 1
    return raw if seen[raw] == 1 else f"{raw}#{seen[raw]}"


def load_gsr(path: Path = GSR) -> list[GsrCase]:
    """Every record with a sentence and an event (the DOCUMENT header is skipped)."""
    out = []
    seen: Counter[str] = Counter()
    for rec in json.loads(path.read_text(encoding="utf-8")):
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        sources, targets = gold_codes(rec.get("source")), gold_codes(rec.get("target"))
        info = rec.get("textInfo")  # usually {"markup": ...}; one record has the bare string
        markup = str(info.get("markup") or "") if isinstance(info, dict) else str(info or "")
        reciprocal = not targets and "SRC/TAR" in markup and len(sources) > 1
        out.append(
            GsrCase(
                id=unique_id(seen, f"gsr:{rec['id']}"),
                text=" ".join(str(rec["text"]).split()),
                event_type=map_gsr_type(str(rec["event"])),
                sources=sources,
                targets=sources if reciprocal else targets,
                reciprocal=reciprocal,
            )
        )
    return out


def country_matches(event: Event, role: str, gold: str, igos: frozenset[str]) -> bool:
    """Whether the event's ``role`` ("source"/"target") actor fits one gold code."""
    country = event.get(f"{role}_country")
    if gold == "IGO":
        return country in igos
    if gold == "NGO":
        return event.get(f"{role}_sector") == "NGO"
    return bool(country == gold)


def _matching(event: Event, role: str, gold: Sequence[str], igos: frozenset[str]) -> int | None:
    return next((i for i, g in enumerate(gold) if country_matches(event, role, g, igos)), None)


def actors_correct(case: GsrCase, event: Event | None, igos: frozenset[str]) -> tuple[bool, bool]:
    """(source correct, target correct) of the main event against the gold codes."""
    if event is None:
        return False, False
    src = _matching(event, "source", case.sources, igos)
    targets = list(case.targets)
    if case.reciprocal and src is not None and len(targets) > 1:
        del targets[src]  # the target must be another party than the source
    return src is not None, _matching(event, "target", targets, igos) is not None


def _actor_error(
    case: GsrCase, event: Event, role: str, igos: frozenset[str], errors: ErrorTally
) -> None:
    gold = case.sources if role == "source" else case.targets
    other = case.targets if role == "source" else case.sources
    got = event.get(f"{role}_country")
    detail = f"{case.id} (gold {'/'.join(gold)}, got {got or 'none'})"
    if not got:
        errors.add(f"gsr {role}: main event has no {role} country", detail)
    elif not case.reciprocal and _matching(event, role, other, igos) is not None:
        errors.add(f"gsr {role}: got the gold {'target' if role == 'source' else 'source'}", detail)
    else:
        errors.add(f"gsr {role}: wrong country", detail)


def score_gsr(
    cases: Sequence[GsrCase], coded: dict[str, list[Event]], igos: frozenset[str]
) -> tuple[dict[str, float], dict[str, Any], ErrorTally]:
    errors = ErrorTally()
    gold, pred, realised_pred, in_any = [], [], [], 0
    hits = Counter[str]()
    for case in cases:
        events = coded[case.id]
        event = main_event(events, realised_only=False)
        got = event["event_type"] if event else NO_EVENT
        gold.append(case.event_type)
        pred.append(got)
        first_realised = main_event(events, realised_only=True)
        realised_pred.append(first_realised["event_type"] if first_realised else NO_EVENT)
        in_any += any(e["event_type"] == case.event_type for e in events)
        if got != case.event_type:
            errors.add(f"gsr type: gold {case.event_type}, got {got}", case.id)
        src_ok, tgt_ok = actors_correct(case, event, igos)
        for role, codes, ok in (("source", case.sources, src_ok), ("target", case.targets, tgt_ok)):
            if not codes:
                continue
            hits[f"{role}_n"] += 1
            hits[role] += ok
            if event is not None and not ok:
                _actor_error(case, event, role, igos, errors)
    n_src, n_tgt = hits["source_n"], hits["target_n"]
    figures = {
        "gsr.type_accuracy": accuracy(gold, pred),
        "gsr.source_country_accuracy": hits["source"] / n_src if n_src else 0.0,
        "gsr.target_country_accuracy": hits["target"] / n_tgt if n_tgt else 0.0,
        "gsr.type_accuracy_realised": accuracy(gold, realised_pred),
        "gsr.type_in_any_event": in_any / len(cases) if cases else 0.0,
    }
    details = {
        "n": len(cases),
        "n_source": n_src,
        "n_target": n_tgt,
        "type_confusion": type_confusion(gold, pred),
    }
    return figures, details, errors


def type_confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """gold type -> {predicted type: count}, predictions most frequent first."""
    pairs: dict[str, Counter[str]] = {}
    for g, p in zip(gold, pred, strict=True):
        pairs.setdefault(g, Counter())[p] += 1
    return {g: dict(c.most_common()) for g, c in sorted(pairs.items())}


# -- 3. PETRARCH-2 unit tests -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PetrCoding:
    source: str
    target: str
    cameo: str


@dataclass(frozen=True, slots=True)
class PetrCase:
    id: str
    category: str
    text: str
    codings: tuple[PetrCoding, ...]
    nothing: bool  # must produce no event
    error: str | None  # input-error, parse-error and discard tests


def load_petrarch(path: Path = PETRARCH) -> list[PetrCase]:
    root = ET.parse(path).getroot()
    out = []
    seen: Counter[str] = Counter()
    for sent in root.iter("Sentence"):
        codings, nothing, error = [], False, None
        for ec in sent.findall("EventCoding"):
            nothing = nothing or ec.get("noevents", "").lower() == "true"
            error = error or ec.get("error")
            if ec.get("eventcode"):
                codings.append(
                    PetrCoding(
                        ec.get("sourcecode", ""), ec.get("targetcode", ""), ec.get("eventcode", "")
                    )
                )
        out.append(
            PetrCase(
                id=unique_id(seen, f"petrarch:{sent.get('id')}"),
                category=sent.get("category", ""),
                text=" ".join((sent.findtext("Text") or "").split()),
                codings=tuple(codings),
                nothing=nothing,
                error=error,
            )
        )
    return out


def petr_country(code: str) -> str:
    """The detente country or IGO id of a PETRARCH actor code ("USAGOV" -> "USA")."""
    code = code.strip().upper()
    for prefix, actor in PETR_IGOS.items():
        if code.startswith(prefix):
            return actor
    return CAMEO_TO_ISO.get(code[:3], code[:3])


def petr_eligible(case: PetrCase, known: frozenset[str]) -> bool:
    """Whether a record can be scored without PETRARCH's fictional-actor dictionary."""
    if case.error:
        return False
    if case.nothing:
        return True

    def real(code: str) -> bool:
        country = petr_country(code)
        return country in known and country not in FICTIONAL_CODES

    return bool(case.codings) and all(real(c.source) and real(c.target) for c in case.codings)


def coding_matched(coding: PetrCoding, events: Sequence[Event]) -> bool:
    src, tgt, root = petr_country(coding.source), petr_country(coding.target), coding.cameo[:2]
    return any(
        cameo_root(e) == root and e.get("source_country") == src and e.get("target_country") == tgt
        for e in events
    )


def _petr_miss(
    case: PetrCase, coding: PetrCoding, events: Sequence[Event], errors: ErrorTally
) -> None:
    root = coding.cameo[:2]
    if not events:
        errors.add("petrarch: no event", case.id)
    elif any(cameo_root(e) == root for e in events):
        errors.add("petrarch: right CAMEO root, wrong source or target", case.id)
    else:
        got = ",".join(sorted({cameo_root(e) for e in events}))
        errors.add(f"petrarch: CAMEO root gold {root}, got {got}", case.id)


def score_petrarch(
    cases: Sequence[PetrCase], coded: dict[str, list[Event]]
) -> tuple[dict[str, float], dict[str, Any], ErrorTally]:
    """Cases must already be the eligible ones (see :func:`petr_eligible`)."""
    errors = ErrorTally()
    passed = Counter[str]()
    by_category: dict[str, list[int]] = {}
    for case in cases:
        events = coded[case.id]
        if case.nothing:
            ok = not events
            if not ok:
                types = ",".join(sorted({e["event_type"] for e in events}))
                errors.add(f"petrarch must-produce-nothing: produced {types}", case.id)
        else:
            matched = [coding_matched(c, events) for c in case.codings]
            passed["codings"] += sum(matched)
            passed["codings_n"] += len(matched)
            for coding, hit in zip(case.codings, matched, strict=True):
                if not hit:
                    _petr_miss(case, coding, events, errors)
            ok = all(matched)
        kind = "nothing" if case.nothing else "positive"
        passed[kind] += ok
        passed[f"{kind}_n"] += 1
        tally = by_category.setdefault(case.category, [0, 0])
        tally[0] += ok
        tally[1] += 1

    def rate(key: str) -> float:
        return passed[key] / passed[f"{key}_n"] if passed[f"{key}_n"] else 0.0

    n = passed["nothing_n"] + passed["positive_n"]
    figures = {
        "petrarch.pass_rate": (passed["nothing"] + passed["positive"]) / n if n else 0.0,
        "petrarch.positive_pass_rate": rate("positive"),
        "petrarch.nothing_pass_rate": rate("nothing"),
        "petrarch.coding_recall": rate("codings"),
    }
    details = {
        "n": n,
        "n_positive": passed["positive_n"],
        "n_nothing": passed["nothing_n"],
        "by_category": {k: tuple(v) for k, v in sorted(by_category.items())},
    }
    return figures, details, errors


# -- running ------------------------------------------------------------------------------


# Figures with a floor in the baseline; the others are printed to steer, not gated.
GATED = (
    "conflibert.quad_accuracy",
    "conflibert.quad_macro_f1",
    "gsr.type_accuracy",
    "gsr.source_country_accuracy",
    "gsr.target_country_accuracy",
    "petrarch.pass_rate",
    "petrarch.positive_pass_rate",
    "petrarch.nothing_pass_rate",
)


@dataclass(slots=True)
class Report:
    figures: dict[str, float] = field(default_factory=dict)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: ErrorTally = field(default_factory=ErrorTally)
    sentences: int = 0
    coding_seconds: float = 0.0


def gold_available() -> bool:
    return CONFLIBERT.is_file() and GSR.is_file() and PETRARCH.is_file()


def code_items(pipe: Pipeline, items: Iterable[tuple[str, str]]) -> dict[str, list[Event]]:
    """id -> detente events (main event first), through the library API."""
    from detente.api import code_texts

    return {row["id"]: list(row["events"]) for row in code_texts(items, pipeline=pipe)}


def known_codes(pipe: Pipeline) -> tuple[frozenset[str], frozenset[str]]:
    """(country and IGO ids, IGO ids) detente's actor book knows."""
    actors = pipe.book.actors.values()
    igos = frozenset(a.id for a in actors if a.kind == "igo")
    return frozenset(a.id for a in actors if a.kind == "country") | igos, igos


def _code_timed(
    report: Report, pipe: Pipeline, cases: Sequence[ClassCase | GsrCase | PetrCase]
) -> dict[str, list[Event]]:
    t0 = time.perf_counter()
    coded = code_items(pipe, ((c.id, c.text) for c in cases))
    report.coding_seconds += time.perf_counter() - t0
    report.sentences += len(cases)
    return coded


def evaluate(pipe: Pipeline, sets: Sequence[str] = SETS, limit: int | None = None) -> Report:
    """Code and score the chosen gold sets (the first ``limit`` scored cases of each)."""
    report = Report()
    known, igos = known_codes(pipe)
    for name in sets:
        if name == "conflibert":
            cb = load_conflibert()[:limit]
            result = score_conflibert(cb, _code_timed(report, pipe, cb))
        elif name == "plover":
            gsr = load_gsr()[:limit]
            result = score_gsr(gsr, _code_timed(report, pipe, gsr), igos)
        elif name == "petrarch":
            petr = [c for c in load_petrarch() if petr_eligible(c, known)][:limit]
            result = score_petrarch(petr, _code_timed(report, pipe, petr))
        else:
            raise ValueError(f"unknown set {name!r}: use one of {', '.join(SETS)}")
        figures, details, errors = result
        report.figures.update(figures)
        report.details[name] = details
        report.errors.update(errors)
    return report


def all_sentences(sets: Sequence[str] = SETS, limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of every sentence the chosen sets score: the gold events' sentences."""
    out: list[tuple[str, str]] = []
    for name in sets:
        if name == "conflibert":
            out += [(c.id, c.text) for c in load_conflibert()[:limit]]
        elif name == "plover":
            out += [(c.id, c.text) for c in load_gsr()[:limit]]
        elif name == "petrarch":
            out += [(c.id, c.text) for c in load_petrarch()[:limit]]
    return out


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["floors"].items()}
