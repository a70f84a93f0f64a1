"""Find actor mentions in parsed sentences and resolve them to actors.

Resolution cascade for a sentence (#2, #3):
  1. dictionary names: countries, IGOs, people, organisations (longest match wins);
  2. demonyms and possessive countries heading an agent noun ("Belarusian authorities",
     "Russia's Defence Ministry") -> the country's sector group (BLR.GOV, RUS.MIL);
  3. plural demonyms as nouns ("32 Russians") -> the country's civilians (RUS.CVL);
  4. capitals and seats of power (Minsk, the Kremlin) -> the government, unless they only
     modify a non-agent noun ("the Minsk agreements") or sit inside a longer organisation name;
  5. role titles with a country ("the Belarusian president") -> the office holder on the
     article's date, else the country's government;
  6. context aliases ("KGB", "OMON") -> the organisation whose country the sentence names;
  7. surname-only and pronoun second mentions -> an actor named earlier in the article;
  8. whatever NER finds that is still unnamed -> an unresolved mention, kept for the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.actorbook import ActorBook, Alias
from detente.model import Actor, Mention
from detente.stages.nlp import Nlp

_UNRESOLVED_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_CONTAINER_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_STATE_PRONOUNS = {"it"}
_GROUP_PRONOUNS = {"they"}


@dataclass(frozen=True, slots=True)
class ActorMatcher:
    """A phrase matcher over every alias, built once per (model, actor book)."""

    matcher: Any  # spacy.matcher.PhraseMatcher
    keys: dict[int, str]
    book: ActorBook
    places: Any = None  # a PhraseMatcher over the book's places (cities), match id -> text


def load_actor_matcher(nlp: Nlp, book: ActorBook) -> ActorMatcher:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.language.vocab, attr="ORTH")
    keys: dict[int, str] = {}
    texts = sorted(book.aliases)
    docs = list(nlp.language.tokenizer.pipe(texts))
    typos: dict[str, list[Any]] = {}  # alias -> its misspellings, tokenized in one pass
    slips = [(text, v) for text, variants in _country_typos(nlp, book).items() for v in variants]
    for (text, _), doc in zip(slips, nlp.language.tokenizer.pipe(v for _, v in slips), strict=True):
        if len(doc) == 1:
            typos.setdefault(text, []).append(doc)
    for text, doc in zip(texts, docs, strict=True):
        key = nlp.language.vocab.strings.add("A:" + text)
        keys[key] = text
        matcher.add("A:" + text, [doc, *typos.get(text, ())])
    places = PhraseMatcher(nlp.language.vocab, attr="ORTH")
    names = sorted(book.places)
    for text, doc in zip(names, nlp.language.tokenizer.pipe(names), strict=True):
        keys[nlp.language.vocab.strings.add("P:" + text)] = text
        places.add("P:" + text, [doc])
    return ActorMatcher(matcher=matcher, keys=keys, book=book, places=places)


_TYPO_MIN = 7  # letters: shorter names are too close to other names and words ("Iran", "Iraq")


def _country_typos(nlp: Nlp, book: ActorBook) -> dict[str, list[str]]:
    """Misspellings of country names and demonyms that news copy often has ("Afganistan",
    "Ethopia", "Phillippines", "Isreali"): one letter dropped, doubled or swapped with the
    next (never the first), for one-word names of at least ``_TYPO_MIN`` letters. A variant
    that is another alias or an English word ("Hungry") is left out; the match resolves as
    the name it misspells."""
    words = _english_words(nlp)
    taken = {a.lower() for a in book.aliases}
    owners: dict[str, set[str]] = {}  # variant -> the aliases it could misspell
    for text, aliases in book.aliases.items():
        if len(text) < _TYPO_MIN or not text.isalpha() or not text[0].isupper():
            continue
        if not any(
            a.method in ("name", "demonym")
            and not a.ambiguous
            and (actor := book.actors.get(a.actor_id)) is not None
            and actor.kind == "country"
            for a in aliases
        ):
            continue
        for v in _one_slip(text):
            if v.lower() not in taken and v.lower() not in words:
                owners.setdefault(v, set()).add(text)
    out: dict[str, list[str]] = {}
    for variant, texts in sorted(owners.items()):
        if len(texts) == 1:  # a slip two names could have made is left unread
            out.setdefault(next(iter(texts)), []).append(variant)
    return out


def _one_slip(text: str) -> set[str]:
    """``text`` with one letter (after the first) dropped, doubled or swapped with the next."""
    out = set()
    for i in range(1, len(text)):
        out.add(text[:i] + text[i + 1 :])
        out.add(text[:i] + text[i] + text[i:])
        if i + 1 < len(text):
            out.add(text[:i] + text[i + 1] + text[i] + text[i + 2 :])
    return out


def _english_words(nlp: Nlp) -> frozenset[str]:
    """The English words the model's lemmatizer knows (its WordNet lemma index)."""
    try:
        lookups = nlp.language.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(w for forms in index.values() for w in forms)


def has_actor(am: ActorMatcher, doc: Any) -> bool:
    """Cheap test used to choose which sentences to parse."""
    return bool(am.matcher(doc))


@dataclass(slots=True)
class ArticleContext:
    """What earlier sentences of the same article said, for second mentions."""

    when: date | None = None
    last_person: str | None = None
    last_state: str | None = None
    last_group: Actor | None = None  # the latest group, organisation or state: "they"
    surnames: dict[str, str] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)  # persons named so far, most recent last


@dataclass(frozen=True, slots=True)
class TokenMention:
    """A mention inside one parsed sentence, with token indices for the event coder."""

    start: int  # token index
    end: int  # token index, exclusive
    head: int  # token index of the syntactic head
    actor: Actor | None
    method: str
    guess: str | None = None  # unresolved names: the country the context points to


