"""Consistency checks for the event ontology (plover.yaml) and trigger lexicon (triggers.yaml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[3] / "src/detente/data"

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
EXPECTED_QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
MODALITIES = {"asserted", "reported", "hypothetical", "future", "habitual"}
ENTRY_KEYS = {
    "type", "mode", "cameo", "intensity", "target_preps", "source_preps", "object_preps",
    "possessor", "requires_object", "exclude_object", "requires_prep", "requires_modifier",
    "symmetric", "reverse",
    "senses",
}  # fmt: skip
LIST_FIELDS = (
    "target_preps",
    "source_preps",
    "object_preps",
    "requires_prep",
    "requires_modifier",
    "exclude_object",
)
CONTROL_KEYS = {
    "as",
    "as_conflict",
    "as_agreement",
    "modality",
    "negate",
    "source",
    "ignore_complement",
}
CAMEO_RE = re.compile(r"^\d{2,4}$")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping with the same key twice."""


def _construct_unique_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_UniqueKeyLoader)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    return _load("plover.yaml")


@pytest.fixture(scope="module")
def triggers() -> dict[str, Any]:
    return _load("triggers.yaml")


def _entries(triggers: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every verb and noun entry, and every sense inside them, as (where, key, mapping)."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for section in ("verbs", "nouns"):
        for key, entry in triggers[section].items():
            out.append((section, key, entry))
            for i, sense in enumerate(entry.get("senses") or []):
                out.append((f"{section}.senses[{i}]", key, sense))
    return out


# ---------------------------------------------------------------------------------- plover.yaml


def test_duplicate_keys_are_rejected() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=_UniqueKeyLoader)


def test_exactly_the_16_plover_types(plover: dict[str, Any]) -> None:
    assert set(plover["types"]) == PLOVER_TYPES
    assert len(plover["types"]) == 16


def test_quad_classes(plover: dict[str, Any]) -> None:
    assert set(plover["quad_classes"]) == {1, 2, 3, 4}
    for name, spec in plover["types"].items():
        assert spec["quad_class"] in (1, 2, 3, 4), name
        assert spec["quad_class"] == EXPECTED_QUADS[name], name


def test_type_and_mode_fields(plover: dict[str, Any]) -> None:
    for name, spec in plover["types"].items():
        assert isinstance(spec["description"], str) and spec["description"].strip(), name
        assert CAMEO_RE.match(spec["cameo"]), name
        roots = spec["cameo_roots"]
        assert roots and all(re.fullmatch(r"\d\d", r) for r in roots), name
        assert spec["cameo"][:2] in roots, name
        assert isinstance(spec["modes"], dict), name
        for mode, mspec in spec["modes"].items():
            assert isinstance(mode, str) and mode == mode.lower(), (name, mode)
            assert CAMEO_RE.match(mspec["cameo"]), (name, mode)
            assert mspec["cameo"][:2] in roots, (name, mode)
            assert isinstance(mspec["description"], str) and mspec["description"], (name, mode)


def _intensities(plover: dict[str, Any]) -> list[tuple[str, float]]:
    out = []
    for name, spec in plover["types"].items():
        out.append((name, spec["intensity"]))
        out.extend((f"{name}.{m}", ms["intensity"]) for m, ms in spec["modes"].items())
    return out


def test_intensities_in_range_and_signed_by_quad(plover: dict[str, Any]) -> None:
    for where, value in _intensities(plover):
        assert isinstance(value, (int, float)) and not isinstance(value, bool), where
        assert -10.0 <= value <= 10.0, where
    for name, spec in plover["types"].items():
        cooperative = spec["quad_class"] in (1, 2)
        values = [spec["intensity"], *(m["intensity"] for m in spec["modes"].values())]
        assert all((v > 0) == cooperative for v in values), name


def test_cameo_prefix_types(plover: dict[str, Any]) -> None:
    table = plover["cameo_prefix_types"]
    for code, ptype in table.items():
        assert CAMEO_RE.match(code), code
        assert ptype is None or ptype in PLOVER_TYPES, code
    assert {f"{i:02d}" for i in range(1, 21)} <= set(table)


# -------------------------------------------------------------------------------- triggers.yaml


def test_lexicon_sizes(triggers: dict[str, Any]) -> None:
    assert len(triggers["verbs"]) >= 400
    assert len(triggers["nouns"]) >= 120
    verb_types = {e["type"] for e in triggers["verbs"].values()}
    assert verb_types == PLOVER_TYPES


def test_entry_keys_are_normalised(triggers: dict[str, Any]) -> None:
    for section in ("verbs", "nouns"):
        for key in triggers[section]:
            assert isinstance(key, str), (section, key)
            assert key == key.lower() == key.strip(), (section, key)
            assert "  " not in key and "_" not in key, (section, key)


def test_entries_use_known_types_and_modes(
    plover: dict[str, Any], triggers: dict[str, Any]
) -> None:
    types = plover["types"]
    for where, key, entry in _entries(triggers):
        assert isinstance(entry, dict), (where, key)
        unknown = set(entry) - ENTRY_KEYS
        assert not unknown, (where, key, unknown)
        assert entry.get("type") in types, (where, key)
        mode = entry.get("mode")
        assert mode is None or mode in types[entry["type"]]["modes"], (where, key, mode)
        assert "senses" not in entry or where in ("verbs", "nouns"), (where, key)


