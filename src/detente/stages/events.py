"""Rule-based event coding over a dependency parse: who did what to whom.

For each trigger (a lexicon verb or noun) in a parsed sentence:
  1. find the source (subject; the ``by`` agent of a passive; the possessor of a nominal event;
     inherited through coordination, control verbs and relative clauses);
  2. find the target (direct object or dative; a prepositional object the lexicon allows; the
     subject of a passive; else another actor inside the trigger's clause);
  3. re-type through control verbs ("refused to send" -> REJECT, "threatened to cut" ->
     THREATEN, "agreed to supply" -> AGREE);
  4. read negation, modality (could / will / if / expected to / habitual adverbs) and
     attribution (reported speech, "according to") off the trigger and the verbs above it;
  5. give coordinated actors one event each, and reciprocal events to "X and Y agreed".
Every event records the rule that produced it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from detente.lexicon import Control, Lexicon, Trigger
from detente.model import Actor, DatePrecision, Event, EventActor, Modality
from detente.stages.actors import TokenMention
from detente.stages.dates import date_of_sentence

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJ = ("dobj", "dative", "obj", "iobj", "attr", "oprd")
_DEFAULT_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "at", "into", "upon")
_RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_IMPLICIT_TYPES = frozenset({"REJECT", "ACCUSE", "THREATEN", "SUPPORT", "REQUEST", "CONCEDE"})
_HEAD_MODALS = {
    "expect": Modality.FUTURE,
    "plan": Modality.FUTURE,
    "intend": Modality.FUTURE,
    "due": Modality.FUTURE,
    "set": Modality.FUTURE,
    "likely": Modality.HYPOTHETICAL,
    "unlikely": Modality.HYPOTHETICAL,
    "able": Modality.HYPOTHETICAL,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceInput:
    """A parsed sentence and its resolved mentions, placed in its article."""

    sent: Any  # spaCy Doc of the sentence
    mentions: Sequence[TokenMention]
    article_id: str
    sentence_index: int
    offset: int  # character offset of the sentence in the article text
    reference_date: date | None
    reference_is_bound: bool = False  # the reference is an inferred earliest date, not the date
    salient: tuple[str, ...] = ()  # the article's most named countries, most first


@dataclass(frozen=True, slots=True)
class _Side:
    mention: TokenMention
    direct: bool


def code_sentence(si: SentenceInput, lexicon: Lexicon) -> list[Event]:
    """All events of one sentence, the main event first."""
    at = {i: m for m in si.mentions if m.actor is not None for i in range(m.start, m.end)}
    if not at:
        return []
    events: list[Event] = []
    consumed: set[int] = set()
    for tok in si.sent:
        if tok.i in consumed:
            continue
        if tok.pos_ in ("VERB", "AUX", "ADJ") or _mistagged_verb(tok):
            events.extend(_code_verb(si, lexicon, at, tok, consumed))
            events.extend(_code_obligation(si, lexicon, at, tok))
        elif tok.pos_ in ("NOUN", "PROPN"):
            events.extend(_code_noun(si, lexicon, at, tok, consumed))
    if not _conditional(si.sent):
        events.extend(_announced(lexicon, events))
    return _dedupe(sorted(events, key=lambda e: _salience(si.sent, e, si.offset)))


def _conditional(sent: Any) -> bool:
    """A sentence with an if/unless clause: what it says will happen is a condition's
    consequence, not an announcement."""
    return any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in sent)


def _mistagged_verb(tok: Any) -> bool:
    """A verb the tagger took for a noun, as it often does in headline present tense ("EU and
    UN hand over supplies to Nigeria"): the root of the sentence with a subject and an object
    or particle of its own."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "ROOT":
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and bool(deps & {"dobj", "prt"})


def _announced(lexicon: Lexicon, events: list[Event]) -> list[Event]:
    """Saying what one will do is itself a realised verbal act (CAMEO 03 / 12 / 13).

    "The rebels said they will release the peacekeepers" stores the release as future, not
    realised; what did happen is that the rebels expressed an intent to cooperate (AGREE).
    An announced hostile act is a threat (THREATEN), an announced refusal of a cooperative
    act a rejection (REJECT: "the government will not lift the ban"), a promise not to do a
    hostile one an assurance (AGREE). Only when the sentence has no realised event of that
    source already ("agreed to supply", "threatened to cut" are coded by their control verb).
    """
    spoken = {e.source.actor_id for e in events if e.realised}
    # "plans to send troops to help Belarus": a friendly and a hostile reading of one plan say
    # nothing clear about intent
    kinds: dict[str, set[bool]] = {}
    for e in events:
        if e.modality == Modality.FUTURE:
            kinds.setdefault(e.source.actor_id, set()).add(e.quad_class in (1, 2))
    spoken |= {actor for actor, seen in kinds.items() if len(seen) > 1}
    out: list[Event] = []
    for e in events:
        if e.modality != Modality.FUTURE or e.source.actor_id in spoken:
            continue
        cooperative = e.quad_class in (1, 2)
        if e.negated:
            name = "REJECT" if cooperative else "AGREE"
        else:
            name = "AGREE" if cooperative else "THREATEN"
        etype = lexicon.types[name]
        out.append(
            dataclasses.replace(
                e,
                event_type=name,
                mode="",
                quad_class=etype.quad_class,
                intensity=etype.intensity,
                cameo=etype.cameo,
                negated=False,
                modality=Modality.REPORTED if e.attribution else Modality.ASSERTED,
                confidence=round(e.confidence * 0.8, 3),
                rule=f"announced future act ({e.event_type}{', negated' if e.negated else ''}):"
                f" {e.rule}",
            )
        )
        spoken.add(e.source.actor_id)
    return out


def _salience(sent: Any, event: Event, offset: int) -> tuple[int, int, int, int]:
    """Realised before unrealised, an event with a target before one without, then the
    event nearest the root of the sentence."""
    i = _token_at(sent, event.trigger_start - offset)
    depth = 0
    tok = sent[i]
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return (0 if event.realised else 1, 0 if event.target else 1, depth, event.trigger_start)


def _token_at(sent: Any, char: int) -> int:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return int(tok.i)
    return 0


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


_QUANTITY = frozenset(
    {
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "number",
        "group",
        "some",
        "many",
        "several",
        "scores",
        "couple",
        "lot",
        "lots",
        "handful",
        "majority",
        "part",
        "most",
        "all",
        "series",
        "wave",
        "batch",
        "pair",
        # measures and loads: "25,000 tons of food aid", "$50,000 worth of goods"
        "ton",
        "tons",
        "tonne",
        "tonnes",
        "kilogram",
        "kilograms",
        "kg",
        "barrel",
        "barrels",
        "litre",
        "litres",
        "liter",
        "liters",
        "worth",
        "amount",
        "quantity",
        "quantities",
        "load",
        "loads",
        "consignment",
        "shipment",
        "shipments",
        # spans of time: "launched 10 days of war games", "after two weeks of talks"
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "hours",
        "round",
        "rounds",
    }
)


def _lemma(lexicon: Lexicon, tok: Any) -> str:
    return lexicon.lemma_fixes.get(tok.lower_, tok.lemma_.lower())


def _lookup_verb(lexicon: Lexicon, tok: Any) -> tuple[Trigger | None, Any]:
    """The lexicon reading of a verb (phrasal forms first, then senses), and the particle used."""
    lemma = _lemma(lexicon, tok)
    for child in tok.children:
        if (
            child.dep_ in ("prt", "prep") and child.i > tok.i and not _place_or_time(child)
        ):  # "On Monday, X called ..." is not "call on", "gave a welcome in Minsk" not "give in"
            key = f"{lemma} {child.lower_}"
            if key in lexicon.verbs:
                # "called for the release of": the particle's object is the phrasal verb's
                via = (child.lower_,) if child.dep_ == "prep" else ()
                picked = _select(lexicon.verbs[key], tok, via)
                if picked is not None:
                    return picked, child
    entry = lexicon.verbs.get(lemma)
    return (_select(entry, tok) if entry else None), None


def _place_or_time(prep: Any) -> bool:
    """A preposition whose object is a place or a time ("in Minsk", "on Monday"): a
    locative phrase, not the particle of a phrasal verb."""
    pobj = _child(prep, ("pobj",))
    if prep.dep_ != "prep" or pobj is None:
        return False
    if pobj.ent_type_ in ("DATE", "TIME"):
        return True
    # "called on Belarus" names the one called on; "gave in Minsk" only a place
    return prep.lower_ in ("in", "at") and pobj.ent_type_ in ("GPE", "LOC", "FAC")


def _lookup_noun(lexicon: Lexicon, tok: Any) -> Trigger | None:
    """Compound keys ("hunger strike") win over the bare head lemma."""
    lemma = tok.lemma_.lower()
    mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    for mod in mods:
        entry = lexicon.nouns.get(f"{mod} {lemma}")
        if entry is not None:
            return _select(entry, tok)
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":  # "on alert", "on standby"
        entry = lexicon.nouns.get(f"{tok.head.lower_} {lemma}")
        if entry is not None:
            return _select(entry, tok)
    entry = lexicon.nouns.get(lemma)
    return _select(entry, tok) if entry else None


def _select(trigger: Trigger, tok: Any, via: tuple[str, ...] = ()) -> Trigger | None:
    """The first sense whose conditions hold, else the entry itself if its own conditions hold.
    ``via``: prepositions whose objects count as objects (a phrasal verb's own particle)."""
    for sense in trigger.senses:
        if _conditions_hold(sense, tok, via):
            return sense
    return trigger if _conditions_hold(trigger, tok, via) else None


def _conditions_hold(trigger: Trigger, tok: Any, via: tuple[str, ...] = ()) -> bool:
    objects = _objects(tok, (*trigger.object_preps, *via))
    if trigger.requires_object and not any(_names(o, trigger.requires_object) for o in objects):
        return False
    if trigger.exclude_object and any(_names(o, trigger.exclude_object) for o in objects):
        return False
    if trigger.requires_modifier and not any(
        c.dep_ in ("amod", "compound", "advmod") and c.lower_ in trigger.requires_modifier
        for c in tok.children
    ):
        return False
    if trigger.requires_prep:
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "prt")}
        preps |= {
            g.lower_
            for c in tok.children
            if c.dep_ in ("prt", "advcl", "acl")
            for g in c.children
            if g.dep_ == ("prep" if c.dep_ == "prt" else "mark")
        }  # "call off ... for", "a call for Belarus to release": "for" marks the clause
        if not preps & set(trigger.requires_prep):
            return False
    return True