def resolve_sentence(am: ActorMatcher, sent: Any, ctx: ArticleContext) -> list[TokenMention]:
    """Mentions of one parsed sentence (a spaCy Doc), in token order."""
    book = am.book
    taken: set[int] = set()
    found: list[TokenMention] = []

    def add(start: int, end: int, actor: Actor | None, method: str) -> None:
        if any(i in taken for i in range(start, end)):
            return
        taken.update(range(start, end))
        head = _span_head(sent, start, end)
        found.append(TokenMention(start=start, end=end, head=head, actor=actor, method=method))

    matches = _dictionary_matches(am, sent)
    ethnic = [m for m in matches if _ethnic(sent, m[0], m[2])]
    matches = [m for m in matches if m not in ethnic]
    attributes: list[tuple[int, int, Actor]] = []
    sentence_countries = {
        book.actors[a.actor_id].country
        for _, _, alias in matches
        for a in alias
        if a.method in ("name", "capital", "seat", "demonym")
        and not a.ambiguous
        and a.actor_id in book.actors
    }
    # 2-3. demonyms and possessive countries with agent nouns first: they are the longer phrase
    for start, end, aliases in matches:
        group = _group_phrase(book, sent, start, end, aliases)
        if group is not None:
            add(*group)
    for start, end, aliases in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        picked = _pick(book, sent, start, end, aliases, sentence_countries, ctx)
        if picked is not None:
            add(start, end, *picked)
        elif (owner := _attribute(book, sent, start, end, aliases)) is not None:
            attributes.append((start, end, owner))
    for start, end, actor in _role_phrases(book, sent, ctx):
        add(start, end, actor, "role")
    for start, end, actor in _titled_surnames(book, sent, ctx, taken):
        add(start, end, actor, "title")
    for start, end, actor in _leaders_governments(book, sent, ctx, taken):
        add(start, end, actor, "leader")
    for start, end, actor in attributes:
        add(start, end, actor, "attribute")
    places = _places(am, sent)
    for start, end, actor in _domestic_agents(book, sent, taken, found, places):
        add(start, end, actor, "domestic")
    for ent in sent.ents:
        # an unknown person named by an office ("King Hassan of Morocco") before the pronouns,
        # which may point back to them ("... was quoted as saying he would ...")
        if ent.label_ != "PERSON" or ent.text in book.aliases:
            continue
        if any(i in taken or sent[i].text in ctx.surnames for i in range(ent.start, ent.end)):
            continue
        office = _office_of_unknown(book, sent, ent, found)
        if office is not None:
            add(ent.start, ent.end, office, "office")
    for tm in _second_mentions(book, sent, ctx, taken, list(found)):
        add(tm.start, tm.end, tm.actor, tm.method)
    for start, end, country in places:
        group = _group_in_place(book, sent, start, end, country, taken)
        if group is not None:
            add(*group)
        state = book.actors.get(country)
        if state is not None and state.kind == "country":
            add(start, end, state, "place")
    for start, end, _ in ethnic:
        add(max(0, start - 1), end, None, "ethnic")  # "ethnic Albanians": a people, not a state
    for ent in sent.ents:
        if ent.label_ not in _UNRESOLVED_LABELS or ent.text in book.aliases:
            continue  # a known name used as a modifier is not an unknown actor
        if not any(i in taken for i in range(ent.start, ent.end)):
            office = _office_of_unknown(book, sent, ent, found) if ent.label_ == "PERSON" else None
            named = (
                _organisation_of(book, sent, ent, matches, places) if ent.label_ == "ORG" else None
            )
            if office is not None:
                add(ent.start, ent.end, office, "office")
            elif named is not None:
                add(ent.start, ent.end, named, "organisation")
            else:
                add(ent.start, ent.end, None, "unresolved")
    found = [_with_guess(book, sent, m, found, ctx) if m.actor is None else m for m in found]
    found = [_ethnic_group(book, m, _aliases_of(ethnic, m)) for m in found]
    found = [_named_group(book, sent, m) if m.actor is None else m for m in found]
    found.sort(key=lambda m: m.start)
    _remember(ctx, sent, found)
    return found


def resolve_names(am: ActorMatcher, doc: Any, ctx: ArticleContext) -> list[TokenMention]:
    """Mentions of a sentence that was only tokenised (it holds no trigger word): the
    unambiguous names of people, organisations, states and seats of power. Nothing that needs
    the parse (demonym groups, capitals, roles, pronouns) is read; the article's memory of who
    was named is kept up to date for the sentences that follow."""
    found: list[TokenMention] = []
    for start, end, aliases in _dictionary_matches(am, doc):
        direct = [a for a in aliases if a.method in ("name", "seat") and not a.ambiguous]
        actor = am.book.actors.get(direct[0].actor_id) if direct else None
        if actor is not None:
            found.append(
                TokenMention(
                    start=start, end=end, head=end - 1, actor=actor, method=direct[0].method
                )
            )
    _remember(ctx, doc, found)
    return found


_DOMESTIC_SECTORS = frozenset(("OPP", "CVL", "REB", "MED", "EDU", "JUD", "LEG", "BUS", "NGO"))


def _office_of_unknown(
    book: ActorBook, sent: Any, ent: Any, found: Sequence[TokenMention]
) -> Actor | None:
    """ "Foreign Minister Javad Zarif ... defended Iran's position": a person the dictionary
    does not know, under a government title, acts for the one country the sentence names.
    The name stays unresolved in the store; events take the country's government."""
    words = [t.lower_ for t in sent[max(0, ent.start - 3) : ent.start]]
    if any(" ".join(words[i:]) in book.roles for i in range(len(words))):
        sector = "GOV"
    elif words and words[-1].rstrip(".") in _STATE_TITLES:
        # "Planning Minister X", "Lt. Gen. X", "Judge X": an official of some kind
        sector = _STATE_TITLES[words[-1].rstrip(".")]
    else:
        return _office_in_appositive(book, ent, found)
    # "Ethiopia's Prime Minister Abiy Ahmed", "Iraqi Foreign Minister X", "King Hassan of
    # Morocco": the country in the title itself, however many others the sentence names
    after = sent[ent.end] if ent.end < len(sent) else None
    own = {
        m.actor.country
        for m in found
        if m.actor is not None
        and (
            (ent.start - 6 <= m.head < ent.start and m.end <= ent.start)
            or (after is not None and after.lower_ == "of" and m.start == ent.end + 1)
        )
    }
    if len(own) != 1:
        own = {m.actor.country for m in found if m.actor is not None and m.method != "attribute"}
    if len(own) != 1:
        return None
    country = book.actors.get(next(iter(own)))
    if country is None or country.kind != "country":
        return None
    return book.group(country.id, sector)


# heads of an appositive that give a person's office ("X, the UN relief coordinator,")
_OFFICE_WORD_LIST = """coordinator envoy representative commissioner secretary director chief head
spokesman spokeswoman spokesperson ambassador official chairman chairwoman chair president
minister adviser advisor negotiator rapporteur"""
_OFFICE_WORDS = frozenset(_OFFICE_WORD_LIST.split())


def _office_in_appositive(book: ActorBook, ent: Any, found: Sequence[TokenMention]) -> Actor | None:
    """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded ...": an
    unknown person whose appositive is an office of one named state or organisation acts
    for it (an international organisation itself, a state's government)."""
    appos = next((c for c in ent.root.children if c.dep_ == "appos"), None)
    if appos is None or appos.lemma_.lower() not in _OFFICE_WORDS:
        return None
    inside = {t.i for t in appos.subtree}
    owners = {
        m.actor.id: m.actor
        for m in found
        if m.actor is not None and m.head in inside and m.actor.kind in ("country", "igo")
    }
    if len(owners) != 1:
        return None
    owner = next(iter(owners.values()))
    return owner if owner.kind == "igo" else book.group(owner.id, "GOV")


def _organisation_of(
    book: ActorBook,
    sent: Any,
    ent: Any,
    matches: Sequence[tuple[int, int, tuple[Alias, ...]]],
    places: Sequence[tuple[int, int, str]] = (),
) -> Actor | None:
    """ "The Canadian International Development Agency gave $2 million", "the Nigerian Union
    of Teachers", "Baghdad University": a body the dictionary does not know, whose name opens
    with a country's name or demonym, its capital or one of its cities, is that country's
    (its sector from the name's head noun). The name stays unresolved in the store; events
    take the country's group."""
    first = ent.start + (1 if sent[ent.start].pos_ == "DET" else 0)
    opening = [
        (end, book.actors.get(alias.actor_id))
        for start, end, aliases in matches
        if start == first and end < ent.end
        for alias in aliases
        if not alias.ambiguous and alias.method in ("demonym", "name", "capital")
    ]
    opening += [(end, book.actors.get(code)) for start, end, code in places if start == first]
    for end, actor in opening:
        if actor is None or actor.kind != "country" or end >= ent.end:
            continue
        sector = _agent_sector(book, sent, ent.root.i, end)
        if sector is None:
            sector = _BODY_SECTORS.get(ent.root.lemma_.lower(), "CVL")
        return book.group(actor.id, sector)
    return None


