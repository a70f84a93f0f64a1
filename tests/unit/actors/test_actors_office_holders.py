"""``ActorBook.holders`` reads an index of offices: the holders on a date, in book order, each
once however many terms they served."""

from __future__ import annotations

from datetime import date

from detente.actorbook import ActorBook
from detente.model import Actor, Role


def _person(pid: str, *roles: Role) -> Actor:
    return Actor(id=pid, name=pid.title(), kind="person", country="XYZ", sector="GOV", roles=roles)


def _book() -> ActorBook:
    pm = "head_of_government"
    people = [
        _person(
            "ann",
            Role(title=pm, country="XYZ", start=date(2000, 1, 1), end=date(2004, 1, 1)),
            Role(title=pm, country="XYZ", start=date(2008, 1, 1)),
        ),
        _person(
            "bob",
            Role(title=pm, country="XYZ", start=date(2004, 1, 1), end=date(2008, 1, 1)),
            Role(title="foreign_minister", country="XYZ"),
        ),
    ]
    return ActorBook(actors={p.id: p for p in people}, aliases={}, agents={}, roles={})


def test_holders_on_a_date_and_undated() -> None:
    book = _book()
    pm = "head_of_government"
    assert [a.id for a in book.holders(pm, "XYZ", date(2002, 6, 1))] == ["ann"]
    assert [a.id for a in book.holders(pm, "XYZ", date(2006, 6, 1))] == ["bob"]
    assert [a.id for a in book.holders(pm, "XYZ", date(2010, 6, 1))] == ["ann"]
    assert [a.id for a in book.holders(pm, "XYZ", date(2004, 1, 1))] == ["ann", "bob"]
    assert [a.id for a in book.holders(pm, "XYZ", None)] == ["ann", "bob"]
    assert [a.id for a in book.holders("foreign_minister", "XYZ", None)] == ["bob"]
    assert book.holders(pm, "ABC", None) == []