def _objects(tok: Any, object_preps: tuple[str, ...] = ()) -> list[Any]:
    """Object heads of a trigger: direct object, passive subject, objects of ``object_preps``;
    quantity heads are looked through ("detained dozens of activists" -> activists)."""
    found = []
    has_object = any(c.dep_ in _OBJ for c in tok.children)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
        found.append(tok.head)  # "crimes committed by Croat forces": the noun is the object
    # "Serb forces were engaged in ethnic cleansing": a stative participle's subject is its actor
    passive_object = () if _stative(tok) else ("nsubjpass",)
    for child in tok.children:
        if child.dep_ in (*_OBJ, *passive_object):
            found.append(child)
        elif child.dep_ == "npadvmod" and not has_object and child.pos_ == "NOUN":
            found.append(child)  # a parser slip: "eased curfew hours" read as "eased (for) hours"
        elif child.dep_ == "prep" and child.lower_ in object_preps:
            pobj = _child(child, ("pobj",))
            if pobj is not None:
                found.append(pobj)
        elif (subject := _raised_object(child)) is not None and not has_object:
            found.append(subject)  # "allowed [the inspectors to visit]": parsed as a clause
    # "provided photographs and military intelligence": each conjoined object counts
    found += [c for obj in list(found) for c in obj.conjuncts if c.i > obj.i]
    out = []
    for obj in found:
        out.append(obj)
        if obj.lemma_.lower() in _QUANTITY or obj.pos_ == "NUM":
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and _child(of, ("pobj",)) is not None:
                out.append(_child(of, ("pobj",)))
    return out


def _raised_object(clause: Any) -> Any:
    """The subject of a to-infinitive clause a verb governs ("allowed the inspectors to visit"
    parsed as allowed [the inspectors to visit]): the verb's object in meaning; else None."""
    if clause.dep_ not in ("ccomp", "xcomp") or clause.i < clause.head.i:
        return None
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
        return None
    subject = _child(clause, ("nsubj",))
    return subject if subject is not None and subject.i > clause.head.i else None


