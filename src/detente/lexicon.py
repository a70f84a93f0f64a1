"""The event ontology (PLOVER types, modes, quad classes, intensities, CAMEO roots) and the
trigger lexicon the rule-based coder uses. Both are data files in ``detente/data``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import ConfigError
from detente.yamlfile import parse_yaml

QUAD_NAMES = {
    0: "none",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    name: str
    quad_class: int
    intensity: float
    cameo: str
    modes: Mapping[str, tuple[float, str]]  # mode -> (intensity, cameo)


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """One lexicon entry: a verb or noun that signals an event type."""

    key: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    intensity: float | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    requires_object: tuple[str, ...] = ()
    exclude_object: tuple[str, ...] = ()
    requires_prep: tuple[str, ...] = ()
    requires_modifier: tuple[str, ...] = ()  # an adjective or noun on the trigger: "verbal attack"
    object_preps: tuple[str, ...] = ()
    symmetric: bool = False
    reverse: bool = False
    possessor: str = (
        "source"  # nouns: what "Russia's ..." is (source, or target: "Navalny's arrest")
    )
    senses: tuple[Trigger, ...] = ()  # object- or preposition-conditioned readings, tried first


@dataclass(frozen=True, slots=True, kw_only=True)
class Control:
    """A verb with a clausal complement and what it does to the complement's event."""

    key: str
    as_type: str | None = None
    as_conflict: str | None = None  # used when the complement is itself a conflict event
    as_agreement: str | None = None  # used when it is an agreement ("failed to reach a deal")
    modality: str | None = None
    negate: bool = False
    source_controller: bool = False
    ignore_complement: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    types: Mapping[str, EventType]
    verbs: Mapping[str, Trigger]
    nouns: Mapping[str, Trigger]
    control: Mapping[str, Control]
    control_adjectives: Mapping[str, Control]
    control_nouns: Mapping[str, Control]
    lemma_fixes: Mapping[str, str]
    modal_markers: Mapping[str, frozenset[str]]
    reporting_verbs: frozenset[str]
    negation_markers: frozenset[str]
    trigger_forms: frozenset[str] = frozenset()  # every word form that can start a trigger

    def score(self, trigger: Trigger, type_name: str | None = None) -> tuple[int, float, str, str]:
        """(quad class, intensity, CAMEO code, mode) for a trigger, optionally re-typed."""
        name = type_name or trigger.type
        etype = self.types[name]
        mode = trigger.mode if type_name in (None, trigger.type) else None
        intensity, cameo = etype.intensity, etype.cameo
        if mode and mode in etype.modes:
            intensity, cameo = etype.modes[mode]
        if type_name in (None, trigger.type):
            intensity = trigger.intensity if trigger.intensity is not None else intensity
            cameo = trigger.cameo or cameo
        return etype.quad_class, float(intensity), str(cameo), mode or ""


def load_lexicon(triggers_file: Path | None = None) -> Lexicon:
    """Read the shipped ontology and trigger lexicon (or another trigger file in its format)."""
    data = resources.files("detente") / "data"
    onto = _load(data / "plover.yaml")
    trig = _load(triggers_file if triggers_file is not None else data / "triggers.yaml")
    types = {name: _read_type(name, row) for name, row in (onto.get("types") or {}).items()}
    if not types:
        raise ConfigError("plover.yaml defines no event types")
    verbs = {
        str(k).lower(): _read_trigger(str(k), v, types)
        for k, v in (trig.get("verbs") or {}).items()
    }
    nouns = {
        str(k).lower(): _read_trigger(str(k), v, types)
        for k, v in (trig.get("nouns") or {}).items()
    }
    markers = {str(k): frozenset(_words(v)) for k, v in (trig.get("modal_markers") or {}).items()}
    fixes = trig.get("lemma_fixes") or {}
    controls = {
        name: _read_controls(trig.get(name), types)
        for name in ("control", "control_adjectives", "control_nouns")
    }
    forms = _trigger_forms(
        verbs=[*verbs, *controls["control"]],
        nouns=[*nouns, *controls["control_nouns"]],
        # "must" and "should": a speaker saying another actor must act is a demand (REQUEST)
        others=[
            *controls["control_adjectives"],
            *(str(k).lower() for k in fixes),
            "must",
            "should",
        ],
        irregular=trig.get("irregular_verbs") or {},
    )
    return Lexicon(
        types=types,
        verbs=verbs,
        nouns=nouns,
        control=controls["control"],
        control_adjectives=controls["control_adjectives"],
        control_nouns=controls["control_nouns"],
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in fixes.items()},
        modal_markers=markers,
        reporting_verbs=frozenset(_words(trig.get("reporting_verbs"))),
        negation_markers=frozenset(_words(trig.get("negation_markers"))),
        trigger_forms=forms,
    )