# heads of a body's name that say its sector ("Canadian Development Agency", "Baghdad
# University"); any other body is civilian
_BODY_SECTORS = {
    "agency": "GOV", "ministry": "GOV", "office": "GOV", "department": "GOV", "council": "GOV",
    "commission": "GOV", "service": "GOV", "bureau": "GOV", "authority": "GOV",
    "directorate": "GOV", "inspectorate": "GOV", "administration": "GOV", "cabinet": "GOV",
    "university": "EDU", "school": "EDU", "college": "EDU", "academy": "EDU",
    "assembly": "LEG", "parliament": "LEG", "senate": "LEG", "congress": "LEG", "duma": "LEG",
    "court": "JUD", "tribunal": "JUD",
}  # fmt: skip


# titles of officials that are not offices the actor book tracks holders of, by sector
_STATE_TITLES = {
    "minister": "GOV",
    "ambassador": "GOV",
    "envoy": "GOV",
    "governor": "GOV",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "general": "MIL",
    "gen": "MIL",
    "colonel": "MIL",
    "col": "MIL",
    "admiral": "MIL",
    "commander": "MIL",
    "judge": "JUD",
    "prosecutor": "JUD",
}


def _domestic_agents(
    book: ActorBook,
    sent: Any,
    taken: set[int],
    found: Sequence[TokenMention],
    places: Sequence[tuple[int, int, str]],
) -> Iterable[tuple[int, int, Actor]]:
    """ "Liberian police used tear gas to disperse demonstrators": a bare agent noun on the
    receiving end of an act, in a sentence that names one country only (its places, "in Tel
    Aviv", count too), is that country's (LBR.OPP) -- the usual reading of domestic events,
    and how event datasets code them. A bare subject ("Protesters rallied in Minsk") is
    read so only when the country is named as the place where it happens, not as an actor
    it could be acting on; bare police and authorities ("Police arrested two Russians in
    Minsk") are the state's where they act, whoever else is named."""
    named = [m for m in found if m.actor is not None and m.method != "attribute"]
    spots = [(sent[m.head], m.actor.country) for m in named if m.actor is not None]
    spots += [(sent[end - 1], country) for _, end, country in places]
    countries = {country for _, country in spots}
    for tok in sent:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.dep_ not in _DOMESTIC_ROLES:
            continue
        if any(c.i in taken for c in tok.children) or any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts
        ):
            continue  # "Russian protesters" was read already; "Kataib Zulfiqar gunmen" is named
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and not _counted(tok.head.head):
            continue  # "one of the bombers": a part of something, not a receiving end
        sector = _agent_sector(book, sent, tok.i, tok.left_edge.i)
        if sector is None or tok.lemma_.lower() in _GENERIC_AGENTS:
            continue  # "officials", "leaders": too vague to place
        # where the subject's own verb says it acts ("arrested two Russians in Minsk", not "a
        # man who fought in Ukraine")
        where = {
            c
            for spot, c in spots
            if _locative(spot) and (_placed_on(spot, tok.head) or _placed_on(spot, tok))
        }
        if tok.dep_ != "nsubj":
            home = countries if sector in _DOMESTIC_SECTORS else set()
        elif sector in ("GOV", "SEC") and tok.lemma_.lower() in _LOCAL_STATE:
            home = where  # the state's own police and authorities act where they are
        elif sector in _DOMESTIC_SECTORS and where == countries:
            home = where
        else:
            home = set()  # troops may be abroad; a country named as acted on may be foreign
        if len(home) != 1:
            continue
        actor = book.group(next(iter(home)), sector)
        if actor is not None:
            start = min((c.i for c in tok.lefts if c.dep_ in ("compound", "amod")), default=tok.i)
            yield start, tok.i + 1, actor


_DOMESTIC_ROLES = frozenset(("dobj", "pobj", "nsubjpass", "nsubj"))
# state agents that act in their own country (diplomats and troops may be abroad)
_LOCAL_STATE_WORDS = """police policeman policemen authority authorities force forces guard guards
prosecutor prosecutors government administration"""
_LOCAL_STATE = frozenset(_LOCAL_STATE_WORDS.split())
_COUNT_WORDS = "dozens hundreds thousands scores millions tens"
_COUNTS = frozenset(_COUNT_WORDS.split())


def _counted(tok: Any) -> bool:
    """A count of people ("dozens of protesters", "3,000 of the refugees")."""
    return tok.lower_ in _COUNTS or tok.tag_ == "CD"


_LOCATIVE = frozenset(("in", "at", "near", "outside", "across", "throughout", "around", "inside"))


def _place_phrase(tok: Any) -> Any:
    """The head of the phrase a place name is part of ("Dili" in "East Timor's capital
    Dili", "Minsk" in "the Minsk city court")."""
    while tok.dep_ in ("appos", "compound", "poss") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _placed_on(place: Any, verb: Any) -> bool:
    """Does the place phrase of ``place`` hang on ``verb`` (or the subject noun itself), or
    on one of its objects or their prepositional phrases?"""
    holder = _place_phrase(place).head.head  # the word the preposition hangs on
    for _ in range(2):  # "rioted at a jail in Dili", "arrested two Russians in Minsk"
        if holder.i == verb.i:
            return True
        if holder.dep_ == "pobj":
            holder = holder.head.head
        elif holder.dep_ in ("dobj", "nsubjpass"):
            holder = holder.head
        else:
            return False
    return False


def _locative(tok: Any) -> bool:
    """Is ``tok`` (a place name's head) where something happens ("rallied in Minsk", "a jail
    in East Timor's capital Dili")?"""
    tok = _place_phrase(tok)
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


def _with_guess(
    book: ActorBook,
    sent: Any,
    tm: TokenMention,
    found: Sequence[TokenMention],
    ctx: ArticleContext,
) -> TokenMention:
    """Guess an unknown name's country: a demonym on the name itself ("Turkish Kurd refugees
    who have lived in Iraq"), else a country word in its own noun phrase ("Belarusian
    activist Ivan X", "Ivan X of the Belarusian opposition"), else the nearest country named
    in the sentence, else the country the article has named most so far."""
    head = sent[tm.head]
    guess = next(
        (book.demonyms[t.text] for t in head.subtree if t.i < tm.start and t.text in book.demonyms),
        None,
    )
    if guess is None:
        known = [m for m in found if m.actor is not None]
        phrase = {t.i for t in head.subtree}
        phrase |= {t.i for t in head.head.subtree if head.dep_ == "appos"}
        if head.dep_ in ("compound", "appos") or head.head.dep_ == "appos":
            phrase |= {t.i for t in head.head.subtree}
        near = [m for m in known if m.head in phrase]
        if not near and known:
            near = sorted(known, key=lambda m: abs(m.head - tm.head))[:1]
        if near:
            guess = near[0].actor.country if near[0].actor else None
        elif ctx.countries:
            guess = max(ctx.countries.items(), key=lambda kv: kv[1])[0]
    return TokenMention(
        start=tm.start, end=tm.end, head=tm.head, actor=None, method=tm.method, guess=guess
    )