def _names(obj: Any, items: tuple[str, ...]) -> bool:
    """Does the object's head (with its modifiers, for two-word items) match one of ``items``?"""
    lemma, low = obj.lemma_.lower(), obj.lower_
    mods = {c.lower_ for c in obj.children if c.dep_ in ("compound", "amod")}
    for item in items:
        if " " in item:
            *words, head = item.split()
            if head in (lemma, low) and set(words) <= mods:
                return True
        elif item in (lemma, low):
            return True
    if obj.pos_ == "PROPN":
        # "allowed candidate Alassane Ouattara to run": a common noun before a name says
        # what the named one is
        titles = {c.lower_ for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        if titles & set(items):
            return True
    if lemma in _CONTAINER_HEADS:  # "eased curfew hours", "an aid package", "sanctions regime"
        compounds = {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"}
        compounds |= {c.lower_ for c in obj.children if c.dep_ == "compound"}
        return any(item in compounds for item in items if " " not in item)
    if lemma in _MOVEMENT_HEADS:
        # "allow the return of inspectors": the movement's "of" object is what is allowed in
        of = (g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)
        return any(g.dep_ == "pobj" and _names(g, items) for g in of)
    return False


# nouns of movement whose "of" object is who moves ("the return of inspectors")
_MOVEMENT_HEADS = frozenset(("return", "arrival", "entry", "deployment", "dispatch", "presence"))


# heads that only package what their compound modifier names
_CONTAINER_HEADS = frozenset(
    (
        "hour", "measure", "regime", "package", "programme", "program", "shipment", "order",
        "rule", "law", "policy", "list", "system", "tranche", "convoy", "consignment",
        "delivery", "restriction", "zone", "requirement", "agreement", "deal", "accord",
        "effort", "mission", "process",
    )
)  # fmt: skip


def _complement(tok: Any) -> Any:
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def _for_clause(tok: Any) -> Any:
    """A clause with its own subject opened by "for" on ``tok`` ("called for Britain to
    stay"), or None."""
    for clause in tok.children:
        if (
            clause.dep_ in ("advcl", "ccomp", "xcomp")
            and clause.i > tok.i
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
            and _child(clause, ("nsubj",)) is not None
        ):
            return clause
    return None


def _code_control(
    si: SentenceInput,
    lexicon: Lexicon,
    at: dict[int, TokenMention],
    tok: Any,
    consumed: set[int],
    control: Control,
    comp: Any,
    key: str,
) -> list[Event] | None:
    """ "refused to send" -> REJECT; None when the control verb only passes modality on.
    ``key``: the control verb's entry ("refuse", "call on")."""
    if _lemma(lexicon, comp) in control.ignore_complement:
        consumed.add(comp.i)
        return []
    inner, _ = _lookup_verb(lexicon, comp)
    as_type = control.as_type
    if control.as_conflict and inner is not None and lexicon.types[inner.type].quad_class >= 3:
        as_type = control.as_conflict
    # "Russia and the Netherlands failed to reach agreement": a failed agreement is a
    # (mutual) rejection, as CAMEO and PLOVER coders code it
    mutual = bool(control.as_agreement and inner is not None and inner.type == "AGREE")
    if mutual:
        as_type = control.as_agreement
    if as_type is None:
        return None
    consumed.add(comp.i)
    own = lexicon.verbs.get(key)
    # "urged Russia to withdraw" keeps urge's own CAMEO code (020 appeal), not the type's (10)
    same = own is not None and own.type == as_type
    wrapper = Trigger(
        key=key,
        type=as_type,
        symmetric=mutual or bool(own and own.symmetric),
        mode=own.mode if own is not None and same else None,
        cameo=own.cameo if own is not None and same else None,
        intensity=own.intensity if own is not None and same else None,
    )
    rule = f"control:{wrapper.key}>{_lemma(lexicon, comp)}"
    # "called for Britain to stay": the for-clause's own subject is the one asked
    opened = any(c.dep_ == "mark" and c.lower_ == "for" for c in comp.children)
    asked = _child(comp, ("nsubj",)) if opened else None
    targets = (
        [_Side(m, True) for m in _actors_of(at, asked)]
        or _targets(si, lexicon, at, comp, inner, None)
        or _targets(si, lexicon, at, tok, None, None)
    )
    head = tok.head if tok.pos_ == "ADJ" else tok
    sources = _sources(at, head)
    if not targets and sources and inner is not None and inner.type in _DOMESTIC_TYPES:
        # "is prepared to lift the ban on the Islamic Salvation Front": see _code_verb
        home = _domestic_unknown(si, _objects(comp), sources[0])
        if home is not None:
            targets, rule = [home], rule + " domestic-unknown"
    return _build(si, lexicon, at, tok, wrapper, rule, sources, targets, content=comp)


def _code_verb(
    si: SentenceInput, lexicon: Lexicon, at: dict[int, TokenMention], tok: Any, consumed: set[int]
) -> list[Event]:
    lemma = _lemma(lexicon, tok)
    table = lexicon.control_adjectives if tok.pos_ == "ADJ" else lexicon.control
    control, key = table.get(lemma), lemma
    comp = _complement(tok)
    if control is not None and comp is None:
        # "have sworn to fight": spaCy may read a control verb's infinitive as a purpose clause
        comp = next(
            (
                c
                for c in tok.children
                if c.dep_ == "advcl"
                and c.i == tok.i + 2
                and any(
                    a.dep_ == "aux" and a.lower_ == "to" and a.i == tok.i + 1 for a in c.children
                )
            ),
            None,
        )
    if control is None:  # "called on Belarus to release": a phrasal control verb
        for child in tok.children:
            phrasal = f"{lemma} {child.lower_}"
            if child.dep_ in ("prt", "prep") and child.i > tok.i and phrasal in table:
                control, key = table[phrasal], phrasal
                break
    if control is None and comp is None and f"{lemma} for" in table:
        # "called for Britain to stay", "pushed for the US to support": the clause's own
        # subject is the one asked
        clause = _for_clause(tok)
        if clause is not None:
            control, key, comp = table[f"{lemma} for"], f"{lemma} for", clause
    if control is not None and comp is not None:
        coded = _code_control(si, lexicon, at, tok, consumed, control, comp, key)
        if coded is not None:
            return coded
    if tok.pos_ != "VERB" and not _mistagged_verb(tok):
        return []
    trigger, particle = _lookup_verb(lexicon, tok)
    if trigger is None or _done_by_means(lexicon, tok):
        return []
    rule = f"verb:{trigger.key}"
    if _is_passive(tok) and not _stative(tok):
        shared = _passive_head(tok)
        sources = _agent(at, tok) or _agent(at, shared) or _stray_agent(lexicon, at, tok)
        targets = [_Side(m, True) for m in _actors_of(at, _child(shared, ("nsubjpass",)))]
        rule += " passive"
        if not sources and trigger.type in _SELF_MOVED:
            sources, targets = targets, []  # "Russian soldiers were deployed": they moved
            rule += " patient-source"
        elif not sources and _armed(targets) and trigger.mode in ("withdraw", "disarm"):
            # "UN peacekeepers were withdrawn from Bosnia", "the rebels have been demobilised":
            # forces pulled out or stood down are the ones who retreat, from where they were
            sources = targets
            where = _location_source(at, tok, sources)
            rule += " patient-source"
            if where is None:
                # "guerrillas operating in Macedonia have been demobilised": where they were
                subject = _child(shared, ("nsubjpass",))
                placed = [t for t in subject.subtree if _placing_participle(t)] if subject else []
                where = next((w for p in placed if (w := _location_target(at, p))), None)
                rule += " location-target" if where is not None else ""
            rebels = (
                sources[0].mention.actor is not None and sources[0].mention.actor.sector == "REB"
            )
            if where is None and rebels:
                # "the rebels have been demobilised": they stand down before their government
                where = _home_government(sources[0])
                rule += " home-government" if where is not None else ""
            targets = [where] if where is not None else []
        elif not sources and targets and trigger.type in _STATE_ACTS:
            # "Three Russians were released from captivity in Libya", "32 Russians were
            # detained near Minsk": with no agent named, the state where it happened did it
            where = _location_source(at, tok, targets)
            if where is not None:
                sources = [where]
                rule += " location-source"
        elif not sources and targets and trigger.type == "ASSAULT":
            agent = _child(_child(tok, ("agent",)), ("pobj",))
            sources = _cause_source(lexicon, at, tok, agent)
            rule += " cause-source" if sources else ""
    else:
        sources = _sources(at, tok)
        if (moved := _troops_moved(lexicon, tok, trigger, sources)) is not None:
            trigger, rule = moved, rule + " troops"
        targets = _targets(si, lexicon, at, tok, trigger, particle)
        if not sources and trigger.type == "ASSAULT":
            sources = _cause_source(lexicon, at, tok, _child(tok, ("nsubj",)))
            rule += " cause-source" if sources else ""
    objects = _objects(tok)
    if not targets and trigger.type in ("COERCE", "SANCTION"):
        # "police prevented the demonstration staged by students", "banned the opposition's
        # rally": a curbed act's doers are the ones curbed
        targets = [t for obj in objects if _lookup_noun(lexicon, obj) for t in _doers(at, obj)]
    acted_on = {o.i for o in objects}
    if (
        targets
        and all(t.mention.method == "attribute" and t.mention.head not in acted_on for t in targets)
        and _among(targets, sources)
    ):
        # "blew themselves up in Tel Aviv in the worst attack of the Palestinian uprising":
        # the doers' own country named on a thing of theirs, not acted on, is no target
        targets = []
    if not targets and trigger.type in _DOMESTIC_TYPES and sources:
        # "Nigerian authorities jailed 52 members of the banned MASSOB": a state's coercion of
        # a body the book does not know, that the context places in the same state, is
        # domestic (stored as the source's own country, the rule saying so); so is lifting
        # a ban on one ("lifted the ban on the Islamic Salvation Front")
        home = _domestic_unknown(si, objects, sources[0])
        if home is not None:
            targets, rule = [home], rule + " domestic-unknown"
    if not targets and trigger.type == "REQUEST" and sources:
        # "insisted on its demands that Burundi's government grant ...": the demand's
        # clause names who is asked
        held = [*objects, *(_child(p, ("pobj",)) for p in tok.children if p.dep_ == "prep")]
        targets = [
            _Side(m, True)
            for noun in held
            if noun is not None and noun.pos_ == "NOUN"
            for clause in noun.children
            if clause.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" for c in clause.children)
            for m in _actors_of(at, _child(clause, ("nsubj", "nsubjpass")))
        ]
    if not targets and _means_gerund(tok) and tok.head.lower_ == "by":
        # "helped Kenya by donating supplies": the means acts on the object of what it serves
        targets = [_Side(m, True) for m in _actors_of(at, _child(tok.head.head, ("dobj",)))]
    if trigger.reverse:
        sources, targets = targets, sources
        rule += " reverse"
    return _build(si, lexicon, at, tok, trigger, rule, sources, targets)


def _troops_moved(
    lexicon: Lexicon, tok: Any, trigger: Trigger, sources: list[_Side]
) -> Trigger | None:
    """ "Bangladeshi peacekeeping troops arrived in Sierra Leone": armed forces arriving are
    deployed (AID for peacekeepers, MOBILIZE for troops), not paying a visit."""
    deploy = lexicon.verbs.get("deploy")
    if deploy is None or trigger.type != "CONSULT" or trigger.mode != "visit" or not sources:
        return None
    if not all(s.mention.actor is not None and s.mention.actor.sector == "MIL" for s in sources):
        return None
    words: set[str] = set()
    for side in sources:
        head = tok.doc[side.mention.head] if side.mention.head >= 0 else None
        if head is not None:  # "Bangladeshi peacekeeping troops": the mention's own words
            words |= {head.lemma_.lower(), head.lower_}
            words |= {c.lower_ for c in head.children if c.dep_ in ("compound", "amod")}
    chosen = next((x for x in deploy.senses if words & set(x.requires_object)), deploy)
    return dataclasses.replace(chosen, target_preps=trigger.target_preps, senses=())


_CAUSE_WORDS = """explosion blast bomb bombs device mine landmine shell shells rocket rockets
missile missiles grenade ied drone drones fire shelling"""
_CAUSES = frozenset(_CAUSE_WORDS.split())


def _cause_source(
    lexicon: Lexicon, at: dict[int, TokenMention], verb: Any, cause: Any
) -> list[_Side]:
    """ "US Predator attacks have killed eight al-Qaeda leaders", "a roadside bombing near
    Samarra killed a U.S. soldier": when an attack or a weapon kills, the actor named on it
    did it, else the country where it happened (as event coders code it)."""
    if cause is None or cause.pos_ not in ("NOUN", "PROPN"):
        return []
    lemma = cause.lemma_.lower()
    entry = lexicon.nouns.get(lemma)
    if not (lemma in _CAUSES or (entry is not None and entry.type == "ASSAULT")):
        return []
    for tok in cause.subtree:
        m = at.get(tok.i)
        if m is None or m.actor is None or _locative(tok, cause):
            continue
        if tok.dep_ in ("compound", "amod", "poss", "nmod") or tok.head.i == cause.i:
            return [_Side(m, True)]
    for holder in (cause, verb):
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for tok in prep.subtree:
                m = at.get(tok.i)
                if m is not None and m.actor is not None and m.actor.kind == "country":
                    # a city may stand here: the country it lies in did it (not the city)
                    return [_Side(dataclasses.replace(m, method="location"), False)]
    return []


# types whose passive subject, with no agent named, is the actor that moved
_SELF_MOVED = frozenset(("MOBILIZE",))
_ARMED_SECTORS = frozenset(("MIL", "REB", "SEC"))


def _armed(sides: list[_Side]) -> bool:
    """Are all of ``sides`` (at least one) armed forces, rebels or security forces?"""
    return bool(sides) and all(
        s.mention.actor is not None and s.mention.actor.sector in _ARMED_SECTORS for s in sides
    )


# acts that only a state's authorities do to people in its hands (arrest, release, expel): an
# agentless passive of one of these took place at the hands of the country where it happened
_STATE_ACTS = frozenset(("COERCE", "RETREAT"))


def _location_source(at: dict[int, TokenMention], verb: Any, targets: list[_Side]) -> _Side | None:
    """The one country in the verb's locative phrases ("in Libya", "near Minsk", "from
    captivity in Libya") that is not the country of those it was done to."""
    theirs = {t.mention.actor.country for t in targets if t.mention.actor is not None}
    found: dict[str, _Side] = {}
    for prep in verb.children:
        # "pulled out of Syria": "of" on the verb after its particle, or on "out"
        after_out = prep.i > 0 and prep.doc[prep.i - 1].lower_ == "out"
        out_of = prep.lower_ == "out" or (prep.lower_ == "of" and after_out)
        if prep.dep_ != "prep" or (prep.lower_ not in (*_PLACE_PREPS, "from") and not out_of):
            continue
        for tok in prep.subtree:
            m = at.get(tok.i)
            if (
                m is None
                or m.actor is None
                or m.actor.kind != "country"
                or _in_other_clause(tok, verb)
            ):
                continue
            if m.actor.country not in theirs:
                found.setdefault(m.actor.country, _Side(m, False))
    return next(iter(found.values())) if len(found) == 1 else None


_OBLIGATION = frozenset(("must", "should"))


def _code_obligation(
    si: SentenceInput, lexicon: Lexicon, at: dict[int, TokenMention], tok: Any
) -> list[Event]:
    """ "Russia said Sudan must return the helicopter": saying that another actor must act
    is a demand on that actor (REQUEST), whatever the act is."""
    if tok.lemma_.lower() not in lexicon.reporting_verbs:
        return []
    for clause in tok.children:
        if clause.dep_ != "ccomp" or not any(
            c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children
        ):
            continue
        subj = _child(clause, ("nsubj", "nsubjpass"))
        targets = [_Side(m, True) for m in _actors_of(at, subj)] if subj is not None else []
        if not targets:
            continue
        demand = Trigger(key="must", type="REQUEST", mode=None, cameo="100")
        return _build(
            si,
            lexicon,
            at,
            tok,
            demand,
            f"obligation:{tok.lemma_.lower()}>must",
            _sources(at, tok),
            targets,
        )
    return []


def _code_noun(
    si: SentenceInput, lexicon: Lexicon, at: dict[int, TokenMention], tok: Any, consumed: set[int]
) -> list[Event]:
    trigger = _lookup_noun(lexicon, tok)
    if trigger is None:
        return []
    # "a ceasefire agreement": the phrase the trigger is a modifier in
    phrase = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok
    governor = phrase.head if phrase.dep_ in (*_OBJ, "nsubjpass") else _light_verb(tok)
    if governor is not None and governor.pos_ == "VERB":
        head_trigger, _ = _lookup_verb(lexicon, governor)
        if head_trigger is not None:
            # the governing verb codes it ("imposed sanctions on", "violated the ceasefire
            # agreement", "provided 25,000 tons of food aid")
            return []
    owners: list[_Side] = []
    sources: list[_Side] = []
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
            owners += [_Side(m, True) for m in _actors_of(at, child)]
        elif child.dep_ == "prep" and child.lower_ in (trigger.source_preps or ("by",)):
            sources += [_Side(m, True) for m in _actors_of(at, _child(child, ("pobj",)))]
    preps = trigger.target_preps or ("of", "against", "on", "to", "with")
    targets: list[_Side] = []
    for holder in _noun_holders(at, tok, set(preps) - {"of"}):
        targets = _prep_objects(at, holder, set(preps) - set(trigger.source_preps))
        if targets:
            break
    if trigger.possessor == "target":
        targets = owners + targets
    else:
        sources = owners + sources
    if not targets:  # "its demand that Israel ease ...", "a call for Belarus to release ..."
        for clause in (*tok.children, *_stray_clauses(tok)):
            if clause.dep_ in ("acl", "advcl", "ccomp") and clause.pos_ in ("VERB", "AUX"):
                subject = _child(clause, ("nsubj", "nsubjpass"))
                targets += [_Side(m, True) for m in _actors_of(at, subject)]
    light = _light_verb(tok)
    rule = f"noun:{trigger.key}"
    if (placer := _placed_under(tok)) is not None and not targets:
        # "placed a Russian blogger under arrest", "was put under investigation in Italy":
        # whoever is put under it is the target; with no agent, the state where it happened
        # did it (as for "was detained in Belarus")
        if _is_passive(placer):
            targets = [_Side(m, True) for m in _actors_of(at, _child(placer, ("nsubjpass",)))]
            sources = sources or _agent(at, placer)
            where = None
            if not sources:  # "in Belarus" on the verb or on the noun
                where = _location_source(at, placer, targets) or _location_source(at, tok, targets)
            sources = [where] if where is not None else sources
            rule += " passive location-source" if where is not None else " passive"
        else:
            held = [c for c in placer.children if c.dep_ in _OBJ]
            targets = [_Side(m, True) for o in held for m in _actors_of(at, o)]
    if light is not None and str(light.lemma_).lower() in _DENIALS:
        # "Iran rejected accusations by Netanyahu", "Russia denied the attack": whoever denies
        # is not the doer; an accusation they deny is aimed at them
        if trigger.type == "ACCUSE" and sources and not targets:
            targets = _sources(at, light)
        light = None
    if not sources and light is not None:  # "launched a mediation effort", "staged a protest"
        sources = _sources(at, light)
    if not targets and light is not None:  # "launched cyber warfare against India"
        targets = _prep_objects(at, light, set(preps) - _LOCATIVE_PREPS - {"of"})
    source_ids = {s.mention.start for s in sources}
    targets = [t for t in targets if t.mention.start not in source_ids]
    return _build(si, lexicon, at, tok, trigger, rule, sources, targets)


def _noun_holders(at: dict[int, TokenMention], tok: Any, preps: set[str]) -> Iterator[Any]:
    """The words whose prepositions (among ``preps``) can name a nominal trigger's target: the
    trigger; the noun it modifies ("a mediation mission between Syria and ...", "a sanctions
    package against Russia"); and the thing it acts on when that is no actor ("the suspension
    of air links with Serbia", "the withdrawal of invasion forces from Panama")."""
    yield tok
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        yield tok.head
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        thing = _child(prep, ("pobj",))
        if thing is not None and thing.pos_ == "NOUN" and thing.i not in at:
            for child in thing.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    yield child.head
                    break


def _prep_objects(at: dict[int, TokenMention], holder: Any, preps: set[str]) -> list[_Side]:
    """Actors named by the objects of ``holder``'s prepositions among ``preps``."""
    return [
        _Side(m, True)
        for child in holder.children
        if child.dep_ == "prep" and child.lower_ in preps
        for m in _actors_of(at, _child(child, ("pobj",)))
    ]


_UNDOING = frozenset(
    ("postpone", "cancel", "delay", "shelve", "scrap", "abandon", "avert", "prevent", "forbid")
)


def _undone(tok: Any) -> bool:
    """A nominal event that its verb keeps from happening ("postponed the demonstration",
    "called off the strike", "averted a war")."""
    verb = _light_verb(tok)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return lemma in _UNDOING or (lemma, particle) in (("call", "off"), ("put", "off"))


_DENIALS = frozenset(("reject", "deny", "dismiss", "refute", "rebuff", "counter", "dispute"))


_PLACERS = frozenset(("put", "place", "keep", "hold", "bring"))


def _placed_under(tok: Any) -> Any:
    """The verb that puts someone under a nominal trigger ("placed X under arrest", "was put
    under investigation"), or None."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ != "VERB":
        return None
    return prep.head if prep.head.lemma_.lower() in _PLACERS else None


def _light_verb(tok: Any) -> Any:
    """The verb a nominal trigger is the object of, directly ("staged a protest") or as the
    modifier of the object ("launched a mediation effort"), the verb that puts an actor
    "on" it ("went on strike"), or the verb of taking part "in" it ("engaged in ethnic
    cleansing", "took part in the attacks"); None otherwise."""
    node = tok.head if tok.dep_ == "compound" and tok.head.dep_ in _OBJ else tok
    if node.dep_ in _OBJ and node.head.pos_ == "VERB":
        return node.head
    prep = node.head
    if node.dep_ != "pobj" or prep.head.pos_ not in ("VERB", "AUX", "NOUN"):
        return None
    verb, lemma = prep.head, prep.head.lemma_.lower()
    if prep.lower_ == "on" and verb.pos_ != "NOUN" and lemma in _ONTO_VERBS:
        return verb  # "went on strike", "remained on alert", "put its troops on alert"
    if prep.lower_ in ("in", "of") and _amount(verb) and verb.dep_ in _OBJ:
        return verb.head if verb.head.pos_ == "VERB" else None  # "$33 million in assistance"
    if (
        prep.lower_ == "in"
        and verb.pos_ == "VERB"
        and any(c.dep_ in _OBJ and _amount(c) for c in verb.children)
    ):
        return verb  # "announced $33 million in assistance": "in" hung on the verb
    if prep.lower_ == "under":
        return _placed_under(node)  # "placed them under arrest"
    if prep.lower_ == "for" and verb.pos_ == "VERB" and lemma in _GATHERING:
        return verb  # "thousands converged for a rally in Lagos"
    if prep.lower_ != "in":
        return None
    if verb.pos_ == "VERB" and (lemma in _PARTAKING or _takes_part(verb)):
        return verb
    if lemma == "part" and verb.dep_ in _OBJ and _takes_part(verb.head):
        return verb.head  # "in" hung on "part"
    return None


_AMOUNT_WORDS = """million millions billion billions trillion thousand thousands dollar dollars
euro euros pound pounds ton tons tonne tonnes worth sum sums amount"""
_AMOUNTS = frozenset(_AMOUNT_WORDS.split())


def _amount(tok: Any) -> bool:
    """A sum or a quantity ("$33 million", "25,000 tons", "2 billion euros")."""
    return (
        tok.tag_ in ("$", "CD")
        or tok.lemma_.lower() in _AMOUNTS
        or any(c.dep_ == "nummod" for c in tok.children)
    )


def _takes_part(verb: Any) -> bool:
    """ "took part" (its "in" phrase is what the subject did)."""
    return verb.lemma_.lower() == "take" and any(
        c.dep_ in _OBJ and c.lower_ == "part" for c in verb.children
    )


_ONTO_VERBS = frozenset(("go", "remain", "stay", "be", "put", "place", "keep", "insist"))
# verbs whose "for" phrase is a gathering their subject joins ("converged for a rally")
_GATHERING = frozenset(("gather", "converge", "assemble", "mass", "turn", "come", "head"))
# verbs whose "in" phrase is what their subject did ("engaged in", "participated in")
_PARTAKING = frozenset(("engage", "participate", "partake", "involve", "join"))


def _is_passive(tok: Any) -> bool:
    """A passive verb, or a participle coordinated with one that shares its auxiliary
    ("were captured by Ukrainian forces and later released")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    return (
        tok.dep_ == "conj"
        and tok.tag_ in ("VBN", "VBD")  # the tagger often reads the shared participle as past
        and not any(c.dep_ in ("aux", "nsubj", "csubj", "dobj") for c in tok.children)
        and tok.head.i != tok.i
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)
    )


def _passive_head(tok: Any) -> Any:
    """The passive verb whose subject (and agent) a coordinated participle shares."""
    while tok.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in tok.children):
        tok = tok.head
    return tok


# participles that say where their subject stands, not what was done to it, with their
# preposition
_STATIVE = {
    "oppose": "to",
    "commit": "to",
    "dedicate": "to",
    "devote": "to",
    "engage": "in",
    "involve": "in",
}


def _stative(tok: Any) -> bool:
    """ "Israel is opposed to French mediation", "Minsk is committed to the treaty", "Serb
    forces were engaged in ethnic cleansing": an adjectival participle with its preposition
    and no agent; its subject is the actor."""
    prep = _STATIVE.get(str(tok.lemma_).lower())
    return (
        prep is not None
        and any(c.dep_ == "prep" and c.lower_ == prep for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
    )


def _child(tok: Any, deps: tuple[str, ...]) -> Any:
    if tok is None:
        return None
    return next((c for c in tok.children if c.dep_ in deps), None)


def _actors_of(at: dict[int, TokenMention], tok: Any, depth: int = 0) -> list[TokenMention]:
    """Actors a noun phrase headed by ``tok`` names, expanding coordination."""
    if tok is None or depth > 3:
        return []
    found: list[TokenMention] = []
    if tok.i in at:
        # "Turkish and Greek sides": the first of coordinated demonyms is a mention of its own
        found += [
            at[c.i]
            for c in tok.children
            if c.dep_ in ("amod", "compound", "nmod")
            and c.i in at
            and at[c.i] is not at[tok.i]
            and any(g.dep_ == "conj" and at.get(g.i) is at[tok.i] for g in c.children)
        ]
        found.append(at[tok.i])
    else:
        for child in tok.children:
            if child.dep_ == "appos" and child.i in at:
                found.append(at[child.i])
                break
        else:
            found += _modifier_actor(at, tok, depth)
    for child in tok.children:
        if child.dep_ == "conj":
            found += _actors_of(at, child, depth + 1)
    unique: dict[int, TokenMention] = {m.start: m for m in found}
    return list(unique.values())


def _modifier_actor(at: dict[int, TokenMention], tok: Any, depth: int) -> list[TokenMention]:
    """The actor a phrase names through a modifier: "Moscow's position", "leaders of Russia"."""
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.i in at:
            return [at[child.i]]
        if child.dep_ == "amod" and child.i in at and at[child.i].method == "attribute":
            return [at[child.i]]  # "rejected the Israeli proposal"
    if tok.lemma_.lower() in _PROVIDED_FOR:
        for_ = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if for_ is not None:
            return _actors_of(at, _child(for_, ("pobj",)), depth + 1)
    if tok.lemma_.lower() in _PLACE_NOUNS or tok.lower_ in _PLACE_NOUNS:
        return []  # "the outskirts of Minsk", "the border of Belarus": a place, not an actor
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            return _actors_of(at, _child(child, ("pobj",)), depth + 1)
    return []


# places and supplies kept for a people: "a camp for Congolese refugees" names them
_PROVIDED_FOR = frozenset(
    ("camp", "shelter", "school", "hospital", "clinic", "centre", "center", "home", "convoy")
)


_PLACE_WORDS = """outskirts outskirt suburb suburbs centre center city capital streets street
region regions area areas part parts territory territories south north east west coast airspace
border borders frontier side heart district province outside interior town towns village villages
island islands peninsula enclave valley port ports county oblast zone zones camp camps
neighbourhood neighborhood municipality governorate prefecture countryside"""
_PLACE_NOUNS = frozenset(_PLACE_WORDS.split())


def _sources(at: dict[int, TokenMention], verb: Any) -> list[_Side]:
    """The subject of a verb, inherited through coordination, control and relative clauses."""
    tok = verb
    via = ""
    for _ in range(6):
        if tok.i != verb.i and _is_passive(tok):
            if via == "conj":
                # "has been indicted by the court and will resign": a coordinated verb shares
                # the passive's subject, not its agent
                return [_Side(m, True) for m in _actors_of(at, _child(tok, ("nsubjpass",)))]
            # "was attacked by militiamen, killing 156 people": a clause hanging on a passive
            # verb shares its agent, not the subject of whoever reported it
            return _agent(at, tok)
        deps = ("nsubj", "csubj", "nsubjpass") if _stative(tok) else ("nsubj", "csubj")
        subjects = [c for c in tok.children if c.dep_ in deps]
        # "The Red Cross operating in Iraq said": a participle misread as the subject, with
        # the real subject hung on it
        subjects = [
            next((g for g in c.children if g.dep_ == "nsubj"), c) if c.tag_ == "VBG" else c
            for c in subjects
        ]
        if not subjects:  # a parse that hangs the subject on the auxiliary ("have opposed")
            subjects = [
                g
                for c in tok.children
                if c.dep_ in ("aux", "auxpass") and c.i < tok.i
                for g in c.children
                if g.dep_ == "nsubj"
            ]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                return [_Side(m, True) for m in _actors_of(at, tok.head)]
            for candidate in subjects:  # "The rebel Free Syrian Army": the one naming an actor
                found = _actors_of(at, candidate)
                if found:
                    return [_Side(m, True) for m in found]
            if subj.lower_ in _REPORTED_PRONOUNS and tok.dep_ == "ccomp" and tok.head.i != tok.i:
                # "The Iraqi military says it has seized ...": the speaker's own act
                return _sources(at, tok.head)
            return []
        if tok.dep_ == "relcl":
            return [_Side(m, True) for m in _actors_of(at, tok.head)]
        if tok.dep_ == "acl" and _main_clause_misparsed(tok):
            # "The Iraqi air force carried out air strikes": a finite verb hung on the
            # subject as if it were a reduced relative clause
            return [_Side(m, True) for m in _actors_of(at, tok.head)]
        if _found_guilty(tok):
            # "India was guilty of violating the ceasefire": the guilty party did it
            tok = tok.head.head
            continue
        if _means_gerund(tok):
            # "helped Haiti by donating medical supplies": the gerund's doer is the clause's
            tok = tok.head.head
            continue
        if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and tok.head.i != tok.i:
            if tok.dep_ == "xcomp":
                obj = _child(tok.head, ("dobj",))
                if obj is not None and obj.i in at:  # "urged Russia to withdraw"
                    return [_Side(at[obj.i], True)]
            via = tok.dep_
            tok = tok.head
            continue
        if tok.dep_ == "acl":  # "the sanctions imposed by the EU"
            return _agent(at, tok)
        break
    return []


_REPORTED_PRONOUNS = frozenset(("it", "they", "he", "she", "we"))
_GUILTY = frozenset(("guilty", "responsible", "culpable"))


def _found_guilty(tok: Any) -> bool:
    """Is ``tok`` the gerund of "guilty of" / "responsible for" ("was guilty of violating")?"""
    prep = tok.head
    return (
        tok.dep_ == "pcomp"
        and prep.dep_ == "prep"
        and prep.lower_ in ("of", "for")
        and prep.head.lower_ in _GUILTY
    )


def _done_by_means(lexicon: Lexicon, tok: Any) -> bool:
    """ "Russia retaliated by expelling ten diplomats": a verb whose "by" gerund is itself a
    trigger says only why; the gerund is the act (and is coded on its own)."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            gerund = _child(prep, ("pcomp",))
            if gerund is not None and gerund.tag_ == "VBG":
                return _lookup_verb(lexicon, gerund)[0] is not None
    return False


# prepositions whose gerund shares the subject of the verb they hang on
_GERUND_PREPS = frozenset(("by", "after", "before", "while", "through", "without", "in", "upon"))


_STATE_SECTORS = frozenset(("GOV", "SEC", "JUD", "MIL"))
# what a state does to bodies of its own (curbs, and easing them)
_DOMESTIC_TYPES = frozenset(("COERCE", "RETREAT", "CONCEDE"))


def _domestic_unknown(si: SentenceInput, objects: list[Any], source: _Side) -> _Side | None:
    """The source's own country when one of a verb's ``objects`` holds an unresolved name
    whose country guess is the source's, and the source is a state body; else None."""
    actor = source.mention.actor
    if (
        actor is None
        or actor.kind not in ("country", "group", "person")
        or actor.sector not in _STATE_SECTORS
    ):
        return None
    inside = {t.i for obj in objects for t in obj.subtree}
    if any(m.actor is None and m.guess == actor.country and m.head in inside for m in si.mentions):
        return _home_country(source)
    return None


def _doers(at: dict[int, TokenMention], noun: Any) -> list[_Side]:
    """The actors a nominal event names as its doers: its possessor or demonym ("the
    opposition's rally"), a "by" phrase, or the agent of a participle on it ("staged by
    students")."""
    found: list[_Side] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound") and child.i < noun.i:
            found += [_Side(m, True) for m in _actors_of(at, child)]
        elif child.dep_ == "prep" and child.lower_ == "by":
            found += [_Side(m, True) for m in _actors_of(at, _child(child, ("pobj",)))]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            found += _agent(at, child)
    return found


def _among(targets: list[_Side], sources: list[_Side]) -> bool:
    """Are all ``targets`` of the countries of ``sources``?"""
    countries = {s.mention.actor.country for s in sources if s.mention.actor is not None}
    return all(
        t.mention.actor is not None and t.mention.actor.country in countries for t in targets
    )


def _means_gerund(tok: Any) -> bool:
    """Is ``tok`` a gerund after "by", "after", "while" ... on a verb ("continued its efforts
    by donating supplies", "retaliated after expelling diplomats")?"""
    prep = tok.head
    return (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in _GERUND_PREPS
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _main_clause_misparsed(verb: Any) -> bool:
    """An ``acl`` verb that is really the main verb: it hangs on the root noun, has no
    agent, and is finite (past tense with an object, or present tense)."""
    head = verb.head
    if head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") or head.i > verb.i:
        return False
    if any(c.dep_ == "agent" for c in verb.children) or any(
        c.dep_ == "punct" and c.i == verb.i - 1 for c in head.children
    ):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ in ("dobj", "prt") for c in verb.children)


def _stray_agent(lexicon: Lexicon, at: dict[int, TokenMention], verb: Any) -> list[_Side]:
    """A passive's agent the parser hung on the verb's prepositional object ("was accused of
    corruption by Haitian officials"), unless that object is an event of its own whose doer
    the "by" names ("accused of the killing by rebels")."""
    for prep in verb.children:
        pobj = _child(prep, ("pobj",)) if prep.dep_ == "prep" else None
        if pobj is None or pobj.pos_ != "NOUN" or _lookup_noun(lexicon, pobj) is not None:
            continue
        by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            return [_Side(m, True) for m in _actors_of(at, _child(by, ("pobj",)))]
    return []


def _agent(at: dict[int, TokenMention], verb: Any) -> list[_Side]:
    for child in verb.children:
        if child.dep_ == "agent":
            return [_Side(m, True) for m in _actors_of(at, _child(child, ("pobj",)))]
    return []


def _targets(
    si: SentenceInput,
    lexicon: Lexicon,
    at: dict[int, TokenMention],
    verb: Any,
    trigger: Trigger | None,
    particle: Any,
) -> list[_Side]:
    # 1. direct object, dative
    for child in verb.children:
        if child.dep_ in _OBJ:
            found = _actors_of(at, child)
            if found:
                return [_Side(m, True) for m in found]
    # 2. a prepositional object the trigger allows (on the verb, its particle, or its object)
    preps = trigger.target_preps if trigger and trigger.target_preps else _DEFAULT_TARGET_PREPS
    holders = [verb] + [c for c in verb.children if c.dep_ in (*_OBJ, "prt")]
    if particle is not None and particle.dep_ == "prep":
        found = _actors_of(at, _child(particle, ("pobj",)))
        if found:
            return [_Side(m, True) for m in found]
    # a trigger's own prepositions in the order it lists them: "complained to the UN over
    # Israeli raids" is a complaint about Israel made to the UN
    ranked = sorted(
        (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps),
        key=lambda c: (preps.index(c.lower_) if trigger and trigger.target_preps else 0, c.i),
    )
    for child in ranked:
        pobj = _child(child, ("pobj",))
        if pobj is None:
            pobj = _stranded_object(at, child)
        found = _actors_of(at, pobj)
        if found:
            return [_Side(m, True) for m in found]
    # 3. another actor inside the trigger's own clause (not the subject's or agent's phrase)
    friendly = trigger is not None and lexicon.score(trigger)[0] in (1, 2)
    excluded = {t.i for c in verb.children if c.dep_ in (*_SUBJ, "agent") for t in c.subtree}
    for tok in verb.subtree:
        if tok.i in at and tok.i not in excluded and tok.i != verb.i:
            if at[tok.i].method == "pronoun" or _locative(tok, verb):
                continue
            if _under_prep(tok, verb, "according"):
                continue
            if friendly and _under_prep(tok, verb, "against"):
                continue  # "defended Minsk against Russian claims": not whom it supports
            if _in_other_clause(tok, verb):
                continue
            return [_Side(at[tok.i], False)]
    return []


def _under_prep(tok: Any, verb: Any, word: str) -> bool:
    """Is ``tok`` inside a ``word`` phrase of the clause of ``verb``? ("according to ...":
    who tells, not whom the act is aimed at; "against ...": an opponent)"""
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ == word:
            return True
        node = node.head
    return False


def _stranded_object(at: dict[int, TokenMention], prep: Any) -> Any:
    """The object of a preposition the parser left without one, because it took the noun
    for the subject of a following participle ("granted asylum to five officers holed up in
    the embassy"): the actor starting within a few words after the preposition, with no verb
    between."""
    if any(True for _ in prep.children):
        return None
    doc = prep.doc
    for i in range(prep.i + 1, min(prep.i + 6, len(doc))):
        if doc[i].pos_ in ("VERB", "AUX", "PUNCT"):
            return None
        if i in at:
            return doc[at[i].head]
    return None


_CLAUSES = frozenset(("conj", "advcl", "relcl", "parataxis", "acl", "csubj"))


def _in_other_clause(tok: Any, verb: Any, *, participles: bool = False) -> bool:
    """Is ``tok`` inside a clause of its own below ``verb`` (a coordinated verb, an adverbial
    or relative clause)? Then it belongs to that clause's event, not this one. With
    ``participles``, a subjectless participle describing a noun does not count as one."""
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if participles and _placing_participle(node):
            node = node.head
            continue
        if node.dep_ in _CLAUSES and node.pos_ in ("VERB", "AUX"):
            purpose = node.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            )
            if not purpose:  # "sent troops to support Moscow": the purpose names the target
                return True
        node = node.head
    return False


def _locative(tok: Any, verb: Any = None) -> bool:
    """Is the actor only a place here: inside a locative phrase ("in Minsk", "on the
    outskirts of Minsk", "at a summit in Sochi") between it and the verb?"""
    child, head = tok, tok.head
    while verb is not None and head.i != verb.i and head.head.i != head.i:
        if head.dep_ == "prep" and head.lower_ in _LOCATIVE_PREPS and _is_place(child, tok):
            return True
        child, head = head, head.head
    head = tok.head
    return head.dep_ == "prep" and head.lower_ in _LOCATIVE_PREPS


def _is_place(pobj: Any, actor_tok: Any) -> bool:
    """Is the object of a locative preposition a place ("in Minsk", "on the outskirts of
    Minsk", "in Gorgan") rather than an activity ("in its war with Iraq")?"""
    if pobj.i == actor_tok.i:
        return True
    return (
        pobj.lemma_.lower() in _PLACE_NOUNS
        or pobj.lower_ in _PLACE_NOUNS
        or pobj.ent_type_ in ("GPE", "LOC", "FAC")
    )


_LOCATIVE_PREPS = frozenset(
    (
        "in",
        "at",
        "outside",
        "near",
        "inside",
        "around",
        "across",
        "throughout",
        "within",
        "between",
        "from",
        "on",
        "outside of",
        "over",
    )
)


def _build(
    si: SentenceInput,
    lexicon: Lexicon,
    at: dict[int, TokenMention],
    tok: Any,
    trigger: Trigger,
    rule: str,
    sources: list[_Side],
    targets: list[_Side],
    content: Any = None,
    partnered: bool = False,
) -> list[Event]:
    # a city tells where, it does not act ("clashes in Kharkiv"; "Kharkiv was shelled" names
    # the country it was done to, as event coders code it)
    sources = [
        s
        for s in sources
        if s.mention.actor is not None
        and not (s.mention.method == "place" and s.mention.actor.kind == "country")
    ]
    partners = {s.mention.actor.country for s in sources if s.mention.actor is not None}
    exercise = trigger.type == "MOBILIZE" and trigger.cameo == "152"
    if exercise and len(partners) > 1 and not partnered:
        # "French and Egyptian warships launched war games": states exercising together
        # cooperate militarily with each other; a show of force near a third state ("near the
        # Polish border") is that state's MOBILIZE as well
        together = dataclasses.replace(
            trigger, type="COOPERATE", mode="military", cameo="062", intensity=None,
            symmetric=True, senses=(),
        )  # fmt: skip
        joint = _build(si, lexicon, at, tok, together, rule + " joint-exercise", sources, [])
        return joint + _build(si, lexicon, at, tok, trigger, rule, sources, targets, content, True)
    if (tok.pos_ == "NOUN" and _undone(tok)) or (
        tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and _undone(tok.head)
    ):
        # "postponed the protest", "prevented the demonstration staged by students": it did
        # not happen (stored, not realised)
        rule += " undone"
    pairs: list[tuple[_Side, _Side, str]] = []
    if trigger.mode == "investigate" and (culprits := _perpetrators(at, tok, sources)):
        # "Croatia is investigating crimes by Croatian extremists against Serb civilians": an
        # inquiry is aimed at whoever is said to have done it, not at the victims
        targets, rule = culprits, rule + " perpetrator"
    if not targets and trigger.type == "THREATEN":
        # "Belarus threatens to take the oil if Russia does not supply it": the threat is
        # aimed at whoever the condition binds
        targets = _condition_subjects(at, tok, sources)
        rule = rule + " condition-target" if targets else rule
        where = _location_target(at, content) if not targets and content is not None else None
        if where is not None and where.mention.actor is not None:
            # "Hamas threatened to resume attacks in Israel": a threatened act is aimed at
            # where it would be done, as a done one is (below)
            targets = [where]
            rule += " location-target"
    if not targets and content is not None and _material(lexicon, content):
        where = _location_target(at, content)
        if where is not None and where.mention.actor is not None:
            # "France is ready to contribute troops to a force in Liberia": the promised (or
            # refused) material act is aimed where it would be done
            targets = [where]
            rule += " location-target"
    mutual = (
        not partnered
        and (
            trigger.symmetric
            or trigger.type in _RECIPROCAL_TYPES
            # "Russia and Belarus began a joint exercise": partners in a joint act cooperate with
            # each other; a joint show of force is not conflict between them
            or (_joint(tok) and lexicon.score(trigger)[0] <= 2)
        )
        and len({s.mention.actor.id for s in sources if s.mention.actor}) >= 2
    )
    if mutual and targets and _among(targets, sources):
        # "Palestinians and Israelis reached agreement on the fate of Palestinian offices":
        # what one of the parties owns is the topic, the parties are each other's targets
        targets = []
    if targets:
        pairs = [(s, t, rule) for s in sources for t in targets]
    elif mutual:
        pairs = [(a, b, rule + " reciprocal") for a in sources for b in sources if a is not b]
    elif sources and _may_imply_target(si, at, tok, trigger, sources[0]):
        implicit = _implicit_target(si, sources[0].mention.actor)
        if implicit is not None:
            pairs = [(sources[0], implicit, rule + " implicit-target")]
    doer = tok if tok.pos_ == "VERB" else _light_verb(tok) if tok.pos_ == "NOUN" else None
    if not pairs and sources and doer is not None and _acts_on_place(lexicon, trigger):
        # "Palestinian prisoners rioted at a jail in northern Israel", "suspended aid
        # deliveries in Baghdad", "imposed a curfew in Cizre": a material act with no one
        # named on the receiving end is done to the country where it happens (the
        # convention of CAMEO and PLOVER coders)
        where = _location_target(at, doer)
        partners = {s.mention.actor.country for s in sources if s.mention.actor is not None}
        # partners acting together on one partner's soil do not act on that partner
        # ("Russia and Belarus began a joint exercise near Grodno")
        if (
            where is not None
            and where.mention.actor is not None
            and not (len(partners) > 1 and where.mention.actor.country in partners)
        ):
            pairs = [(s, where, rule + " location-target") for s in sources]
    acted = tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and _light_verb(tok) is not None)
    if not pairs and sources and trigger.type in ("PROTEST", "THREATEN") and acted:
        # "Egyptian demonstrators rioted", "opposition parties in Nepal called a general
        # strike": a protest by a country's own people with no one named on the receiving
        # end is aimed at that country's government (the convention of event coders); so is
        # a threat ("ethnic Albanians have sworn to fight")
        home = _home_government(sources[0])
        if home is not None:
            pairs = [(sources[0], home, rule + " home-government")]
    moved = acted or content is not None
    if not pairs and sources and moved and _domestic_measure(lexicon, trigger, content):
        # "Sudan's government lifted a state of emergency", "Iraq is prepared to impose
        # martial law": curfews, emergency rule and martial law are imposed on (or lifted
        # from) one's own country
        home = _home_country(sources[0])
        if home is not None:
            pairs = [(sources[0], home, rule + " home-country")]
    targetless: list[_Side] = []
    light = tok.pos_ == "NOUN" and _light_verb(tok) is not None
    if not pairs and sources and (tok.pos_ in ("VERB", "ADJ") or light):
        # "Russia mobilised its reserves", "Ugandan rebels surrendered": an event with no
        # one on the receiving end is still an event; it counts for its source, in no dyad
        targetless = sources
    if not pairs and not targetless:
        return []
    quad, intensity, cameo, mode = lexicon.score(trigger)
    anchor = tok if tok.pos_ in ("VERB", "AUX", "ADJ") else _governing_verb(tok)
    negated, modality, attribution = _modality(si.sent, anchor or tok, lexicon, content)
    negated = negated or " undone" in rule
    when, precision = date_of_sentence(
        si.sent.text, si.reference_date, lower_bound=si.reference_is_bound
    )
    if when is None and si.reference_date is not None and not si.reference_is_bound:
        when, precision = si.reference_date, DatePrecision.DAY
    out = []
    # (source, target or None, confidence, why) for every event this trigger gives
    coded: list[tuple[_Side, _Side | None, float, str]] = [
        (s, None, 0.5 if s.direct else 0.35, rule + " no-target") for s in targetless
    ]
    for s, t, why in pairs:
        sa, ta = s.mention.actor, t.mention.actor
        domestic = ("location-target", "home-government", "home-country", "domestic-unknown")
        if any(k in why for k in domestic) and sa and ta:
            # "Turkish authorities imposed a curfew in southeastern Turkey": a domestic act
            coded.append((s, t, 0.4, why))
            continue
        if sa is not None and ta is not None and sa.id == ta.id and not targetless:
            # "Mexico's president defended Mexico's policy": an act on oneself has no target
            coded.append((s, None, 0.5, why + " self"))
            continue
        if sa is None or ta is None or sa.id == ta.id:
            continue
        confidence = 0.35 if "implicit" in why else 0.8 if (s.direct and t.direct) else 0.5
        coded.append((s, t, confidence, why))
    for src, tgt, confidence, why in coded:
        if src.mention.actor is None:
            continue
        out.append(
            Event(
                article_id=si.article_id,
                sentence_index=si.sentence_index,
                trigger=tok.text,
                trigger_start=si.offset + tok.idx,
                trigger_end=si.offset + tok.idx + len(tok.text),
                source=_side(si, src.mention, src.mention.actor),
                target=_side(si, tgt.mention, tgt.mention.actor)
                if tgt is not None and tgt.mention.actor is not None
                else None,
                event_type=trigger.type,
                mode=mode,
                quad_class=quad,
                intensity=intensity,
                cameo=cameo,
                event_date=when,
                date_precision=precision,
                negated=negated,
                modality=modality,
                attribution=attribution,
                confidence=confidence,
                rule=why,
            )
        )
    return out


def _perpetrators(at: dict[int, TokenMention], tok: Any, sources: list[_Side]) -> list[_Side]:
    """Actors named as the doers ("by Croat forces") of what ``tok`` investigates."""
    own = {s.mention.start for s in sources}
    subj = _child(tok, _SUBJ)
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    for t in tok.subtree:
        if t.i in skip or t.head.i == tok.i:
            continue  # the subject's phrase; "was investigated by": the inquiry's own agent
        if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by"):
            found = [m for m in _actors_of(at, _child(t, ("pobj",))) if m.start not in own]
            if found:
                return [_Side(m, True) for m in found]
    return []


_NON_STATE = frozenset(("OPP", "CVL", "REB", "MED", "EDU", "NGO", "BUS", "LEG", "JUD"))


def _home_government(source: _Side) -> _Side | None:
    """The government of a non-state group's own country (the target of its protests)."""
    actor = source.mention.actor
    if actor is None or actor.kind != "group" or actor.sector not in _NON_STATE:
        return None
    return _home_country(source)


# curfews (0813, 1723), emergency rule and martial law (0814, 1724)
_DOMESTIC_CAMEOS = frozenset(("0813", "0814", "1723", "1724"))


def _domestic_measure(lexicon: Lexicon, trigger: Trigger, content: Any) -> bool:
    """Is the act (or the act a control verb wraps) a curfew, emergency rule or martial law?"""
    if trigger.cameo in _DOMESTIC_CAMEOS:
        return True
    if content is None or content.pos_ != "VERB":
        return False
    inner, _ = _lookup_verb(lexicon, content)
    return inner is not None and inner.cameo in _DOMESTIC_CAMEOS


def _material(lexicon: Lexicon, verb: Any) -> bool:
    """Is ``verb`` a trigger of a material act (quad class 2 or 4)?"""
    if verb.pos_ != "VERB":
        return False
    inner, _ = _lookup_verb(lexicon, verb)
    return inner is not None and lexicon.score(inner)[0] in (2, 4)


def _home_country(source: _Side) -> _Side | None:
    """The source's own country, as an implicit target."""
    actor = source.mention.actor
    if actor is None or actor.kind == "igo" or not actor.country:
        return None
    home = Actor(id=actor.country, name=actor.country, kind="country", country=actor.country,
                 sector="GOV")  # fmt: skip
    return _Side(TokenMention(start=-1, end=-1, head=-1, actor=home, method="implicit"), False)


_JOINT = frozenset({"joint", "jointly", "bilateral", "mutual", "together", "common"})
_CONDITION_MARKS = frozenset({"if", "unless"})


def _joint(tok: Any) -> bool:
    """ "Russia and Belarus begin a joint exercise": coordinated actors acting on each other."""
    for t in (tok, *tok.children):
        if t.lower_ in _JOINT or any(c.lower_ in _JOINT for c in t.children):
            return True
    return False


def _condition_clause(clause: Any) -> bool:
    """Is ``clause`` an if/unless clause ("... if Kyiv does not pay")?"""
    return clause.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in clause.children
    )