def _trigger_forms(
    *,
    verbs: list[str],
    nouns: list[str],
    others: list[str],
    irregular: Mapping[str, Any],
) -> frozenset[str]:
    """Lower-case word forms that can be (the first word of) a trigger: regular inflections
    of each verb and noun, the irregular forms listed in the lexicon, and words taken as is.
    Over-generating is harmless (a sentence is parsed for nothing); missing a form loses events.
    """
    forms: set[str] = set(others)
    for key in verbs:
        words = key.split()
        for lemma in {words[0], *({words[-1]} - _PARTICLES)}:
            forms |= _verb_forms(lemma)
            forms.update(str(f).lower() for f in irregular.get(lemma) or ())
    for key in nouns:
        for word in {*key.split()} - _PARTICLES:
            forms |= {word, word + "s", word + "es"}
            if word.endswith("y"):
                forms.add(word[:-1] + "ies")
    return frozenset(forms)


# the particles and prepositions of phrasal keys ("take over", "call on", "state of emergency"):
# never a trigger by themselves, and in nearly every sentence, so never a reason to parse one
_PARTICLES = frozenset(
    [
        "in",
        "on",
        "of",
        "for",
        "by",
        "with",
        "into",
        "onto",
        "out",
        "over",
        "up",
        "down",
        "off",
        "away",
        "back",
        "to",
        "from",
        "at",
        "about",
        "against",
        "through",
        "around",
        "apart",
        "aside",
        "together",
        "under",
        "upon",
        "across",
        "along",
        "behind",
    ]
)


def _verb_forms(lemma: str) -> set[str]:
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("ie"):
        out.add(lemma[:-2] + "ying")
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "ban" -> "banned"
    return out


def _load(res: Any) -> dict[str, Any]:
    try:
        doc = parse_yaml(res.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"cannot read lexicon file {res}: {e}") from e
    if not isinstance(doc, dict):
        raise ConfigError(f"{res}: expected a mapping")
    return doc


def _words(value: Any) -> list[str]:
    return [str(v).lower() for v in (value or [])]


def _read_type(name: str, row: Mapping[str, Any]) -> EventType:
    modes: dict[str, tuple[float, str]] = {}
    for mode, spec in (row.get("modes") or {}).items():
        spec = spec or {}
        modes[str(mode)] = (
            float(spec.get("intensity", row.get("intensity", 0.0))),
            str(spec.get("cameo") or row.get("cameo") or ""),
        )
    return EventType(
        name=name,
        quad_class=int(row["quad_class"]),
        intensity=float(row.get("intensity", 0.0)),
        cameo=str(row.get("cameo") or ""),
        modes=modes,
    )


def _read_controls(rows: Any, types: Mapping[str, EventType]) -> dict[str, Control]:
    out = {}
    for k, v in (rows or {}).items():
        v = v or {}
        for name in ("as", "as_conflict", "as_agreement"):
            if v.get(name) is not None and v[name] not in types:
                raise ConfigError(f"triggers.yaml: control {k!r} names unknown type {v[name]!r}")
        out[str(k).lower()] = Control(
            key=str(k),
            as_type=v.get("as"),
            as_conflict=v.get("as_conflict"),
            as_agreement=v.get("as_agreement"),
            modality=v.get("modality"),
            negate=bool(v.get("negate")),
            source_controller=v.get("source") == "controller",
            ignore_complement=tuple(_words(v.get("ignore_complement"))),
        )
    return out


def _read_trigger(
    key: str,
    row: Mapping[str, Any] | None,
    types: Mapping[str, EventType],
    parent: Trigger | None = None,
) -> Trigger:
    row = row or {}
    if parent is not None:  # a sense inherits the entry's argument structure
        inherited = {
            "target_preps": parent.target_preps,
            "source_preps": parent.source_preps,
            "object_preps": parent.object_preps,
            "symmetric": parent.symmetric,
            "reverse": parent.reverse,
            "possessor": parent.possessor,
        }
        row = {**inherited, **row}
    type_name = row.get("type")
    if type_name not in types:
        raise ConfigError(f"triggers.yaml: {key!r} has unknown type {type_name!r}")
    intensity = row.get("intensity")
    return Trigger(
        key=key,
        type=str(type_name),
        mode=row.get("mode"),
        cameo=str(row["cameo"]) if row.get("cameo") else None,
        intensity=float(intensity) if intensity is not None else None,
        target_preps=tuple(_words(row.get("target_preps"))),
        source_preps=tuple(_words(row.get("source_preps"))),
        requires_object=tuple(_words(row.get("requires_object"))),
        exclude_object=tuple(_words(row.get("exclude_object"))),
        requires_prep=tuple(_words(row.get("requires_prep"))),
        requires_modifier=tuple(_words(row.get("requires_modifier"))),
        object_preps=tuple(_words(row.get("object_preps"))),
        symmetric=bool(row.get("symmetric")),
        reverse=bool(row.get("reverse")),
        possessor=str(row.get("possessor") or "source"),
        senses=_read_senses(key, row, types) if parent is None else (),
    )


def _read_senses(
    key: str, row: Mapping[str, Any], types: Mapping[str, EventType]
) -> tuple[Trigger, ...]:
    if not row.get("senses"):
        return ()
    base = _read_trigger(key, {k: v for k, v in row.items() if k != "senses"}, types)
    return tuple(_read_trigger(key, sense, types, parent=base) for sense in row["senses"])