def to_mentions(
    sent: Any, found: Iterable[TokenMention], *, article_id: str, sentence_index: int, offset: int
) -> list[Mention]:
    out = []
    for tm in found:
        if tm.method == "attribute":
            continue  # a state named through what it owns is not a mention of an actor
        if tm.method == "place" and tm.actor is not None and tm.actor.kind == "country":
            # a city: where something happened, not an actor; its country is kept
            tm = TokenMention(
                start=tm.start, end=tm.end, head=tm.head, actor=None, method="place",
                guess=tm.actor.country,
            )  # fmt: skip
        if tm.method in ("office", "organisation"):
            # an unknown person or body: listed unresolved, with the country events used
            tm = TokenMention(
                start=tm.start,
                end=tm.end,
                head=tm.head,
                actor=None,
                method="unresolved",
                guess=tm.actor.country if tm.actor else None,
            )
        span = sent[tm.start : tm.end]
        out.append(
            Mention(
                article_id=article_id,
                sentence_index=sentence_index,
                start_char=offset + span.start_char,
                end_char=offset + span.end_char,
                text=span.text,
                actor_id=tm.actor.id if tm.actor else None,
                method=tm.method,
                label=_ent_label(sent, tm),
                country=tm.actor.country if tm.actor else tm.guess,
            )
        )
    return out


def _ent_label(sent: Any, tm: TokenMention) -> str:
    for ent in sent.ents:
        if ent.start <= tm.head < ent.end:
            return str(ent.label_)
    return ""


def _span_head(sent: Any, start: int, end: int) -> int:
    for i in range(start, end):
        head = sent[i].head.i
        if not start <= head < end or head == i:
            return i
    return end - 1


def _ethnic(sent: Any, start: int, aliases: tuple[Alias, ...]) -> bool:
    """A demonym after "ethnic" ("ethnic Albanians in Macedonia") names a people, not the
    citizens or the agents of that state."""
    return (
        start > 0
        and sent[start - 1].lower_ == "ethnic"
        and any(a.method == "demonym" for a in aliases)
    )


def _aliases_of(
    matches: Sequence[tuple[int, int, tuple[Alias, ...]]], tm: TokenMention
) -> tuple[Alias, ...]:
    return next((a for s, e, a in matches if e == tm.end and tm.method == "ethnic"), ())


def _ethnic_group(book: ActorBook, tm: TokenMention, aliases: tuple[Alias, ...]) -> TokenMention:
    """An ethnic group is counted with the country it lives in, when the sentence names
    another country than its namesake ("ethnic Albanians demonstrated in Serbia" -> SRB
    civilians, the reading of event coders); otherwise it stays unresolved."""
    if not aliases or tm.method != "ethnic":
        return tm
    namesakes = {book.actors[a.actor_id].country for a in aliases if a.actor_id in book.actors}
    if tm.guess is None or tm.guess in namesakes:
        return TokenMention(start=tm.start, end=tm.end, head=tm.head, actor=None, method="ethnic")
    actor = book.group(tm.guess, "CVL")
    return TokenMention(
        start=tm.start, end=tm.end, head=tm.head, actor=actor, method="ethnic", guess=tm.guess
    )


def _places(am: ActorMatcher, sent: Any) -> list[tuple[int, int, str]]:
    """Cities and regions the sentence names, longest first: (start, end, country)."""
    if am.places is None:
        return []
    spans = sorted(
        ((start, end, am.book.places[am.keys[key]]) for key, start, end in am.places(sent)),
        key=lambda s: (s[0] - s[1], s[0]),
    )
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        last = sent[s[1] - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= s[1]:
            continue  # "the Geneva Conventions", "the Sochi agreement": a name, not a place
        if not any(k[0] < s[1] and s[0] < k[1] for k in kept):
            kept.append(s)
    return kept


def _group_in_place(
    book: ActorBook, sent: Any, start: int, end: int, country: str, taken: set[int]
) -> tuple[int, int, Actor | None, str] | None:
    """ "A court in Istanbul", "protesters in Kharkiv": an agent noun placed in a city is
    that country's (the same reading as "rebels in the Ivory Coast")."""
    last, prep = sent[end - 1], sent[end - 1].head
    if last.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "from", "of"):
        return None
    noun = _placed_noun(prep)
    if noun is None or noun.i > start or noun.i in taken:
        return None
    first = noun.left_edge.i
    if any(i in taken for i in range(first, noun.i + 1)):
        return None
    sector = _agent_sector(book, sent, noun.i, first)
    if sector is None or _role_title(book, sent, first, noun.i + 1) is not None:
        return None
    actor = book.group(country, sector)
    return (first, end, actor, "place") if actor else None


# participles that say where a group sits ("a newspaper based in Beirut")
_SITED = frozenset(("base", "station", "headquarter", "locate", "operate", "live", "headquarters"))


def _placed_noun(prep: Any) -> Any:
    """The noun a place preposition places: its head ("rebels in Kabul"), or the noun a
    participle of being sited hangs on ("a terror group based in Trinidad")."""
    head = prep.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head
    if (
        head.dep_ == "acl"
        and head.lemma_.lower() in _SITED
        and prep.lower_ == "in"
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        return head.head
    return None


def _dictionary_matches(am: ActorMatcher, sent: Any) -> list[tuple[int, int, tuple[Alias, ...]]]:
    spans = []
    for key, start, end in am.matcher(sent):
        aliases = am.book.aliases.get(am.keys[key], ())
        if aliases:
            spans.append((start, end, aliases))
    # longest first; drop matches inside a longer one
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int, tuple[Alias, ...]]] = []
    for s in spans:
        if not any(k[0] <= s[0] and s[1] <= k[1] for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s[0])


def _named_group(book: ActorBook, sent: Any, tm: TokenMention) -> TokenMention:
    """ "Abu Sayyaf gunmen killed six soldiers", "Hutu rebels", "Azadliq activists": an unknown
    name on a non-state agent noun (gunmen, rebels, activists, refugees ...) is that kind of
    group of the country its context points to. The phrase is stored with method ``guess``
    (a user can list and correct such guesses; adding the name to an actor file makes it a
    plain match)."""
    last = sent[tm.end - 1]
    noun = last.head
    if tm.guess is None or last.dep_ != "compound" or noun.i <= last.i or noun.i > tm.end + 1:
        return tm
    sector = _agent_sector(book, sent, noun.i, tm.end)
    # a generic head ("group", "leaders") needs an agent word between ("Hutu rebel group")
    named_by = {t.lemma_.lower() for t in sent[tm.end : noun.i] if t.head.i == noun.i}
    generic = noun.lemma_.lower() in _GENERIC_AGENTS and not named_by & set(book.agents)
    if sector not in _DOMESTIC_SECTORS or generic:
        return tm
    actor = book.group(tm.guess, sector)
    if actor is None:
        return tm
    return TokenMention(start=tm.start, end=noun.i + 1, head=noun.i, actor=actor, method="guess")