def _condition_subjects(at: dict[int, TokenMention], tok: Any, sources: list[_Side]) -> list[_Side]:
    """Actors that are subjects of an if/unless clause hanging off the trigger or its
    complement ("threatens to cut the gas if Kyiv does not pay")."""
    own = {s.mention.actor.id for s in sources if s.mention.actor is not None}
    found: list[_Side] = []
    for node in (tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))):
        for clause in node.children:
            if not _condition_clause(clause):
                continue
            for m in _actors_of(at, _child(clause, _SUBJ)):
                if m.actor is not None and m.actor.id not in own:
                    found.append(_Side(m, False))
    return found


_PLACE_PREPS = frozenset(
    ("in", "at", "near", "outside", "inside", "across", "throughout", "within")
)


def _acts_on_place(lexicon: Lexicon, trigger: Trigger) -> bool:
    """Material acts (quad 2 and 4) and protests are done to where they happen; words
    (statements, accusations, appeals) are not aimed at the place they are spoken in."""
    return trigger.type == "PROTEST" or lexicon.score(trigger)[0] in (2, 4)


def _location_target(at: dict[int, TokenMention], verb: Any) -> _Side | None:
    """The country named in a locative phrase of the verb ("in Baghdad", "at a jail in
    northern Israel"), outside the subject and other clauses."""
    holders = [verb, *(c for c in verb.children if c.dep_ in _OBJ)]  # "deliveries in Baghdad"
    # "blew up power lines leading into Kabul": a participle describing the object places it
    holders += [c for h in holders[1:] for c in h.children if _placing_participle(c)]
    for prep in (c for h in holders for c in h.children):
        # "delivered medicine to a hospital in Lviv": the place reached counts too
        if prep.dep_ != "prep" or prep.lower_ not in (*_PLACE_PREPS, "to", "into"):
            continue
        for tok in prep.subtree:
            m = at.get(tok.i)
            if m is None or m.actor is None or m.actor.kind != "country":
                continue
            if _in_other_clause(tok, verb, participles=True):
                continue
            return _Side(m, False)
    return None


