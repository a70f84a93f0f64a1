"""The event-evaluation harness's pure parts: metrics, type mapping, gold parsing, floors (#4).

No model and no ../shared data: every case is built by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks import _eval as ev


def event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"event_type": "ACCUSE", "quad_class": 3, "cameo": "112"}
    base.update({"realised": True, "source_country": None, "target_country": None})
    return base | fields


# -- metrics --------------------------------------------------------------------------------


def test_accuracy_counts_equal_positions() -> None:
    assert ev.accuracy([0, 1, 2, 3], [0, 1, 0, 0]) == 0.5
    assert ev.accuracy([], []) == 0.0


def test_accuracy_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        ev.accuracy([1, 2], [1])


def test_confusion_rows_are_gold_columns_predictions() -> None:
    matrix = ev.confusion([0, 0, 1, 2], [0, 1, 1, 1], labels=(0, 1, 2))
    assert matrix == [[1, 1, 0], [0, 1, 0], [0, 1, 0]]


def test_macro_f1_averages_per_label_f1() -> None:
    gold, pred = [0, 0, 1, 1, 2], [0, 1, 1, 1, 0]
    # label 0: P 1/2 R 1/2 F 0.5; label 1: P 2/3 R 1 F 0.8; label 2: never right, F 0
    assert ev.macro_f1(gold, pred, (0, 1, 2)) == pytest.approx((0.5 + 0.8 + 0.0) / 3)


def test_macro_f1_counts_absent_labels_as_zero() -> None:
    assert ev.macro_f1([1, 1], [1, 1], (0, 1)) == pytest.approx(0.5)
    assert ev.macro_f1([1, 1], [1, 1], (1,)) == pytest.approx(1.0)


def test_per_class_gives_precision_recall_f1() -> None:
    scores = ev.per_class([0, 1, 1], [1, 1, 1], (0, 1))
    assert scores[0] == (0.0, 0.0, 0.0)
    assert scores[1] == pytest.approx((2 / 3, 1.0, 0.8))


# -- floors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measured", "floor"),
    [(0.338, 0.32), (0.57, 0.56), (0.3297, 0.31), (0.999, 0.98), (0.004, 0.0)],
)
def test_floor_rounds_down_to_cents_minus_one(measured: float, floor: float) -> None:
    assert ev.floor_of(measured) == floor


def test_below_floors_names_each_failure() -> None:
    failures = ev.below_floors({"a": 0.5, "b": 0.2}, {"a": 0.4, "b": 0.3, "c": 0.1})
    assert failures == ["b: 0.2000 is below its floor 0.30", "c: not measured (floor 0.10)"]


def test_raised_floors_never_lower_a_floor() -> None:
    assert ev.raised_floors({"a": 0.5, "b": 0.9}, {"a": 0.6}) == {"a": 0.6, "b": 0.89}


def test_committed_baseline_floors_every_gated_figure() -> None:
    doc = json.loads(ev.BASELINE.read_text(encoding="utf-8"))
    assert set(doc["floors"]) == set(ev.GATED)
    assert "note" in doc
    for name, floor in doc["floors"].items():
        assert floor <= doc["measured"][name]


# -- event selection and classes ------------------------------------------------------------


def test_main_event_skips_unrealised_only_when_asked() -> None:
    modal, real = event(realised=False, cameo="036"), event(cameo="112")
    assert ev.main_event([modal, real], realised_only=True) is real
    assert ev.main_event([modal, real], realised_only=False) is modal
    assert ev.main_event([modal], realised_only=True) is None


def test_quad_of_maps_none_and_appeals_to_class_zero() -> None:
    assert ev.quad_of(None) == 0
    assert ev.quad_of(event(event_type="REQUEST", quad_class=3, cameo="021")) == 0
    assert ev.quad_of(event(event_type="REQUEST", quad_class=3, cameo="100")) == 3
    assert ev.quad_of(event(event_type="ASSAULT", quad_class=4, cameo="190")) == 4


# -- PLOVER GSR -----------------------------------------------------------------------------


def test_gsr_type_map_lands_on_the_types_detente_codes() -> None:
    plover = yaml.safe_load((files("detente") / "data" / "plover.yaml").read_text("utf-8"))
    current = set(plover["types"])
    assert len(current) == 16
    assert set(ev.GSR_TYPES.values()) == current
    assert ev.map_gsr_type("DEMAND") == "REQUEST"
    assert ev.map_gsr_type("disapprove") == "ACCUSE"
    assert ev.map_gsr_type("INVESTIGATE") == "ACCUSE"
    assert ev.map_gsr_type("FIGHT") == "ASSAULT"
    with pytest.raises(KeyError):
        ev.map_gsr_type("DOCUMENT")


def test_gold_codes_map_cameo_spellings_and_skip_empty_fields() -> None:
    assert ev.gold_codes([{"actorText": "Japan", "code": "JAP"}, {"code": "usa"}]) == (
        "JPN",
        "USA",
    )
    assert ev.gold_codes("") == ()
    assert ev.gold_codes(None) == ()


def test_load_gsr_reads_types_actors_and_reciprocal_records(tmp_path: Path) -> None:
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {
            "id": "G1",
            "event": "DEMAND",
            "text": "Russia  demanded that\nBelarus pay.",
            "source": [{"code": "RUS"}],
            "target": [{"code": "BLR"}],
            "textInfo": {"markup": "(SRC: Russia) (EVT: demanded) (TAR: Belarus)"},
        },
        {
            "id": "G2",
            "event": "AGREE",
            "text": "Israel and Lebanon agreed.",
            "source": [{"code": "ISR"}, {"code": "LBN"}],
            "target": "",
            "textInfo": "(SRC/TAR: Israel) and (SRC/TAR: Lebanon) (EVT: agreed)",
        },
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    first, second = ev.load_gsr(path)
    assert (first.id, first.event_type, first.text) == (
        "gsr:G1",
        "REQUEST",
        "Russia demanded that Belarus pay.",
    )
    assert (first.sources, first.targets, first.reciprocal) == (("RUS",), ("BLR",), False)
    assert second.reciprocal and second.targets == ("ISR", "LBN")


def gsr_case(sources: tuple[str, ...], targets: tuple[str, ...], reciprocal: bool) -> ev.GsrCase:
    return ev.GsrCase(
        id="g", text="", event_type="AGREE", sources=sources, targets=targets, reciprocal=reciprocal
    )


def test_actors_correct_against_gold_codes_igos_and_ngos() -> None:
    igos = frozenset({"UN", "EU"})
    case = gsr_case(("IGO",), ("RUS",), False)
    assert ev.actors_correct(case, event(source_country="UN", target_country="RUS"), igos) == (
        True,
        True,
    )
    assert ev.actors_correct(case, event(source_country="RUS", target_country="UN"), igos) == (
        False,
        False,
    )
    ngo = gsr_case(("NGO",), ("RUS",), False)
    found = event(source_country="GBR", source_sector="NGO", target_country="RUS")
    assert ev.actors_correct(ngo, found, igos) == (True, True)
    assert ev.actors_correct(case, None, igos) == (False, False)


def test_reciprocal_target_must_be_the_other_party() -> None:
    case = gsr_case(("ISR", "LBN"), ("ISR", "LBN"), True)
    igos: frozenset[str] = frozenset()
    assert ev.actors_correct(case, event(source_country="LBN", target_country="ISR"), igos) == (
        True,
        True,
    )
    assert ev.actors_correct(case, event(source_country="ISR", target_country="ISR"), igos) == (
        True,
        False,
    )


def test_score_gsr_figures_and_error_kinds() -> None:
    cases = [gsr_case(("RUS",), ("BLR",), False), gsr_case(("RUS",), (), False)]
    cases[1] = ev.GsrCase(
        id="h", text="", event_type="ACCUSE", sources=("RUS",), targets=(), reciprocal=False
    )
    coded = {
        "g": [event(event_type="AGREE", source_country="BLR", target_country="RUS")],
        "h": [],
    }
    figures, details, errors = ev.score_gsr(cases, coded, frozenset())
    assert figures["gsr.type_accuracy"] == 0.5
    assert figures["gsr.source_country_accuracy"] == 0.0
    assert (details["n_source"], details["n_target"]) == (2, 1)
    assert errors.counts["gsr type: gold ACCUSE, got none"] == 1
    assert errors.counts["gsr source: got the gold target"] == 1
    assert details["type_confusion"] == {"ACCUSE": {"none": 1}, "AGREE": {"AGREE": 1}}


# -- ConfliBERT -----------------------------------------------------------------------------


def test_load_conflibert_reads_sentence_and_class(tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"
    path.write_text('Russia "warned" Belarus.\t3\nNo label here\n', encoding="utf-8")
    assert ev.load_conflibert(path) == [ev.ClassCase("conflibert:1", 'Russia "warned" Belarus.', 3)]


def test_score_conflibert_uses_the_first_realised_event() -> None:
    cases = [ev.ClassCase("a", "", 1), ev.ClassCase("b", "", 3), ev.ClassCase("c", "", 0)]
    coded = {
        "a": [event(quad_class=1, cameo="036", realised=False)],
        "b": [event(realised=False, quad_class=4, cameo="190"), event()],
        "c": [],
    }
    figures, details, errors = ev.score_conflibert(cases, coded)
    assert figures["conflibert.quad_accuracy"] == pytest.approx(2 / 3)
    assert figures["conflibert.quad_accuracy_any_event"] == pytest.approx(2 / 3)
    assert details["confusion"][1][0] == 1
    assert errors.most_common(1) == [
        ("conflibert quad: gold 1, got 0 (only unrealised events)", 1, "a")
    ]


# -- PETRARCH -------------------------------------------------------------------------------

PETR_XML = """<Validation><Sentences>
<Sentence date="19950101" id="A-1" category="ACTOR" sentence="true">
<EventCoding sourcecode="KUWGOV" targetcode="IGOEEU" eventcode="064"></EventCoding>
<Text>
The Kuwait government restored ties
with the EU.
</Text></Sentence>
<Sentence date="19950101" id="N-1" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding><Text>Nothing here.</Text></Sentence>
<Sentence date="19950101" id="E-1" category="ERROR" sentence="true">
<EventCoding error="bad_input_parse"></EventCoding><Text>Broken.</Text></Sentence>
<Sentence date="19950101" id="F-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="ERI" eventcode="064"></EventCoding>
<Text>Arnor restored ties with Eriador.</Text></Sentence>
</Sentences></Validation>"""


def test_load_petrarch_and_eligibility(tmp_path: Path) -> None:
    path = tmp_path / "unit.xml"
    path.write_text(PETR_XML, encoding="utf-8")
    cases = ev.load_petrarch(path)
    assert [c.id for c in cases] == ["petrarch:A-1", "petrarch:N-1", "petrarch:E-1", "petrarch:F-1"]
    assert cases[0].text == "The Kuwait government restored ties with the EU."
    assert cases[0].codings == (ev.PetrCoding("KUWGOV", "IGOEEU", "064"),)
    assert cases[1].nothing and cases[2].error == "bad_input_parse"
    known = frozenset({"KWT", "EU", "ERI"})
    assert [ev.petr_eligible(c, known) for c in cases] == [True, True, False, False]


def test_petr_country_maps_agents_cameo_spellings_and_igos() -> None:
    assert ev.petr_country("USAGOV") == "USA"
    assert ev.petr_country("NZE") == "NZL"
    assert ev.petr_country("IGOCOPITP") == "INTERPOL"
    assert ev.petr_country("IMGMOSALQ") == "IMG"
    assert ev.petr_country("pse") == "PSE"


def test_score_petrarch_passes_and_fails() -> None:
    positive = ev.PetrCase(
        id="p",
        category="ACTOR",
        text="",
        codings=(ev.PetrCoding("PRKMIL", "KOR", "194"), ev.PetrCoding("KOR", "PRK", "112")),
        nothing=False,
        error=None,
    )
    nothing = ev.PetrCase(id="n", category="DEMO", text="", codings=(), nothing=True, error=None)
    coded = {
        "p": [event(cameo="190", source_country="PRK", target_country="KOR")],
        "n": [event(realised=False)],
    }
    figures, details, errors = ev.score_petrarch([positive, nothing], coded)
    assert figures["petrarch.pass_rate"] == 0.0
    assert figures["petrarch.coding_recall"] == 0.5
    assert errors.counts["petrarch: CAMEO root gold 11, got 19"] == 1
    assert errors.counts["petrarch must-produce-nothing: produced ACCUSE"] == 1
    assert details["by_category"] == {"ACTOR": (0, 1), "DEMO": (0, 1)}


def test_error_tally_keeps_the_first_example() -> None:
    tally, other = ev.ErrorTally(), ev.ErrorTally()
    tally.add("kind", "first")
    tally.add("kind", "second")
    other.add("kind", "third")
    other.add("new", "x")
    tally.update(other)
    assert tally.most_common(2) == [("kind", 3, "first"), ("new", 1, "x")]


def test_penta_of_cameo_follows_the_gold_definition() -> None:
    assert ev.penta_of_cameo(None) == 0
    assert ev.penta_of_cameo(event(cameo="161", quad_class=4)) == 3
    assert ev.penta_of_cameo(event(cameo="0841", quad_class=1)) == 2
    assert ev.penta_of_cameo(event(cameo="190", quad_class=4)) == 4


def test_a_gold_id_given_twice_becomes_two_ids() -> None:
    """Outputs are keyed by case id: two gold records sharing one must not share outputs."""
    seen: Counter[str] = Counter()
    ids = [ev.unique_id(seen, raw) for raw in ("gsr:A", "gsr:B", "gsr:A", "gsr:A")]
    assert ids == ["gsr:A", "gsr:B", "gsr:A#2", "gsr:A#3"]
