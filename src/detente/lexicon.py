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


@dataclass(frozen=True, slots=True, kw_only=True)
class Control:
    """A verb with a clausal complement and what it does to the complement's event."""

    key: str
    as_type: str | None = None
    modality: str | None = None
    negate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    types: Mapping[str, EventType]
    verbs: Mapping[str, Trigger]
    nouns: Mapping[str, Trigger]
    control: Mapping[str, Control]
    modal_markers: Mapping[str, frozenset[str]]
    reporting_verbs: frozenset[str]
    negation_markers: frozenset[str]

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
    control = {}
    for k, v in (trig.get("control") or {}).items():
        v = v or {}
        as_type = v.get("as")
        if as_type is not None and as_type not in types:
            raise ConfigError(f"triggers.yaml: control {k!r} names unknown type {as_type!r}")
        control[str(k).lower()] = Control(
            key=str(k), as_type=as_type, modality=v.get("modality"), negate=bool(v.get("negate"))
        )
    markers = {str(k): frozenset(_words(v)) for k, v in (trig.get("modal_markers") or {}).items()}
    return Lexicon(
        types=types,
        verbs=verbs,
        nouns=nouns,
        control=control,
        modal_markers=markers,
        reporting_verbs=frozenset(_words(trig.get("reporting_verbs"))),
        negation_markers=frozenset(_words(trig.get("negation_markers"))),
    )


def _load(res: Any) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(res.read_text(encoding="utf-8"))
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


def _read_trigger(
    key: str, row: Mapping[str, Any] | None, types: Mapping[str, EventType]
) -> Trigger:
    row = row or {}
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
    )
