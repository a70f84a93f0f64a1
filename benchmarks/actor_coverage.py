"""How much of 2000-01-01 … today each office of each country is covered by a dated holder.

A gap means "the Ruritanian foreign minister" in an article of that period resolves to no one
(the mention stays a country-level actor). Prints one row per country and office, the share
of days with a known holder, and the largest gaps.

    python benchmarks/actor_coverage.py                 # the countries issue #3 names
    python benchmarks/actor_coverage.py --countries FRA DEU --since 2010-01-01
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date, timedelta

from detente.actorbook import load_actorbook

NAMED = [
    "RUS",
    "BLR",
    "UKR",
    "USA",
    "CHN",
    "GBR",
    "TUR",
    "IRN",
    "ISR",
    "IND",
    "PAK",
    "JPN",
    "KOR",
    "PRK",
    "KAZ",
    "GEO",
    "ARM",
    "AZE",
    "MDA",
    "SYR",
    "SAU",
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
]
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
PRESIDENTIAL = {"USA", "KOR", "CYP", "IRN"}  # no separate head of government


def covered_days(spans: list[tuple[date, date]], first: date, last: date) -> tuple[int, list]:
    """Days in [first, last] inside any span, and the gaps as (start, end) pairs."""
    spans = sorted((max(s, first), min(e, last)) for s, e in spans if e >= first and s <= last)
    days, gaps, cursor = 0, [], first
    for s, e in spans:
        if s > cursor:
            gaps.append((cursor, s - timedelta(days=1)))
        if e >= cursor:
            days += (e - max(s, cursor)).days + 1
            cursor = e + timedelta(days=1)
    if cursor <= last:
        gaps.append((cursor, last))
    return days, gaps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--countries", nargs="*", default=NAMED)
    ap.add_argument("--since", default="2000-01-01")
    args = ap.parse_args()
    first, last = date.fromisoformat(args.since), date.today()
    book = load_actorbook()
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    people = 0
    for actor in book.actors.values():
        if actor.roles:
            people += 1
        for role in actor.roles:
            spans[(role.country, role.title)].append((role.start or date.min, role.end or last))
    total = (last - first).days + 1
    print(f"{people} people with dated roles; coverage of {first} .. {last}")
    print(f"{'country':8}" + "".join(f"{o:>20}" for o in OFFICES))
    full = 0
    cells = 0
    worst: list[tuple[float, str]] = []
    for code in args.countries:
        row = f"{code:8}"
        for office in OFFICES:
            if office == "head_of_government" and code in PRESIDENTIAL:
                row += f"{'n/a':>20}"
                continue
            days, gaps = covered_days(spans[(code, office)], first, last)
            share = days / total
            cells += 1
            full += share >= 0.95
            row += f"{share:>19.0%} "
            if share < 0.95:
                big = max(gaps, key=lambda g: (g[1] - g[0]).days)
                worst.append(
                    (share, f"{code} {office}: {share:.0%}, largest gap {big[0]}..{big[1]}")
                )
        print(row)
    print(f"\noffices covered >= 95% of days: {full}/{cells}")
    for _, line in sorted(worst)[:25]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
