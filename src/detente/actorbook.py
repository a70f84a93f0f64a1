"""The actor knowledge base: countries, IGOs, people, organisations, agents and role titles.

The facts live in YAML files under ``detente/data``; a user adds or overrides entries with
their own file (same format) without touching code. ``load_actorbook()`` reads them once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import ConfigError
from detente.model import Actor, Role
from detente.yamlfile import parse_yaml

logger = logging.getLogger(__name__)

ACTOR_DIR = "actors"  # every *.yaml under detente/data/actors, read in name order

SECTOR_NAMES = {
    "GOV": "government",
    "MIL": "military",
    "SEC": "security forces",
    "OPP": "opposition",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "JUD": "judiciary",
    "REB": "rebels",
    "NGO": "NGO",
    "EDU": "academia",
    "IGO": "international organisation",
    "LEG": "legislature",
}


_FAMILY_FIRST = frozenset(("CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "MNG"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Alias:
    """A surface form and what it stands for."""

    text: str
    actor_id: str
    method: str  # name, alias, capital, seat, demonym, context
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class ActorBook:
    """Every known actor and every surface form that names one."""

    actors: Mapping[str, Actor]
    aliases: Mapping[str, tuple[Alias, ...]]
    agents: Mapping[str, str]  # lowercase noun phrase -> sector
    roles: Mapping[str, str]  # lowercase role phrase -> role title
    demonyms: Mapping[str, str] = field(default_factory=dict)  # demonym -> country code
    surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # surname -> people
    role_words: frozenset[str] = frozenset()  # every word of a role phrase ("foreign", ...)
    owned: frozenset[str] = frozenset()  # things a state proposes or holds: "the Israeli plan"
    places: Mapping[str, str] = field(default_factory=dict)  # city or region -> country code
    # (title, country) -> the people who held that office, with their terms, in book order
    _offices: Mapping[tuple[str, str], tuple[tuple[Actor, tuple[Role, ...]], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        offices: dict[tuple[str, str], dict[str, tuple[Actor, list[Role]]]] = {}
        for actor in self.actors.values():
            for role in actor.roles:
                held = offices.setdefault((role.title, role.country), {})
                held.setdefault(actor.id, (actor, []))[1].append(role)
        index = {
            key: tuple((actor, tuple(roles)) for actor, roles in held.values())
            for key, held in offices.items()
        }
        object.__setattr__(self, "_offices", index)

    def get(self, actor_id: str) -> Actor | None:
        actor = self.actors.get(actor_id)
        if actor is None and "." in actor_id:
            return self.group(*actor_id.split(".", 1))
        return actor

    def group(self, country: str, sector: str) -> Actor | None:
        """A derived actor: a country's sector ("Russian mercenaries" -> RUS.MIL)."""
        base = self.actors.get(country)
        if base is None:
            return None
        if sector == "GOV" and base.kind == "country":
            return base
        label = SECTOR_NAMES.get(sector, sector.lower())
        return Actor(
            id=f"{country}.{sector}",
            name=f"{base.name} ({label})",
            kind="group",
            country=base.country,
            sector=sector,
        )

    def holders(self, title: str, country: str, when: date | None) -> list[Actor]:
        """People holding ``title`` in ``country`` on ``when`` (all holders when undated)."""
        return [
            actor
            for actor, terms in self._offices.get((title, country), ())
            if any(role.holds_on(when) for role in terms)
        ]