def test_cameo_codes_match_the_type(plover: dict[str, Any], triggers: dict[str, Any]) -> None:
    for where, key, entry in _entries(triggers):
        code = entry.get("cameo")
        assert isinstance(code, str) and CAMEO_RE.match(code), (where, key, code)
        assert code[:2] in plover["types"][entry["type"]]["cameo_roots"], (where, key, code)


def test_entry_intensities_in_range(plover: dict[str, Any], triggers: dict[str, Any]) -> None:
    for where, key, entry in _entries(triggers):
        if "intensity" in entry:
            value = entry["intensity"]
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (where, key)
            assert -10.0 <= value <= 10.0, (where, key)


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def test_lists_are_lists_of_strings(triggers: dict[str, Any]) -> None:
    # catches YAML 1.1 surprises such as an unquoted `on` becoming True
    for where, key, entry in _entries(triggers):
        for field in LIST_FIELDS:
            if field in entry:
                assert _string_list(entry[field]), (where, key, field)
        if "requires_object" in entry:
            assert _string_list(entry["requires_object"]), (where, key)
            assert entry["requires_object"], (where, key)
        for flag in ("symmetric", "reverse"):
            if flag in entry:
                assert isinstance(entry[flag], bool), (where, key, flag)
        if "possessor" in entry:
            assert entry["possessor"] in ("source", "target"), (where, key)


def test_senses_have_a_condition(triggers: dict[str, Any]) -> None:
    for section in ("verbs", "nouns"):
        for key, entry in triggers[section].items():
            senses = entry.get("senses")
            if senses is None:
                continue
            assert isinstance(senses, list) and senses, (section, key)
            for sense in senses:
                assert (
                    sense.get("requires_object")
                    or sense.get("requires_prep")
                    or sense.get("requires_modifier")
                ), (section, key)


def test_control_entries(plover: dict[str, Any], triggers: dict[str, Any]) -> None:
    types = set(plover["types"])
    for section in ("control", "control_nouns", "control_adjectives"):
        assert triggers[section], section
        for key, spec in triggers[section].items():
            assert key == key.lower(), (section, key)
            assert isinstance(spec, dict) and not set(spec) - CONTROL_KEYS, (section, key)
            assert "as" in spec or "modality" in spec or "negate" in spec, (section, key)
            if "as" in spec:
                assert spec["as"] in types, (section, key)
            if "as_conflict" in spec:
                assert spec["as_conflict"] in types and "as" in spec, (section, key)
            if "modality" in spec:
                assert spec["modality"] in MODALITIES, (section, key)
            if "negate" in spec:
                assert spec["negate"] is True, (section, key)
            if "source" in spec:
                assert spec["source"] == "controller", (section, key)
            if "ignore_complement" in spec:
                assert _string_list(spec["ignore_complement"]), (section, key)


def test_complement_modes(plover: dict[str, Any], triggers: dict[str, Any]) -> None:
    types = plover["types"]
    for control_type, table in triggers["complement_modes"].items():
        assert control_type in types, control_type
        for complement, mode in table.items():
            base, _, sub = complement.partition(".")
            assert base in types, (control_type, complement)
            assert not sub or sub in types[base]["modes"], (control_type, complement)
            assert mode is None or mode in types[control_type]["modes"], (control_type, complement)


def test_marker_lists(triggers: dict[str, Any]) -> None:
    markers = triggers["modal_markers"]
    assert set(markers) == {"hypothetical", "future", "habitual"}
    lists = [*markers.values(), triggers["reporting_verbs"], triggers["reporting_markers"],
             triggers["negation_markers"]]  # fmt: skip
    for values in lists:
        assert _string_list(values)
        assert len(values) == len(set(values)), [v for v in values if values.count(v) > 1]
    assert "no" in triggers["negation_markers"] and "not" in triggers["negation_markers"]
    assert "will" in markers["future"]


def test_lemma_fixes_point_at_known_verbs(triggers: dict[str, Any]) -> None:
    heads = {k.split()[0] for k in triggers["verbs"]} | {k.split()[0] for k in triggers["control"]}
    for surface, lemma in triggers["lemma_fixes"].items():
        assert surface == surface.lower() and surface != lemma, surface
        assert lemma in heads, (surface, lemma)


def test_example_sentence_entries(triggers: dict[str, Any]) -> None:
    # "Belarus refused to send observers to the Crimean referendum" -> REJECT
    assert triggers["control"]["refuse"]["as"] == "REJECT"
    send = triggers["verbs"]["send"]
    assert "observers" in send["requires_object"] and "to" in send["target_preps"]
    assert triggers["verbs"]["impose"]["type"] == "SANCTION"
    assert "sanctions" in triggers["verbs"]["impose"]["requires_object"]
    assert triggers["verbs"]["arrive"]["target_preps"] == ["in", "at"]