def _placing_participle(tok: Any) -> bool:
    """A subjectless participle describing a noun ("refugees fleeing the war in Liberia",
    "lines leading into Kabul", "troops stationed in Gorazde"): it says where the noun's
    referent is, not a separate event."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in _SUBJ for c in tok.children)
    )


def _governing_verb(tok: Any) -> Any:
    """The verb a nominal trigger is an argument of ("will reconsider the agreements")."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"})


def _may_imply_target(
    si: SentenceInput, at: dict[int, TokenMention], tok: Any, trigger: Trigger, source: _Side
) -> bool:
    """An unsaid target may be the article's main counterpart only for a verbal verb event whose
    source is named, when the clause names nobody else (no unknown name either)."""
    if trigger.type not in _IMPLICIT_TYPES or tok.pos_ not in ("VERB", "ADJ"):
        return False
    if source.mention.method in ("pronoun", "implicit"):
        return False
    subj = _child(tok, _SUBJ)
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    for t in tok.subtree:
        if t.i in skip or t.i == tok.i:
            continue
        if t.ent_type_ in _NAMED or (t.i in at and at[t.i] is not source.mention):
            return False
    return True


def _implicit_target(si: SentenceInput, source: Actor | None) -> _Side | None:
    """The article's main counterpart, when the sentence leaves the target unsaid."""
    if source is None:
        return None
    for code in si.salient:
        if code != source.country:
            m = TokenMention(
                start=-1, end=-1, head=-1, actor=_salient_actor(si, code), method="implicit"
            )
            return _Side(m, False) if m.actor is not None else None
    return None