def _agent_sector(book: ActorBook, sent: Any, head: int, lo: int) -> str | None:
    """Sector of the agent noun phrase ending at ``head`` ("defence ministry", "forces")."""
    tok = sent[head]
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = None
    for start in range(lo, head + 1):
        phrase = " ".join(t.text.lower() for t in sent[start : head + 1])
        if phrase in book.agents:
            sector = book.agents[phrase]
            break
    else:
        lemma = tok.lemma_.lower()
        for key in (lemma, tok.text.lower(), lemma + "s", lemma + "es"):
            if key in book.agents:  # the agent list may give only the plural ("judges")
                sector = book.agents[key]
                break
    if sector is None:
        # "Ugandan opposition candidates", "Syrian army defectors": a head the list lacks,
        # named by an agent modifier
        for mod in sent[lo:head]:
            if mod.dep_ == "compound" and mod.head.i == head and mod.pos_ == "NOUN":
                for key in (mod.lemma_.lower(), mod.text.lower()):
                    if key in book.agents:
                        return book.agents[key]
    if sector is not None and tok.lemma_.lower() in _GENERIC_AGENTS:
        # "rebel leaders", "intelligence officials": the modifier says who they are
        for mod in sent[lo:head]:
            if mod.dep_ in ("compound", "amod") and mod.head.i == head:
                for key in (mod.lemma_.lower(), mod.text.lower()):
                    if key in book.agents and book.agents[key] != sector:
                        return book.agents[key]
    return sector


_GENERIC_WORDS = """leader leaders official officials spokesman spokeswoman spokesperson chief
head member members representative representatives delegation figure figures group groups party
parties commander commanders source sources"""
_GENERIC_AGENTS = frozenset(_GENERIC_WORDS.split())
_ARGUMENTS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "iobj", "conj", "appos"))
_PLACE_PREPS = frozenset(("in", "of", "from", "throughout", "across", "inside"))
# "foreign diplomats in Moscow", "Western journalists in Minsk": not that country's agents
_FOREIGN = frozenset(("foreign", "international", "western", "overseas", "expatriate", "visiting"))


def _group_phrase(
    book: ActorBook, sent: Any, start: int, end: int, aliases: tuple[Alias, ...]
) -> tuple[int, int, Actor | None, str] | None:
    by_method = {a.method: a for a in aliases}
    country_alias = by_method.get("demonym") or by_method.get("name") or by_method.get("capital")
    if country_alias is None or book.actors.get(country_alias.actor_id, None) is None:
        return None
    kind = book.actors[country_alias.actor_id].kind
    if kind not in ("country", "igo") or (kind == "igo" and country_alias.method != "name"):
        return None
    last = sent[end - 1]
    head = last.head
    led = _led_group(book, sent, start, end, country_alias.actor_id)
    if led is not None:
        return led
    if (
        (
            country_alias.method == "name"
            or (country_alias.method == "capital" and not country_alias.ambiguous)
        )
        and last.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in _PLACE_PREPS
        and (noun := _placed_noun(head)) is not None
        and noun.i < start
    ):  # "rebels in the Ivory Coast", "opposition parties in Nepal", "a group based in Iraq"
        first = noun.left_edge.i
        sector = _agent_sector(book, sent, noun.i, first)
        foreign = any(c.dep_ == "amod" and c.lower_ in _FOREIGN for c in noun.children)
        foreign = foreign or (head.lower_ == "from" and _leaving(noun))
        if (
            sector is not None
            and not foreign
            and _role_title(book, sent, first, noun.i + 1) is None
        ):
            actor = book.group(country_alias.actor_id, sector)
            return (first, end, actor, "name") if actor else None
    if country_alias.method == "demonym":
        if last.dep_ in ("amod", "compound", "nmod") and head.i > last.i:
            found = _group_for(book, sent, start, head.i, country_alias.actor_id, "demonym")
            cut = next((c.i for c in last.children if c.dep_ == "cc"), None)
            if found is not None and cut is not None and _conj_demonym(book, last) is not None:
                # "Turkish and Greek sides": the Turkish side here, the Greek one after
                return (start, cut, found[2], found[3])
            return found
        if last.dep_ == "conj" and _conj_demonym(book, last.head) is not None:
            first = last.head  # "Greek" in "Turkish and Greek sides"
            if first.dep_ in ("amod", "compound", "nmod") and first.head.i > last.i:
                return _group_for(
                    book, sent, start, first.head.i, country_alias.actor_id, "demonym"
                )
        if last.tag_ in ("NNPS", "NNS") or (
            last.pos_ in ("PROPN", "NOUN") and last.text.endswith("s")
        ):
            actor = book.group(country_alias.actor_id, "CVL")
            return (start, end, actor, "demonym") if actor else None
        if start > 0 and sent[start - 1].lower_ in ("a", "an") and last.dep_ in _ARGUMENTS:
            actor = book.group(country_alias.actor_id, "CVL")  # "an Israeli was wounded"
            return (start - 1, end, actor, "demonym") if actor else None
        return None
    if last.dep_ == "poss" or (
        end < len(sent) and sent[end].tag_ == "POS" and sent[end].head.i == head.i
    ):
        return _group_for(book, sent, start, head.i, country_alias.actor_id, "possessive")
    if (
        country_alias.method in ("name", "capital")
        and last.dep_ in ("compound", "amod", "nmod")
        and head.i > last.i
    ):
        # "Russia police", "Beijing police", "a Zimbabwe court": the country's agents
        found = _group_for(book, sent, start, head.i, country_alias.actor_id, country_alias.method)
        cut = next((c.i for c in last.children if c.dep_ == "cc"), None)
        if found is not None and cut is not None and _conj_demonym(book, last) is not None:
            # "US and British forces": the US forces here, the British ones after
            return (start, cut, found[2], found[3])
        return found
    return None


# "the withdrawal of invasion forces from Panama": what they leave, not where they are from
_LEAVING_WORDS = """withdraw withdrawal pull pullout pull-out evacuate evacuation remove removal
redeploy redeployment drawdown retreat"""
_LEAVING = frozenset(_LEAVING_WORDS.split())


def _leaving(noun: Any) -> bool:
    """Is ``noun`` what a withdrawal moves ("withdrew its troops", "the pullout of troops")?"""
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ == "of":
        governor = governor.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    return str(governor.lemma_).lower() in _LEAVING


# what "X-led" leads when the agent list does not name it: a military alliance
_LED_MILITARY = frozenset(("coalition", "coalitions", "alliance", "force", "mission", "operation"))