def load_actorbook(extra_files: Sequence[Path] = (), *, shipped: bool = True) -> ActorBook:
    """Read the shipped actor files, then the user's files, which extend or override them.

    ``shipped=False`` reads only ``extra_files``: the way to check a file on its own.
    """
    records: dict[str, Actor] = {}
    alias_rows: list[Alias] = []
    agents: dict[str, str] = {}
    roles: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    owned: set[str] = set()
    places: dict[str, str] = {}
    sources: list[tuple[str, Any]] = []
    if shipped:
        folder = resources.files("detente") / "data" / ACTOR_DIR
        for res in sorted(folder.iterdir(), key=lambda r: r.name):
            if res.name.endswith(".yaml") and res.is_file():
                sources.append((res.name, _parse_yaml(res.read_text(encoding="utf-8"), res.name)))
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"cannot read actor file {path}: {e}") from e
        sources.append((str(path), _parse_yaml(text, str(path))))
    for origin, doc in sources:
        if not isinstance(doc, dict):
            raise ConfigError(f"{origin}: expected a mapping at the top level")
        _read_countries(doc.get("countries") or [], records, alias_rows, demonyms, origin)
        _read_igos(doc.get("igos") or [], records, alias_rows, origin)
        for key in ("people", "organisations"):
            _read_named(doc.get(key) or [], key, records, alias_rows, origin)
        for row in doc.get("agents") or []:
            agents[str(row["noun"]).lower()] = str(row["sector"])
        for phrase, title in (doc.get("roles") or {}).items():
            roles[str(phrase).lower()] = str(title)
        owned.update(str(w).lower() for w in doc.get("owned") or [])
        _read_places(doc.get("cities") or [], places, origin)
    index: dict[str, list[Alias]] = {}
    known = {a.text for a in alias_rows}
    for alias in list(alias_rows):
        text = alias.text
        if text.isupper() and text.isalpha() and len(text) >= 4 and text.title() not in known:
            # acronyms as the British press writes them: "Nato", "Isis", "Opec"
            alias_rows.append(dataclasses.replace(alias, text=text.title()))
    for alias in alias_rows:
        bucket = index.setdefault(alias.text, [])
        same = next((a for a in bucket if a.actor_id == alias.actor_id), None)
        if same is not None and _METHOD_RANK[same.method] < _METHOD_RANK[alias.method]:
            continue  # "Singapore" the name outranks "Singapore" the capital
        # otherwise a later entry overrides an earlier one for the same surface form
        bucket[:] = [a for a in bucket if a.actor_id != alias.actor_id]
        bucket.append(alias)
    surnames: dict[str, list[str]] = {}
    for actor in records.values():
        if actor.kind == "person":
            for name in actor.aliases:
                words = name.split()
                # family name first in Chinese, Korean, Vietnamese, Cambodian, Mongolian names
                # as the English press writes them ("Xi Jinping", "Kim Tok Hun", "Hun Sen")
                family = words[0] if actor.country in _FAMILY_FIRST else words[-1]
                if len(words) > 1 and family[:1].isupper():
                    people = surnames.setdefault(family, [])
                    if actor.id not in people:
                        people.append(actor.id)
    return ActorBook(
        actors=records,
        aliases={k: tuple(v) for k, v in index.items()},
        agents=agents,
        roles=roles,
        demonyms=demonyms,
        surnames={k: tuple(v) for k, v in surnames.items()},
        role_words=frozenset(w for phrase in roles for w in phrase.split()),
        owned=frozenset(owned),
        # a place never hides an actor's name ("Washington" the seat, not the city)
        places={k: v for k, v in places.items() if k not in index and v in records},
    )


_METHOD_RANK = {"name": 0, "seat": 1, "capital": 2, "demonym": 3, "context": 4}


def _parse_yaml(text: str, origin: str) -> Any:
    try:
        return parse_yaml(text)
    except yaml.YAMLError as e:
        raise ConfigError(f"{origin}: invalid YAML: {e}") from e


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]


def _require(row: Mapping[str, Any], keys: Iterable[str], origin: str) -> None:
    missing = [k for k in keys if not row.get(k)]
    if missing:
        raise ConfigError(f"{origin}: entry {dict(row)!r} lacks {', '.join(missing)}")