def _salient_actor(si: SentenceInput, code: str) -> Actor | None:
    for m in si.mentions:
        if m.actor is not None and m.actor.id == code:
            return m.actor
    return Actor(id=code, name=code, kind="country", country=code, sector="GOV")


def _side(si: SentenceInput, m: TokenMention, actor: Actor) -> EventActor:
    text = si.sent[m.start : m.end].text if m.start >= 0 else ""
    return EventActor(
        actor_id=actor.id, name=actor.name, country=actor.country, sector=actor.sector, text=text
    )


def _chain(tok: Any) -> list[Any]:
    """The trigger and the verbs that govern it through control and coordination."""
    chain = [tok]
    while (
        (tok.dep_ in ("xcomp", "conj", "ccomp") or _purpose(tok))
        and tok.head.i != tok.i
        and len(chain) < 6
    ):
        if tok.dep_ == "ccomp" and not _is_that_less_modal_head(tok.head):
            break
        if tok.dep_ == "conj" and any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in tok.children
        ):
            break  # "... and did not support Moscow": a clause of its own
        tok = tok.head
        chain.append(tok)
    return chain


def _purpose(tok: Any) -> bool:
    """ "is considering sending aid to help North Korea": a purpose clause happens only if
    the act it serves does."""
    return (
        tok.dep_ == "advcl"
        and tok.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _habitual_present(verb: Any) -> bool:
    """Present simple with a "during ..." or "whenever ..." frame: what happens each time."""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "during":
            return True
        if child.dep_ == "advcl" and any(
            m.lower_ in ("whenever", "when") for m in child.children if m.dep_ in ("mark", "advmod")
        ):
            return True
    return False


def _negative_subject(subject: Any) -> bool:
    if subject.lower_ in ("nobody", "none", "nothing", "neither", "noone"):
        return True
    return any(
        (c.dep_ == "preconj" and c.lower_ == "neither") or (c.dep_ == "det" and c.lower_ == "no")
        for c in subject.children
    )


def _is_that_less_modal_head(tok: Any) -> bool:
    return tok.lemma_.lower() in ("seem", "appear")


def _modality(
    sent: Any, tok: Any, lexicon: Lexicon, content: Any
) -> tuple[bool, Modality, str | None]:
    chain = _chain(content) if content is not None else _chain(tok)
    if content is not None and tok not in chain:
        chain.append(tok)
    markers = lexicon.modal_markers
    negations = 0
    modality = Modality.ASSERTED
    top = chain[-1]
    # "the U.S. said it would not meet the demands": "would" in reported speech is the future
    # seen from the past, not a hypothesis (unless an if-clause makes it one)
    backshifted = (
        top.dep_ == "ccomp"
        and top.head.lemma_.lower() in lexicon.reporting_verbs
        and not any(_condition_clause(c) for v in chain for c in v.children)
    )
    for i, verb in enumerate(chain):
        control = lexicon.control.get(verb.lemma_.lower())
        # a control verb coded as an event of its own ("failed to reach agreement" as a
        # rejection) does not negate itself
        if control is not None and control.negate and not (verb.i == tok.i and content is not None):
            negations += 1
        if control is not None and control.modality and verb.i != tok.i:
            modality = _stronger(modality, _as_modality(control.modality))
        if verb.lemma_.lower() in _HEAD_MODALS and verb.i != tok.i and i > 0:
            modality = _stronger(modality, _HEAD_MODALS[verb.lemma_.lower()])
        if verb.lemma_.lower() == "go" and verb.tag_ == "VBG" and i > 0:  # "is going to supply"
            modality = _stronger(modality, Modality.FUTURE)
        adjective = next((c for c in verb.children if c.dep_ == "acomp"), None)
        if adjective is not None and i > 0:  # "is likely to", "is ready to"
            held = lexicon.control_adjectives.get(adjective.lower_)
            if held is not None and held.modality:
                modality = _stronger(modality, _as_modality(held.modality))
        if _habitual_present(verb):
            modality = _stronger(modality, Modality.HABITUAL)
        for child in verb.children:
            low = child.lower_
            negation = child.dep_ == "neg" or (child.dep_ == "advmod" and low == "never")
            if child.dep_ in ("nsubj", "nsubjpass") and _negative_subject(child):
                negation = True  # "neither Russia nor Belarus is eager", "no country agreed"
            if negation and not (verb.dep_ == "conj" and i > 0):
                negations += 1
            if child.dep_ in ("aux", "auxpass"):
                if backshifted and low in ("would", "'d"):
                    modality = _stronger(modality, Modality.FUTURE)
                else:
                    modality = _stronger(modality, _marker_modality(low, markers))
            if child.dep_ == "advmod" and low in markers.get("habitual", ()):
                modality = _stronger(modality, Modality.HABITUAL)
            if child.dep_ == "advcl" and child.i != tok.i:
                continue
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                modality = _stronger(modality, Modality.HYPOTHETICAL)
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children
        ):
            modality = _stronger(modality, Modality.HYPOTHETICAL)
    if sent.text.rstrip().endswith("?"):
        modality = _stronger(modality, Modality.HYPOTHETICAL)
    if _wanted(chain[-1]):
        modality = _stronger(modality, Modality.HYPOTHETICAL)
    attribution = _attribution(chain[-1], lexicon)
    if attribution is not None and modality == Modality.ASSERTED:
        modality = Modality.REPORTED
    return negations % 2 == 1, modality, attribution