def _led_group(
    book: ActorBook, sent: Any, start: int, end: int, country: str
) -> tuple[int, int, Actor | None, str] | None:
    """ "Saudi-led coalition", "US-led forces", "Vietnamese-led troops": the leading state's
    group (its sector from the noun; a coalition or alliance is military)."""
    if end + 1 >= len(sent) or sent[end].text != "-" or sent[end + 1].lower_ != "led":
        return None
    noun = sent[end + 1].head
    if noun.i <= end + 1 or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    sector = _agent_sector(book, sent, noun.i, end + 2)
    if sector is None and noun.lower_ in _LED_MILITARY:
        sector = "MIL"
    if sector is None:
        return None
    actor = book.group(country, sector)
    return (start, noun.i + 1, actor, "demonym") if actor else None


def _conj_demonym(book: ActorBook, tok: Any) -> Any:
    """The demonym coordinated with ``tok`` ("Greek" for "Turkish" in "Turkish and Greek
    sides"), or None."""
    for child in tok.children:
        if child.dep_ == "conj" and any(
            a.method == "demonym" for a in book.aliases.get(child.text, ())
        ):
            return child
    return None


def _group_for(
    book: ActorBook, sent: Any, start: int, head: int, country: str, method: str
) -> tuple[int, int, Actor | None, str] | None:
    role = _role_title(book, sent, start + 1, head + 1)
    if role is not None:
        return None  # a role phrase: resolved to the office holder by _role_phrases
    sector = _agent_sector(book, sent, head, start + 1)
    if sector is None and method == "demonym" and _people_name(book, sent[head]):
        sector = "CVL"  # "Iraqi Kurds", "Bosnian Serbs": a people living in that state
    if sector is None:
        return None
    actor = book.group(country, sector)
    return (start, head + 1, actor, method) if actor else None


def _people_name(book: ActorBook, tok: Any) -> bool:
    """A plural name of a people or community ("Kurds", "Serbs", "Tamils"); a plural demonym
    counts whatever the NER made of it ("Bosnian Serbs" read as a PERSON)."""
    if tok.ent_type_ != "NORP" and tok.text not in book.demonyms:
        return False
    return bool(tok.tag_ == "NNPS" or (tok.pos_ == "PROPN" and tok.lower_.endswith("s")))


def _attribute(
    book: ActorBook, sent: Any, start: int, end: int, aliases: tuple[Alias, ...]
) -> Actor | None:
    """A demonym on a thing a state owns or says ("the Israeli proposal", "Serbian
    positions"): not an actor mention, but the event coder may take the state as a target."""
    demonym = next((a for a in aliases if a.method == "demonym"), None)
    last = sent[end - 1]
    if demonym is None or last.dep_ != "amod" or last.head.i < end:
        return None
    if last.head.lemma_.lower() not in book.owned and last.head.lower_ not in book.owned:
        return None  # the lemma of "goods" is "good": the plural listed counts too
    return book.actors.get(demonym.actor_id)


def _pick(
    book: ActorBook,
    sent: Any,
    start: int,
    end: int,
    aliases: tuple[Alias, ...],
    sentence_countries: set[str],
    ctx: ArticleContext,
) -> tuple[Actor | None, str] | None:
    """Choose one reading of a dictionary match, or none when it is not an actor here."""
    span = sent[start:end]
    if _acronym_of_other(book, sent, start, end, aliases) or _currency(sent, start, end):
        return None
    direct = [a for a in aliases if a.method in ("name", "seat") and not a.ambiguous]
    if direct and _opens_unknown_body(book, sent, start, end, direct[0]):
        return None  # "Montenegro Municipality Association": the body, read as an entity
    if direct:
        return book.actors.get(direct[0].actor_id), direct[0].method
    if any(a.method == "demonym" for a in aliases):
        return None  # an adjective on something that is not an agent ("Belarusian economy")
    last = span[-1]
    if _inside_container(sent, start, end):
        return None
    place = any(a.method in ("capital", "name") and _is_country(book, a) for a in aliases)
    if place and last.dep_ in ("compound", "nmod", "amod") and last.head.i >= end:
        return None  # "the Minsk agreements", "Moscow Metro"
    for alias in aliases:
        if alias.method == "capital" and not alias.ambiguous:
            return book.actors.get(alias.actor_id), "capital"
    if _inside_person(sent, start, end):
        return None  # "Michael Jordan", "Chad Smith"
    context = [a for a in aliases if a.method in ("context", "name", "capital")]
    for alias in context:
        actor = book.actors.get(alias.actor_id)
        if actor and (
            actor.country in sentence_countries or ctx.countries.get(actor.country, 0) > 0
        ):
            return actor, "context"
    # an ambiguous country name ("Georgia", "Jordan") in a sentence about other states; but
    # "in Georgia" next to American names, or in an article mostly about the United States,
    # is more likely a US state
    us_place = start > 0 and sent[start - 1].lower_ in ("in", "of", "from", "at", "across")
    us_context = "USA" in sentence_countries and us_place
    us_article = ctx.countries.get("USA", 0) > sum(ctx.countries.values()) / 2
    for alias in aliases:
        actor = book.actors.get(alias.actor_id)
        # an ambiguous capital ("Washington") acts for its state only as an argument, not
        # after "in"/"from" where it is as likely a place or the US state
        capital = alias.method == "capital" and not us_place and last.dep_ in _ARGUMENTS
        if (
            (alias.method == "name" or capital)
            and actor is not None
            and actor.kind == "country"
            and sentence_countries - {actor.id}
            and not us_context
            and not us_article
        ):
            return actor, "context"
    return None


def _opens_unknown_body(book: ActorBook, sent: Any, start: int, end: int, alias: Alias) -> bool:
    """Does a country's name open a longer organisation name the book does not know ("the
    Montenegro Municipality Association")? Then the body is the actor, not the state."""
    actor = book.actors.get(alias.actor_id)
    if actor is None or actor.kind != "country":
        return False
    for ent in sent.ents:
        first = ent.start + (1 if sent[ent.start].pos_ == "DET" else 0)
        if ent.label_ == "ORG" and first == start and end < ent.end:
            return ent.text not in book.aliases and sent[end - 1].dep_ in ("compound", "nmod")
    return False


def _currency(sent: Any, start: int, end: int) -> bool:
    """ "US $50 million", "HK$ 3 billion": a country's name in a sum of money."""
    following = sent[end] if end < len(sent) else None
    inside = sent[start].ent_type_ == "MONEY"
    return inside or (following is not None and following.text in ("$", "dollars"))


def _acronym_of_other(
    book: ActorBook, sent: Any, start: int, end: int, aliases: tuple[Alias, ...]
) -> bool:
    """ "the Montenegro Municipality Association (AKK)": an acronym in brackets after a name
    stands for that name, not for a known actor with the same letters (unless the name is
    one of that actor's: "the European Union (EU)")."""
    if start < 2 or end >= len(sent) or sent[start - 1].text != "(" or sent[end].text != ")":
        return False
    if not sent[start:end].text.isupper():
        return False
    before = sent[start - 2]
    ent = next((e for e in sent.ents if e.start <= before.i < e.end), None)
    if ent is None:
        return False
    acronym = sent[start:end].text
    words = ent.text.replace("-", " ").split()
    initials = "".join(w[0] for w in words if w[0].isupper())
    if acronym in initials or _in_order(acronym, initials):
        return False  # "the International Labor Office (ILO)": it spells the name
    actors = (book.actors.get(a.actor_id) for a in aliases)
    return not any(
        actor is not None and any(name in ent.text for name in actor.aliases if len(name) > 4)
        for actor in actors
    )


