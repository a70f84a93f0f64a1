"""The shipped actor knowledge base is complete and consistent (#2, #3)."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date
from importlib import resources
from typing import Any

import pytest
import yaml

from detente.actorbook import ActorBook, load_actorbook

# The 193 UN member states (ISO 3166-1 alpha-3), plus the observers and disputed states the
# issue names.
_UN_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE
DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM
GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO
LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA PRK MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF KOR
SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = _UN_CODES.split()
OTHERS = ["VAT", "PSE", "XKX", "TWN", "ESH"]
IGOS = ["UN", "EU", "NATO", "IMF", "OSCE", "CSTO", "EAEU", "CIS", "IOC", "WTO", "G7", "G20"]


def _files() -> list[tuple[str, Any]]:
    folder = resources.files("detente") / "data" / "actors"
    return [
        (f.name, yaml.safe_load(f.read_text(encoding="utf-8")))
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".yaml")
    ]


@pytest.fixture(scope="module")
def book() -> ActorBook:
    return load_actorbook()


def test_un_member_list_is_the_real_one() -> None:
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193


def test_every_state_is_covered(book: ActorBook) -> None:
    missing = [c for c in UN_MEMBERS + OTHERS if c not in book.actors]
    assert not missing
    assert all(book.actors[c].kind == "country" for c in UN_MEMBERS + OTHERS)


def test_main_igos_are_covered(book: ActorBook) -> None:
    assert not [c for c in IGOS if book.actors.get(c) is None or book.actors[c].kind != "igo"]


def test_ids_are_unique_across_files() -> None:
    seen: Counter[str] = Counter()
    for _, doc in _files():
        for key, field in (
            ("countries", "code"),
            ("igos", "code"),
            ("people", "id"),
            ("organisations", "id"),
        ):
            seen.update(str(row[field]) for row in (doc or {}).get(key) or [])
    assert [k for k, n in seen.items() if n > 1] == []


def test_every_actor_points_at_a_known_country(book: ActorBook) -> None:
    for actor in book.actors.values():
        assert actor.country in book.actors, actor.id
        for role in actor.roles:
            assert role.country in book.actors, (actor.id, role)


def test_roles_have_ordered_dates(book: ActorBook) -> None:
    for actor in book.actors.values():
        for role in actor.roles:
            assert role.start is not None, (actor.id, role)
            assert role.end is None or role.start <= role.end, (actor.id, role)
            assert role.start >= date(1940, 1, 1), (actor.id, role)


def test_one_head_of_state_at_a_time(book: ActorBook) -> None:
    """Terms of one office in one country never overlap by more than a handover day."""
    terms: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for actor in book.actors.values():
        for r in actor.roles:
            if r.title in ("head_of_state", "head_of_government", "foreign_minister") and r.start:
                terms.setdefault((r.title, r.country), []).append(
                    (r.start, r.end or date(2100, 1, 1), actor.id)
                )
    overlaps = []
    for key, rows in terms.items():
        rows.sort()
        for (_s1, e1, a1), (s2, _e2, a2) in itertools.pairwise(rows):
            if (e1 - s2).days > 3 and a1 != a2:
                overlaps.append((key, a1, a2, s2, e1))
    assert len(overlaps) <= 3, overlaps  # acting and disputed presidencies are real, but rare


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Lukashenko", "lukashenko"),
        ("Lukashenka", "lukashenko"),
        ("Lavrov", "lavrov"),
        ("Kremlin", "RUS"),
        ("Minsk", "BLR"),
        ("Moscow", "RUS"),
        ("Washington", "USA"),
        ("White House", "USA"),
        ("Brussels", "EU"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
    ],
)
def test_names_and_metonyms_point_at_the_right_actor(
    book: ActorBook, text: str, actor: str
) -> None:
    assert actor in {a.actor_id for a in book.aliases[text]}


def test_role_titles_resolve_through_dates(book: ActorBook) -> None:
    assert [a.id for a in book.holders("foreign_minister", "RUS", date(2020, 11, 26))] == ["lavrov"]
    assert [a.id for a in book.holders("head_of_state", "BLR", date(2020, 8, 1))] == ["lukashenko"]
    medvedev = {a.id for a in book.holders("head_of_state", "RUS", date(2010, 1, 1))}
    putin = {a.id for a in book.holders("head_of_state", "RUS", date(2015, 1, 1))}
    assert medvedev and putin and medvedev != putin


@pytest.mark.parametrize(
    ("title", "country", "when", "name"),
    [
        ("defence_minister", "LUX", date(2015, 6, 1), "Étienne Schneider"),
        ("defence_minister", "IRL", date(2018, 1, 1), "Leo Varadkar"),
        ("defence_minister", "SVN", date(2019, 1, 1), "Karl Erjavec"),
        ("foreign_minister", "SVN", date(2019, 1, 1), "Miro Cerar"),
        ("defence_minister", "BGR", date(2019, 1, 1), "Krasimir Karakachanov"),
        ("defence_minister", "HUN", date(2012, 1, 1), "Csaba Hende"),
        ("foreign_minister", "KOR", date(2009, 1, 1), "Yu Myung-hwan"),
    ],
)
def test_filled_offices_have_the_right_holder(
    book: ActorBook, title: str, country: str, when: date, name: str
) -> None:
    assert [a.name for a in book.holders(title, country, when)] == [name]


def test_ambiguous_names_are_marked(book: ActorBook) -> None:
    assert any(a.ambiguous for a in book.aliases["Georgia"] if a.actor_id == "GEO")


def test_security_services_are_context_aliases(book: ActorBook) -> None:
    kgb = [a for a in book.aliases["KGB"]]
    assert kgb and all(a.method == "context" for a in kgb)
    assert any(book.actors[a.actor_id].country == "BLR" for a in kgb)
    assert any(book.actors[a.actor_id].country == "BLR" for a in book.aliases["OMON"])


def test_agent_nouns_and_roles_are_lowercase(book: ActorBook) -> None:
    assert all(k == k.lower() for k in book.agents)
    assert all(k == k.lower() for k in book.roles)
    assert book.roles["foreign minister"] == "foreign_minister"