_RANK = {
    Modality.ASSERTED: 0,
    Modality.REPORTED: 1,
    Modality.HABITUAL: 2,
    Modality.FUTURE: 3,
    Modality.HYPOTHETICAL: 4,
}


# verbs whose clausal complement is wanted, not done: "demanded that Hamas renounce ..."
_IRREALIS_HEADS = frozenset(
    (
        "demand", "urge", "ask", "request", "call", "want", "wish", "hope", "insist",
        "propose", "suggest", "recommend", "appeal", "press", "push", "seek", "plead",
    )
)  # fmt: skip


def _wanted(top: Any) -> bool:
    """Is the clause of ``top`` the complement of a verb of demanding or wishing?"""
    node = top
    for _ in range(3):
        if node.dep_ in ("acl", "advcl") and node.head.pos_ == "NOUN":
            # "its demand that Israel ease restrictions", "a call for Belarus to release"
            return node.head.lemma_.lower() in _IRREALIS_NOUNS
        if node.dep_ not in ("ccomp", "xcomp") or node.head.i == node.i:
            return False
        if any(node in _stray_clauses(c) for c in node.head.children):
            return True  # "reiterated its demand today that Israel ease restrictions"
        node = node.head
        if node.lemma_.lower() in _IRREALIS_HEADS:
            return True
    return False