def _in_order(letters: str, word: str) -> bool:
    """Are ``letters`` found in ``word`` in order?"""
    rest = iter(word)
    return all(ch in rest for ch in letters)


def _inside_person(sent: Any, start: int, end: int) -> bool:
    return any(
        ent.label_ == "PERSON"
        and ent.start <= start
        and end <= ent.end
        and ent.end - ent.start > end - start
        for ent in sent.ents
    )


def _is_country(book: ActorBook, alias: Alias) -> bool:
    actor = book.actors.get(alias.actor_id)
    return actor is not None and actor.kind == "country"


def _inside_container(sent: Any, start: int, end: int) -> bool:
    """Is the match part of a longer name ("Security Council of Belarus")? A leading article
    ("the Security Council") does not make it longer."""
    for ent in sent.ents:
        first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        inside = ent.start <= start and end <= ent.end
        if ent.label_ in _CONTAINER_LABELS and inside and (ent.end - first) > (end - start):
            return True
    return False


def _role_title(book: ActorBook, sent: Any, lo: int, hi: int) -> str | None:
    """The role a phrase names; words before the role may only describe it ("long-serving
    foreign minister"), a noun there makes it another office ("opposition leader")."""
    words = [t.text.lower() for t in sent[lo:hi]]
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        if phrase in book.roles:
            if any(t.pos_ in ("NOUN", "PROPN") for t in sent[lo : lo + i]):
                return None
            return book.roles[phrase]
    return None


def _role_phrases(
    book: ActorBook, sent: Any, ctx: ArticleContext
) -> Iterable[tuple[int, int, Actor]]:
    """ "the Belarusian president", "Russia's foreign minister" -> the office holder."""
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for child in tok.children:
            if child.dep_ not in ("amod", "compound", "poss", "nmod") or child.i >= tok.i:
                continue
            country = book.demonyms.get(child.text) or _country_code(book, child.text)
            if country is None:
                continue
            title = _role_title(book, sent, child.i + 1, tok.i + 1)
            if title is None:
                continue
            if any(c.dep_ == "appos" for c in tok.children):
                continue  # "the Russian Foreign Minister, Sergei Lavrov": the name says it
            holders = book.holders(title, country, ctx.when)
            actor = holders[0] if len(holders) == 1 and ctx.when else book.actors.get(country)
            if actor is not None:
                start = (
                    child.i - 1 if child.i > 0 and sent[child.i - 1].lower_ == "the" else child.i
                )
                yield max(start, 0), tok.i + 1, actor


def _titled_surnames(
    book: ActorBook, sent: Any, ctx: ArticleContext, taken: set[int]
) -> Iterable[tuple[int, int, Actor]]:
    """ "President Bush", "Foreign Minister Makei": a title and a surname name the one
    person with that surname who held that office (on the article's date, when known); when
    several did and all for one state (no date, two Presidents Bush), the state."""
    for tok in sent:
        if tok.i in taken or tok.pos_ != "PROPN" or tok.text not in book.surnames:
            continue
        after = sent[tok.i + 1] if tok.i + 1 < len(sent) else None
        if after is not None and after.pos_ == "PROPN" and after.ent_type_ not in ("DATE", "TIME"):
            continue  # "Prime Minister Hun Sen": the name goes on; "Hun" is not a surname here
        start = tok.i
        role_words = book.role_words
        while (
            start > 0
            and sent[start - 1].pos_ == "PROPN"
            and sent[start - 1].i not in taken
            and sent[start - 1].lower_ not in role_words
        ):
            start -= 1  # "President George Bush": the first name is part of the mention
        words = [t.text.lower() for t in sent[max(0, start - 3) : start]]
        title = None
        for i in range(len(words)):
            if " ".join(words[i:]) in book.roles:
                title = book.roles[" ".join(words[i:])]
                break
        if title is None:
            continue
        people = [book.actors[p] for p in book.surnames[tok.text]]
        holders = [
            a for a in people if any(r.title == title and r.holds_on(ctx.when) for r in a.roles)
        ]
        named = _state_named_after(book, sent, tok.i + 1)
        if named is not None:
            # "King Tariq of Morocco" is not the Sultan of Oman whose name ends in Tariq
            holders = [a for a in holders if a.country == named]
        if len(holders) == 1:
            yield start, tok.i + 1, holders[0]
        elif holders and len({a.country for a in holders}) == 1:
            # "President Bush" with no date: one of two presidents, of the one state
            state = book.actors.get(holders[0].country)
            if state is not None and state.kind == "country":
                yield start, tok.i + 1, state


def _state_named_after(book: ActorBook, sent: Any, i: int) -> str | None:
    """The state an "of" phrase at token ``i`` names ("King Tariq of Morocco"), if any."""
    if i + 1 >= len(sent) or sent[i].lower_ != "of":
        return None
    end = i + 1
    while end < len(sent) and sent[end].pos_ == "PROPN":
        end += 1
    for alias in book.aliases.get(sent[i + 1 : end].text, ()):
        actor = book.actors.get(alias.actor_id)
        if actor is not None and actor.kind == "country" and alias.method == "name":
            return actor.country
    return None


_RULE_NOUNS = frozenset(("administration", "government", "regime", "cabinet", "presidency"))


def _leaders_governments(
    book: ActorBook, sent: Any, ctx: ArticleContext, taken: set[int]
) -> Iterable[tuple[int, int, Actor]]:
    """ "The Bush administration", "the Mubarak regime": a leader's surname on a government
    noun names that state's government, when everyone the book knows by that surname served
    the same state (no date needed: both Bushes were American presidents), or everyone of
    them in office on the article's date ("the Castro regime" in 2005)."""
    for tok in sent:
        head = tok.head
        if (
            tok.i in taken
            or tok.text not in book.surnames
            or tok.dep_ != "compound"
            or head.i != tok.i + 1
            or head.lemma_.lower() not in _RULE_NOUNS
        ):
            continue
        people = [book.actors[p] for p in book.surnames[tok.text] if p in book.actors]
        countries = {a.country for a in people}
        if len(countries) > 1 and ctx.when is not None:
            countries = {a.country for a in people if any(r.holds_on(ctx.when) for r in a.roles)}
        if len(countries) != 1:
            continue
        state = book.actors.get(next(iter(countries)))
        if state is not None and state.kind == "country":
            yield tok.i, head.i + 1, state


def _country_code(book: ActorBook, text: str) -> str | None:
    for alias in book.aliases.get(text, ()):
        if alias.method == "name" and not alias.ambiguous:
            actor = book.actors.get(alias.actor_id)
            if actor and actor.kind == "country":
                return actor.id
    return None