def _read_countries(
    rows: list[Any],
    records: dict[str, Actor],
    alias_rows: list[Alias],
    demonyms: dict[str, str],
    origin: str,
) -> None:
    for row in rows:
        _require(row, ("code", "name"), origin)
        code = str(row["code"])
        names = [str(row["name"]), *_strings(row.get("aliases"))]
        ambiguous = set(_strings(row.get("ambiguous_names")))
        records[code] = Actor(
            id=code,
            name=str(row["name"]),
            kind="country",
            country=code,
            sector="GOV",
            aliases=tuple(dict.fromkeys(names)),
            note=str(row.get("source", "")),
        )
        for n in names:
            alias_rows.append(Alias(text=n, actor_id=code, method="name", ambiguous=n in ambiguous))
        for d in _strings(row.get("demonyms")):
            demonyms[d] = code
            alias_rows.append(Alias(text=d, actor_id=code, method="demonym"))
        for cap in _strings(row.get("capital")):
            alias_rows.append(
                Alias(text=cap, actor_id=code, method="capital", ambiguous=cap in ambiguous)
            )
        for seat in _strings(row.get("seats")):
            alias_rows.append(Alias(text=seat, actor_id=code, method="seat"))


def _read_places(rows: Sequence[Any], places: dict[str, str], origin: str) -> None:
    """``cities``: places inside one country ({name, country, aliases}). They tell where
    something happened and which country an unknown name belongs to; they never act."""
    for row in rows:
        if not isinstance(row, Mapping) or "name" not in row or "country" not in row:
            raise ConfigError(f"{origin}: a city needs a name and a country: {row!r}")
        country = str(row["country"])
        for text in (row["name"], *(row.get("aliases") or ())):
            places[str(text)] = country


def _read_igos(
    rows: list[Any], records: dict[str, Actor], alias_rows: list[Alias], origin: str
) -> None:
    for row in rows:
        _require(row, ("code", "name"), origin)
        code = str(row["code"])
        names = [str(row["name"]), *_strings(row.get("aliases"))]
        records[code] = Actor(
            id=code,
            name=str(row["name"]),
            kind="igo",
            country=code,
            sector=str(row.get("sector") or "IGO"),
            aliases=tuple(dict.fromkeys(names)),
            note=str(row.get("source", "")),
        )
        for n in names:
            alias_rows.append(Alias(text=n, actor_id=code, method="name"))
        for seat in _strings(row.get("seats")):
            alias_rows.append(Alias(text=seat, actor_id=code, method="seat"))


def _read_named(
    rows: list[Any], key: str, records: dict[str, Actor], alias_rows: list[Alias], origin: str
) -> None:
    kind = "person" if key == "people" else "organisation"
    for row in rows:
        _require(row, ("id", "name", "country"), origin)
        actor_id = str(row["id"])
        names = [str(row["name"]), *_strings(row.get("aliases"))]
        roles = tuple(_read_role(r, origin) for r in row.get("roles") or [])
        records[actor_id] = Actor(
            id=actor_id,
            name=str(row["name"]),
            kind=kind,
            country=str(row["country"]),
            sector=str(row.get("sector") or ("GOV" if roles else "CVL")),
            aliases=tuple(dict.fromkeys(names)),
            roles=roles,
            note=str(row.get("source", "")),
            gender=_gender(row.get("gender"), origin),
        )
        for n in names:
            alias_rows.append(Alias(text=n, actor_id=actor_id, method="name"))
        for n in _strings(row.get("context_aliases")):
            alias_rows.append(Alias(text=n, actor_id=actor_id, method="context", ambiguous=True))


def _gender(value: Any, origin: str) -> str | None:
    if value in (None, ""):
        return None
    if str(value).lower() not in ("f", "m"):
        raise ConfigError(f"{origin}: gender must be f or m, not {value!r}")
    return str(value).lower()


def _read_role(row: Mapping[str, Any], origin: str) -> Role:
    _require(row, ("title", "country"), origin)
    return Role(
        title=str(row["title"]),
        country=str(row["country"]),
        start=_to_date(row.get("start"), origin),
        end=_to_date(row.get("end"), origin),
    )


def _to_date(value: Any, origin: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"{origin}: bad date {value!r}") from e