def _stray_clauses(noun: Any) -> tuple[Any, ...]:
    """The that-clause of a noun of demanding that the parser hung on the noun's verb
    ("reiterated its demand today that Israel ease restrictions")."""
    if noun.dep_ not in _OBJ or noun.lemma_.lower() not in _IRREALIS_NOUNS:
        return ()
    return tuple(
        c
        for c in noun.head.children
        if c.dep_ == "ccomp"
        and c.left_edge.i > noun.right_edge.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    )


_IRREALIS_NOUNS = frozenset(
    ("demand", "call", "appeal", "request", "plea", "proposal", "ultimatum", "insistence",
     "wish", "urging", "order", "condition", "requirement")
)  # fmt: skip


def _stronger(a: Modality, b: Modality | None) -> Modality:
    if b is None:
        return a
    return b if _RANK[b] > _RANK[a] else a


def _as_modality(value: str) -> Modality | None:
    try:
        return Modality(value)
    except ValueError:
        return None


def _marker_modality(word: str, markers: dict[str, frozenset[str]] | Any) -> Modality | None:
    for name in ("hypothetical", "future"):
        if word in markers.get(name, ()):
            return Modality(name)
    if word in ("'ll",):
        return Modality.FUTURE
    if word in ("'d",):
        return Modality.HYPOTHETICAL
    return None


def _attribution(top: Any, lexicon: Lexicon) -> str | None:
    """Who the sentence says the event comes from: reporting verbs and "according to"."""
    for tok in top.subtree if top.dep_ == "ROOT" else top.head.subtree:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            obj = _child(_child(tok, ("prep",)) or tok, ("pobj",))
            if obj is not None:
                return " ".join(t.text for t in obj.subtree)
    head = top
    for _ in range(4):
        if head.dep_ not in ("ccomp", "conj", "xcomp") or head.head.i == head.i:
            break
        parent = head.head
        if head.dep_ == "ccomp" and parent.lemma_.lower() in lexicon.reporting_verbs:
            subj = _child(parent, ("nsubj", "nsubjpass"))
            return " ".join(t.text for t in subj.subtree) if subj is not None else parent.text
        head = parent
    return None


def iter_events(inputs: Iterable[SentenceInput], lexicon: Lexicon) -> Iterable[Event]:
    for si in inputs:
        yield from code_sentence(si, lexicon)