def _second_mentions(
    book: ActorBook, sent: Any, ctx: ArticleContext, taken: set[int], found: list[TokenMention]
) -> Iterable[TokenMention]:
    """Surnames named earlier in the article, and subject pronouns: the latest person ("he",
    "she") or state ("it") named before them, in this sentence or an earlier one."""
    for tok in sent:
        if tok.i in taken:
            continue
        low = tok.lower_
        if tok.ent_type_ == "PERSON" and tok.text in ctx.surnames and tok.ent_iob_ == "B":
            actor = book.actors.get(ctx.surnames[tok.text])
            if actor:
                yield TokenMention(
                    start=tok.i, end=tok.i + 1, head=tok.i, actor=actor, method="coref"
                )
        elif (own := _own_country(book, sent, ctx, tok, found)) is not None:
            yield own
        elif tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass"):
            kinds: tuple[str, ...] = (
                ("person",)
                if low in _PERSON_PRONOUNS
                else ("country", "igo")
                if low in _STATE_PRONOUNS
                else ("group", "organisation", "igo")
                if low in _GROUP_PRONOUNS
                else ()
            )
            if not kinds:
                continue
            gender = "f" if low in ("she", "her") else "m" if low in ("he", "him") else None
            before = [
                m.actor
                for m in found
                if m.start < tok.i
                and m.actor is not None
                and m.actor.kind in kinds
                and (m.method != "demonym" or m.actor.kind == "group")  # "Syrian rebels ... they"
            ]
            if low in _GROUP_PRONOUNS and not before:  # "Russia announced that they ..."
                before = [
                    m.actor
                    for m in found
                    if m.start < tok.i
                    and m.actor is not None
                    and m.actor.kind == "country"
                    and m.method not in ("demonym", "attribute")
                ]
            speaker = _speaker(sent, tok, found, kinds)
            if speaker is not None and (gender is None or speaker.gender in (gender, None)):
                actor = speaker  # "Bangladesh has told the UN it cannot accept more refugees"
            elif kinds == ("person",):
                earlier = [book.actors.get(a) for a in ctx.people]
                candidates = [a for a in (*earlier, *before) if a is not None]
                actor = _antecedent(candidates, gender)
            elif low in _GROUP_PRONOUNS:
                actor = before[-1] if before else ctx.last_group
            else:
                fallback = ctx.last_state
                actor = before[-1] if before else (book.actors.get(fallback) if fallback else None)
            if actor:
                yield TokenMention(
                    start=tok.i, end=tok.i + 1, head=tok.i, actor=actor, method="pronoun"
                )


def _speaker(
    sent: Any, pronoun: Any, found: Sequence[TokenMention], kinds: tuple[str, ...]
) -> Actor | None:
    """The subject of the verb whose reported clause a subject pronoun opens ("X told Y it
    would ...", "X said he ..."): in reported speech the pronoun is the speaker, not the
    nearest name."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    reporter = clause.head
    subject = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if subject is None and reporter.dep_ == "pcomp" and reporter.head.dep_ == "prep":
        # "King Hassan was quoted as saying he ...": the one quoted
        quoted = reporter.head.head
        subject = next((c for c in quoted.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > pronoun.i:
        return None
    for m in found:
        if (
            m.head == subject.i
            and m.actor is not None
            # an unknown person named by an office acts for its state ("King Hassan of Morocco")
            and (m.actor.kind in kinds or m.method == "office")
            and m.method not in ("attribute", "place")
        ):
            return m.actor
    return None


_OWN_NOUNS = {"country": "", "nation": "", "government": "GOV", "army": "MIL"}
_OWNERS = {"his": "m", "her": "f"}


def _own_country(
    book: ActorBook, sent: Any, ctx: ArticleContext, tok: Any, found: Sequence[TokenMention]
) -> TokenMention | None:
    """ "Putin said his country will not lift the ban": "his country" (nation, government,
    army) is the country of the person the possessive points to, the latest one named."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in _STATE_OWNERS and tok.pos_ == "NOUN":
        return _state_owned(book, sent, tok, owner, found)
    sector = _OWN_NOUNS.get(tok.lower_)
    if sector is None or owner is None or owner.lower_ not in _OWNERS or owner.i != tok.i - 1:
        return None
    before = [m.actor for m in found if m.start < tok.i and m.actor is not None]
    earlier = [book.actors.get(a) for a in ctx.people]
    people = [a for a in (*earlier, *before) if a is not None and a.kind == "person"]
    person = _antecedent(people, _OWNERS[owner.lower_])
    if person is None:
        return None
    actor = book.group(person.country, sector) if sector else book.actors.get(person.country)
    if actor is None:
        return None
    return TokenMention(start=owner.i, end=tok.i + 1, head=tok.i, actor=actor, method="pronoun")


_STATE_OWNERS = frozenset(("its", "their"))


def _state_owned(
    book: ActorBook, sent: Any, tok: Any, owner: Any, found: Sequence[TokenMention]
) -> TokenMention | None:
    """ "Russia said its troops had withdrawn", "Bosnian Serbs said their forces ...": an
    agent noun owned by "its" / "their" belongs to the latest state ("its") or state or group
    ("their") named before it in the sentence; its sector is the noun's."""
    if tok.lemma_.lower() in _GENERIC_AGENTS:
        return None  # "their leaders", "its members": whose, the noun does not say
    if tok.dep_ not in ("nsubj", "nsubjpass") and not (
        tok.dep_ == "pobj" and tok.head.dep_ == "agent"
    ):
        return None  # "withdrew its troops": the doer's own means, not someone acted on
    sector = _agent_sector(book, sent, tok.i, owner.i + 1)
    if sector is None:
        return None
    kinds = ("country", "igo") if owner.lower_ == "its" else ("country", "igo", "group")
    before = [
        (m.end, m.actor)
        for m in found
        if m.end <= owner.i
        and m.actor is not None
        and m.actor.kind in kinds
        and m.method not in ("attribute", "place")
        and (m.method != "demonym" or m.actor.kind == "group")
    ]
    if not before:
        return None
    antecedent = max(before, key=lambda pair: pair[0])[1]  # the nearest before
    actor = book.group(antecedent.country, sector) if antecedent.kind != "igo" else antecedent
    if actor is None:
        return None
    return TokenMention(start=owner.i, end=tok.i + 1, head=tok.i, actor=actor, method="pronoun")


def _antecedent(candidates: Sequence[Actor], gender: str | None) -> Actor | None:
    """The latest person named before a pronoun whose gender fits: a known match first,
    then one of unknown gender; never one known to differ ("she" is not Lavrov)."""
    for wanted in (gender, None):
        for actor in reversed(candidates):
            if actor.gender == wanted or (wanted is None and gender is None):
                return actor
    return None


def _remember(ctx: ArticleContext, sent: Any, found: Sequence[TokenMention]) -> None:
    for tm in found:
        if tm.actor is None or tm.method == "pronoun":
            continue
        if tm.actor.kind == "person":
            ctx.last_person = tm.actor.id
            if tm.actor.id in ctx.people:
                ctx.people.remove(tm.actor.id)
            ctx.people.append(tm.actor.id)  # most recent last
            ctx.surnames[sent[tm.end - 1].text] = tm.actor.id
        elif tm.actor.kind in ("country", "igo") and tm.method not in ("demonym", "place"):
            ctx.last_state = tm.actor.id
        if tm.actor.kind in ("group", "organisation", "igo") and tm.method != "attribute":
            ctx.last_group = tm.actor
        ctx.countries[tm.actor.country] = ctx.countries.get(tm.actor.country, 0) + 1
