"""The event coder on hand-written sentences: one test per linguistic case (#2, #4)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from detente.api import code_texts
from detente.pipeline import Pipeline


def code(
    pipeline: Pipeline, text: str, when: date | None = date(2020, 8, 1)
) -> list[dict[str, Any]]:
    [row] = list(code_texts([("t", text)], pipeline=pipeline, published=when))
    return list(row["events"])


def dyads(events: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(e["source_country"], e["event_type"], e["target_country"]) for e in events}


def test_active_transitive(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lukashenko accused Russia of lying about the incident.")
    assert ("BLR", "ACCUSE", "RUS") in dyads(events)
    assert events[0]["realised"]


def test_passive_with_agent(pipeline: Pipeline) -> None:
    events = code(pipeline, "Thirty Russians were detained by Belarusian police near Minsk.")
    assert ("BLR", "COERCE", "RUS") in dyads(events)
    assert "passive" in events[0]["rule"]


def test_coordinated_subjects_give_one_event_each(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Belarus' KGB and OMON special forces detained 32 Russians outside Minsk."
    )
    sources = {e["source_actor_id"] for e in events if e["event_type"] == "COERCE"}
    assert len(sources) == 2
    assert all(e["source_country"] == "BLR" and e["target_country"] == "RUS" for e in events)


def test_control_verb_refuse_is_reject(pipeline: Pipeline) -> None:
    events = code(pipeline, "Minsk refused to send troops to support Moscow.")
    assert ("BLR", "REJECT", "RUS") in dyads(events)
    assert events[0]["rule"].startswith("control:refuse")


def test_control_verb_threaten(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia threatened to cut gas deliveries to Belarus.")
    assert ("RUS", "THREATEN", "BLR") in dyads(events)


def test_threat_aimed_at_whoever_the_condition_binds(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia threatened to cut gas supplies unless Ukraine paid its debts.")
    assert ("RUS", "THREATEN", "UKR") in dyads(events)
    threat = next(e for e in events if e["event_type"] == "THREATEN")
    assert "condition-target" in threat["rule"]


def test_joint_action_of_partners_is_never_conflict_between_them(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia and Belarus began a joint military exercise near Grodno.")
    between = [e for e in events if {e["source_country"], e["target_country"]} == {"RUS", "BLR"}]
    assert all(e["quad_class"] <= 2 for e in between)
    alone = code(pipeline, "Russia and China condemned the sanctions.")
    assert all(e["target_country"] is None for e in alone)


def test_material_act_with_no_one_named_is_done_to_the_place(pipeline: Pipeline) -> None:
    events = code(pipeline, "Red Cross officials suspended aid deliveries in Baghdad on Wednesday.")
    suspended = next(e for e in events if e["trigger"] == "suspended")
    assert suspended["target_country"] == "IRQ"
    assert "location-target" in suspended["rule"]
    curfew = code(pipeline, "Turkish authorities imposed a curfew in southeastern Turkey.")
    assert ("TUR", "COERCE", "TUR") in dyads(curfew)  # a domestic act keeps its place
    said = code(pipeline, "Lavrov said in Minsk that the talks had failed.")
    assert all(e["target_country"] != "BLR" for e in said)  # words are not aimed at a venue


def test_demonym_on_a_people_noun_names_the_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Afghan rebels kidnapped 16 Russian civilian advisers in Kabul.")
    assert ("AFG", "ASSAULT", "RUS") in dyads(events)


def test_reciprocal_agreement(pipeline: Pipeline) -> None:
    events = code(pipeline, "Belarus and Russia agreed to coordinate their foreign policy.")
    assert {("BLR", "AGREE", "RUS"), ("RUS", "AGREE", "BLR")} <= dyads(events)


def test_capital_metonymy_and_rejection(pipeline: Pipeline) -> None:
    events = code(pipeline, "Minsk rejected a number of proposals from Moscow.")
    assert ("BLR", "REJECT", "RUS") in dyads(events)


def test_visit_with_locative_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "On November 25th, the Russian Foreign Minister, Sergei Lavrov, arrived in Minsk."
    )
    assert ("RUS", "CONSULT", "BLR") in dyads(events)
    assert events[0]["event_date"] == "2019-11-25" or events[0]["event_date"].endswith("11-25")


def test_hypothetical_negated_is_not_realised(pipeline: Pipeline) -> None:
    text = (
        "Lukashenko is in power in Belarus, and he could decide not to continue hosting two "
        "Russian military bases in Belarus after 2021."
    )
    events = code(pipeline, text)
    assert events, "the hosting event is stored, flagged"
    assert not any(e["realised"] for e in events)
    assert any(e["modality"] == "hypothetical" for e in events)


def test_negation_is_recorded(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Belarus did not recognise the annexation by Russia and did not support Moscow."
    )
    support = [e for e in events if e["event_type"] == "SUPPORT"]
    assert support and support[0]["negated"] and not support[0]["realised"]


def test_future_is_not_realised(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia will supply Belarus with the Sputnik V vaccine.")
    supply = [e for e in events if e["event_type"] == "AID"]
    assert supply and supply[0]["modality"] == "future" and not supply[0]["realised"]


@pytest.mark.parametrize(
    ("sentence", "announced"),
    [
        ("Syrian rebels said they will release the 21 UN peacekeepers.", "AGREE"),
        ("Russia will supply Belarus with the Sputnik V vaccine.", "AGREE"),
        ("Moscow said it will cut gas deliveries to Ukraine.", "THREATEN"),
        ("The government of Iran will not release the British sailors.", "REJECT"),
    ],
)
def test_an_announced_future_act_is_a_realised_verbal_act(
    pipeline: Pipeline, sentence: str, announced: str
) -> None:
    events = code(pipeline, sentence)
    said = [e for e in events if e["realised"]]
    assert said and said[0]["event_type"] == announced
    assert said[0]["rule"].startswith("announced future act")
    assert any(e["modality"] == "future" and not e["realised"] for e in events)


def test_conditional_is_hypothetical(pipeline: Pipeline) -> None:
    events = code(pipeline, "If Moscow cuts oil deliveries, Minsk will accuse Russia of blackmail.")
    assert events and all(not e["realised"] for e in events)


def test_reported_speech_keeps_attribution(pipeline: Pipeline) -> None:
    events = code(
        pipeline,
        "Ukrainian media reported that Belarus refused to recognise Russia's annexation of Crimea.",
    )
    rejects = [e for e in events if e["event_type"] == "REJECT"]
    assert rejects and rejects[0]["modality"] == "reported"
    assert rejects[0]["attribution"]


def test_according_to_is_attribution(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "According to Russian officials, Belarus expelled two Russian diplomats."
    )
    assert events and events[0]["attribution"] and "officials" in events[0]["attribution"]


def test_nominal_event_with_possessor(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lavrov's visit to Minsk was cut short.")
    assert ("RUS", "CONSULT", "BLR") in dyads(events)
    assert events[0]["rule"].startswith("noun:")


def test_nominal_arrest_of_by(pipeline: Pipeline) -> None:
    events = code(pipeline, "The arrest of 32 Russians by the Belarusian KGB angered the Kremlin.")
    assert ("BLR", "COERCE", "RUS") in dyads(events)


def test_habitual_is_flagged(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Moscow often blocks imports of Belarusian goods during disputes with Minsk."
    )
    assert events and events[0]["modality"] == "habitual" and not events[0]["realised"]


def test_minsk_agreements_are_not_the_belarusian_government(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia accused Ukraine of violating the Minsk agreements.")
    assert dyads(events) == {("RUS", "ACCUSE", "UKR")}


def test_locative_capital_is_not_a_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Makei met Chinese diplomats in Minsk.")
    assert all(e["target_country"] != "BLR" for e in events)


def test_sentence_without_actors_has_no_events(pipeline: Pipeline) -> None:
    assert code(pipeline, "The weather was cold and the trains ran late.") == []


def test_no_self_events(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lukashenko praised Belarus.")
    assert all(e["source_actor_id"] != e["target_actor_id"] for e in events)


@pytest.mark.parametrize(
    "spelling", ["Lukashenko", "Lukashenka", "Alexander Lukashenko", "Aliaksandr Lukashenka"]
)
def test_transliteration_variants_are_one_actor(pipeline: Pipeline, spelling: str) -> None:
    events = code(pipeline, f"{spelling} accused Russia of interference.")
    assert events and events[0]["source_actor_id"] == "lukashenko"


def test_a_verbal_attack_is_an_accusation(pipeline: Pipeline) -> None:
    events = code(pipeline, "It was the sharpest public attack on Moscow by the Belarusian leader.")
    assert {e["event_type"] for e in events} <= {"ACCUSE"}


def test_a_place_in_a_locative_phrase_is_not_the_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Belarusian security forces raided a health resort on the outskirts of Minsk."
    )
    assert not [e for e in events if e["target_country"] == "BLR" and e["source_country"] == "BLR"]


def test_an_actor_in_a_coordinated_clause_is_not_this_events_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline,
        "Putin and Lukashenko talked for five hours in Sochi but failed to settle the questions "
        "that have held up integration between Russia and Belarus.",
    )
    talks = [e for e in events if e["event_type"] == "CONSULT"]
    assert talks and all(e["target_actor_id"] in ("putin", "lukashenko") for e in talks)


def test_a_demonym_on_what_a_state_proposes_makes_it_the_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Syria rejected the Israeli proposal on Monday.")
    assert ("SYR", "REJECT", "ISR") in dyads(events)


def test_an_event_without_a_target_is_coded_for_its_source(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia mobilised its reserves on Friday.")
    assert events and events[0]["source_country"] == "RUS" and events[0]["target_country"] is None
    assert "no-target" in events[0]["rule"]


def test_aid_given_with_an_object(pipeline: Pipeline) -> None:
    events = code(pipeline, "The United States has provided Egypt with economic assistance.")
    assert ("USA", "AID", "EGY") in dyads(events)


def test_troops_deployed_without_an_agent_are_the_source(pipeline: Pipeline) -> None:
    events = code(pipeline, "About 2,000 Russian soldiers were deployed along the Armenian border.")
    assert any(e["source_country"] == "RUS" and e["event_type"] == "MOBILIZE" for e in events)


def test_a_phrase_that_is_not_a_place_does_not_hide_the_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Iran threatened to launch a new offensive in its war with Iraq next month."
    )
    assert ("IRN", "THREATEN", "IRQ") in dyads(events)


def test_what_is_demanded_is_not_done(pipeline: Pipeline) -> None:
    events = code(pipeline, "The United States demanded that Israel withdraw its troops from Gaza.")
    demanded = [e for e in events if e["event_type"] == "REQUEST"]
    assert demanded and demanded[0]["realised"]
    assert all(not e["realised"] for e in events if e["trigger"] == "withdraw")


def test_saying_another_actor_must_act_is_a_demand(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia said on Tuesday that Sudan must return the helicopter.")
    assert ("RUS", "REQUEST", "SDN") in dyads(events)
    assert any("obligation" in e["rule"] for e in events)


def test_an_act_on_oneself_is_kept_without_a_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Mexico defended Mexico's restrictive immigration policy on Thursday.")
    assert events and events[0]["source_country"] == "MEX" and events[0]["target_country"] is None


def test_a_nominal_event_modifying_the_object_of_a_light_verb(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kuwait launched a mediation effort between Iraq and Iran.")
    assert any(e["source_country"] == "KWT" and e["event_type"] == "CONSULT" for e in events)


def test_a_main_verb_parsed_as_a_reduced_relative_keeps_its_subject(pipeline: Pipeline) -> None:
    # spaCy often hangs a headline-like finite verb on the subject noun as an ``acl``
    events = code(
        pipeline,
        "The Turkish air force carried out two raids near Qamishli, killing a dozen "
        "Kurdish militants.",
    )
    assert any(e["source_country"] == "TUR" and e["event_type"] == "ASSAULT" for e in events)


def test_a_pronoun_in_reported_speech_is_the_speaker(pipeline: Pipeline) -> None:
    events = code(pipeline, "The Ukrainian army says it has captured two Russian officers.")
    assert ("UKR", "COERCE", "RUS") in dyads(events)


def test_strengthening_forces_is_a_build_up(pipeline: Pipeline) -> None:
    events = code(pipeline, "China has strengthened its forces near the border with India.")
    assert any(e["source_country"] == "CHN" and e["event_type"] == "MOBILIZE" for e in events)
    ties = code(pipeline, "China has strengthened its ties with Pakistan.")
    assert all(e["event_type"] != "MOBILIZE" for e in ties)


def test_an_unknown_name_on_an_armed_group_noun_is_that_countrys_rebels(
    pipeline: Pipeline,
) -> None:
    events = code(pipeline, "Kataib Zulfiqar gunmen ambushed a Syrian army convoy near Homs.")
    attack = next(e for e in events if e["event_type"] == "ASSAULT")
    assert attack["source_actor_id"] == "SYR.REB" and attack["target_country"] == "SYR"
    assert attack["source_text"].startswith("Kataib Zulfiqar")


def test_a_protest_with_no_one_named_is_aimed_at_the_home_government(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kenyan demonstrators rioted in the streets after the vote.")
    protest = next(e for e in events if e["event_type"] == "PROTEST")
    assert (protest["source_country"], protest["target_country"]) == ("KEN", "KEN")
    assert "home-government" in protest["rule"]


def test_a_postponed_protest_did_not_happen(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kenyan opposition leaders postponed the demonstration.")
    protests = [e for e in events if e["event_type"] == "PROTEST"]
    assert protests and not any(e["realised"] for e in protests)


def test_a_state_owned_thing_names_its_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Serbian troops burned Albanian homes near the border.")
    assert any(e["source_country"] == "SRB" and e["target_country"] == "ALB" for e in events)


def test_an_object_the_parser_stranded_is_still_the_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Ecuador granted asylum to three Colombian army officers hiding in its embassy."
    )
    assert ("ECU", "AID", "COL") in dyads(events)


def test_an_attack_that_kills_is_done_by_its_named_actor_or_the_place(pipeline: Pipeline) -> None:
    named = code(pipeline, "Israeli air strikes killed five Hamas fighters overnight.")
    assert any(e["source_country"] == "ISR" and e["event_type"] == "ASSAULT" for e in named)
    placed = code(pipeline, "A car bomb in Mogadishu killed two Kenyan soldiers.")
    attack = next(e for e in placed if e["event_type"] == "ASSAULT")
    assert (attack["source_country"], attack["target_country"]) == ("SOM", "KEN")
    assert "cause-source" in attack["rule"]


def test_goods_counted_in_measures_are_looked_through(pipeline: Pipeline) -> None:
    """'300 tonnes of humanitarian supplies': the measure is not the object, the supplies are."""
    events = code(pipeline, "Russia delivered 300 tonnes of humanitarian supplies to Syria.")
    assert ("RUS", "AID", "SYR") in dyads(events)
    assert events[0]["mode"] == "humanitarian"


def test_a_demonym_on_owned_goods_names_the_target(pipeline: Pipeline) -> None:
    """'restrictions against German goods': the plural listed counts even where the lemma
    ('good') is another word."""
    events = code(
        pipeline, "A French minister threatened to impose restrictions against German goods."
    )
    assert ("FRA", "THREATEN", "DEU") in dyads(events)


def test_a_nominal_act_is_done_to_the_town_it_happens_in(pipeline: Pipeline) -> None:
    """'imposed a curfew in the town of Cizre': a place noun ('town') keeps the city a place,
    and a domestic act keeps its own country as target."""
    events = code(pipeline, "Turkish authorities imposed a curfew in the town of Cizre.")
    assert ("TUR", "COERCE", "TUR") in dyads(events)
    assert "location-target" in events[0]["rule"]


def test_a_hosted_visit_is_coded_from_the_host(pipeline: Pipeline) -> None:
    """CAMEO 043 'host a visit' has the host as source; what is received comes from its giver."""
    events = code(pipeline, "Lukashenko received the Russian ambassador in Minsk.")
    assert ("BLR", "CONSULT", "RUS") in dyads(events)
    assert events[0]["cameo"] == "043"
    assert ("RUS", "AID", "BLR") in dyads(code(pipeline, "Belarus received a loan from Russia."))


def test_abuse_of_people_is_assault_but_not_abuse_of_power(pipeline: Pipeline) -> None:
    events = code(pipeline, "Belarusian police sexually abused Russian journalists.")
    assert ("BLR", "ASSAULT", "RUS") in dyads(events)
    assert events[0]["mode"] == "sexual"
    assert not code(pipeline, "Belarusian officials abused their power in Russia.")


def test_a_weapon_that_kills_outside_a_city_is_the_country_s(pipeline: Pipeline) -> None:
    text = "Two Russian soldiers were killed by a roadside bomb outside the Syrian city of Homs."
    assert ("SYR", "ASSAULT", "RUS") in dyads(code(pipeline, text))


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Israel distributed tents and food to Syrian refugees.", ("ISR", "AID", "SYR")),
        ("Germany contributed $141 million to South Sudan.", ("DEU", "AID", "SSD")),
        ("Fiji contributed 300 troops to the UN mission in Lebanon.", ("FJI", "AID", "UN")),
    ],
)
def test_giving_verbs(pipeline: Pipeline, text: str, dyad: tuple[str, str, str]) -> None:
    assert dyad in dyads(code(pipeline, text))


def test_a_country_name_used_as_an_adjective_on_an_agent(pipeline: Pipeline) -> None:
    events = code(pipeline, "A Zimbabwe court freed two former ministers on bail.")
    assert events and events[0]["source_country"] == "ZWE" and events[0]["event_type"] == "RETREAT"


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Indian troops remained on alert near the border.", ("IND", "MOBILIZE", None)),
        ("Russian dockers went on strike against the government.", ("RUS", "PROTEST", "RUS")),
        ("About 1,100 Indonesian employees stopped work on Tuesday.", ("IDN", "PROTEST", "IDN")),
        ("Pakistan has launched cyber warfare against India.", ("PAK", "COERCE", "IND")),
    ],
)
def test_nominal_events_put_on_by_a_verb(
    pipeline: Pipeline, text: str, dyad: tuple[str, str, str | None]
) -> None:
    """'went on strike', 'remained on alert': the verb that puts an actor on the noun event
    carries its source; a light verb's 'against' phrase its target."""
    assert dyad in dyads(code(pipeline, text))


def test_a_strike_one_goes_on_is_not_an_attack(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russian dockers went on strike against the government.")
    assert all(e["event_type"] != "ASSAULT" for e in events)


def test_a_clause_on_a_passive_verb_shares_its_agent(pipeline: Pipeline) -> None:
    """'was attacked by militiamen, killing 156 people, the agency reported': the killing is
    the militiamen's, not the reporting agency's; a camp for refugees names the refugees."""
    text = (
        "A camp for Congolese refugees was attacked by Burundian militiamen, killing 156 "
        "people, the UN refugee agency reported."
    )
    events = code(pipeline, text)
    assert ("BDI", "ASSAULT", "COD") in dyads(events)
    assert all(e["source_country"] == "BDI" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Russia reiterated its demand that Belarus release the detained Russians.",
        "Russia repeated its call for Belarus to release the detained Russians.",
    ],
)
def test_a_nominal_demand_targets_the_subject_of_its_clause(pipeline: Pipeline, text: str) -> None:
    """The clause of a demand names who must act (the target) and what is wanted, which has
    not happened (not realised)."""
    events = code(pipeline, text)
    assert ("RUS", "REQUEST", "BLR") in dyads(events)
    wanted = [e for e in events if e["event_type"] == "RETREAT"]
    assert wanted and not any(e["realised"] for e in wanted)


def test_would_in_reported_speech_is_the_future_of_the_past(pipeline: Pipeline) -> None:
    said = code(pipeline, "Russia said it would not lift the ban on Belarusian dairy imports.")
    assert any(e["event_type"] == "REJECT" and e["realised"] for e in said)
    conditional = code(pipeline, "Russia said it would lift the ban if Belarus paid its debts.")
    assert all(e["modality"] == "hypothetical" for e in conditional if e["source_country"] == "RUS")


def test_a_lodged_protest_is_a_formal_complaint(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia lodged an official protest with Belarus over the detentions.")
    assert ("RUS", "ACCUSE", "BLR") in dyads(events)
    assert not any(e["event_type"] == "PROTEST" for e in events)


def test_a_control_verb_keeps_its_own_cameo_code(pipeline: Pipeline) -> None:
    """'urged Ethiopia to open up' is an appeal (CAMEO 020), 'demanded' a demand (10x)."""
    urged = code(pipeline, "Germany urged Ethiopia on Tuesday to open up its politics.")
    assert urged[0]["event_type"] == "REQUEST" and urged[0]["cameo"] == "020"
    demanded = code(pipeline, "Russia demanded Belarus to release the prisoners.")
    assert demanded[0]["cameo"].startswith("10")


def test_concern_is_a_pessimistic_comment_not_a_condemnation(pipeline: Pipeline) -> None:
    concern = code(pipeline, "Russia expressed concern about the detentions in Belarus.")
    assert concern[0]["cameo"] == "012"
    outrage = code(pipeline, "Russia expressed outrage at Belarus.")
    assert outrage[0]["cameo"].startswith("11") and outrage[0]["target_country"] == "BLR"


def test_mobilised_money_is_aid_and_mobilised_troops_a_show_of_force(pipeline: Pipeline) -> None:
    money = code(pipeline, "The European Union is mobilising additional funds for Colombia.")
    assert ("EU", "AID", "COL") in dyads(money)
    troops = code(pipeline, "Russia mobilised troops near Ukraine.")
    assert ("RUS", "MOBILIZE", "UKR") in dyads(troops)


def test_every_conjoined_object_can_select_a_sense(pipeline: Pipeline) -> None:
    """'provided photographs and military intelligence': the second object makes it
    intelligence sharing."""
    text = "The United States is providing aerial photographs and military intelligence to Ukraine."
    assert ("USA", "COOPERATE", "UKR") in dyads(code(pipeline, text))


def test_a_nominal_trigger_finds_its_target_on_what_it_acts_on(pipeline: Pipeline) -> None:
    """'the suspension of flights with Georgia': the target hangs on the suspended thing."""
    events = code(pipeline, "Moscow announced the suspension of direct flights with Georgia.")
    assert ("RUS", "SANCTION", "GEO") in dyads(events)


def test_a_compound_nominal_trigger_finds_its_target_on_its_head(pipeline: Pipeline) -> None:
    """'a mediation mission between A and B': both parties are mediated between."""
    events = code(pipeline, "Kazakhstan began a mediation mission between Armenia and Azerbaijan.")
    assert {("KAZ", "CONSULT", "ARM"), ("KAZ", "CONSULT", "AZE")} <= dyads(events)


def test_a_withdrawal_of_forces_from_a_country_targets_that_country(pipeline: Pipeline) -> None:
    """'the pullout of troops from Chad': Chad is what they leave, not whose they are."""
    events = code(pipeline, "France completed the pullout of its troops from Mali.")
    assert ("FRA", "RETREAT", "MLI") in dyads(events)
    assert not any(e["source_country"] == "MLI" for e in events)


def test_a_threat_is_aimed_at_where_the_threatened_act_would_happen(pipeline: Pipeline) -> None:
    events = code(pipeline, "Hezbollah threatened to launch rockets at towns in Israel.")
    assert ("LBN", "THREATEN", "ISR") in dyads(events)
    assert "location-target" in events[0]["rule"]


def test_coordinated_demonyms_are_two_parties(pipeline: Pipeline) -> None:
    """'Armenian and Azerbaijani diplomats agreed': two parties agreeing with each other."""
    events = code(pipeline, "Armenian and Azerbaijani diplomats agreed to exchange prisoners.")
    assert {("ARM", "AGREE", "AZE"), ("AZE", "AGREE", "ARM")} <= dyads(events)


def test_according_to_names_the_teller_not_the_target(pipeline: Pipeline) -> None:
    events = code(
        pipeline,
        "Polish doctors delivered medicine to a hospital in Lviv, according to the "
        "Polish Foreign Ministry.",
    )
    assert all(e["target_country"] != "POL" for e in events)
    assert ("POL", "AID", "UKR") in dyads(events)  # the place the supplies reached


def test_handing_over_supplies_is_aid(pipeline: Pipeline) -> None:
    events = code(pipeline, "Germany handed over medical supplies to Moldova.")
    assert ("DEU", "AID", "MDA") in dyads(events)


def test_undertaking_a_mission_is_not_a_promise(pipeline: Pipeline) -> None:
    events = code(pipeline, "The OSCE undertook a monitoring mission to Georgia.")
    assert not any(e["event_type"] == "AGREE" for e in events)
    promise = code(pipeline, "Russia undertook to supply gas to Belarus at a lower price.")
    assert any(e["event_type"] == "AGREE" for e in promise)


def test_being_opposed_to_is_opposing(pipeline: Pipeline) -> None:
    """'Russia is opposed to ...' looks passive but has no agent: its subject opposes."""
    events = code(pipeline, "Russia is opposed to NATO enlargement.")
    assert ("RUS", "ACCUSE", "NATO") in dyads(events)


def test_a_demonym_on_a_nominal_event_is_its_actor(pipeline: Pipeline) -> None:
    """'Palestinian riots against Israeli policies': the demonym on the event noun acts, the
    one on the policies is aimed at."""
    events = code(pipeline, "Georgian riots against Russian policies continued for a week.")
    assert ("GEO", "PROTEST", "RUS") in dyads(events)


def test_an_inquiry_is_aimed_at_the_alleged_doers(pipeline: Pipeline) -> None:
    """'investigating abuses by Belarusian border guards against migrants': the inquiry is
    into the guards, not the victims."""
    events = code(
        pipeline,
        "Poland opened an investigation into abuses committed by Belarusian border guards "
        "against Iraqi migrants.",
    )
    assert ("POL", "ACCUSE", "BLR") in dyads(events)
    assert "perpetrator" in events[0]["rule"]


def test_crimes_committed_are_no_commitment(pipeline: Pipeline) -> None:
    """The noun a participle modifies is its object: 'crimes committed by' is no AGREE."""
    events = code(pipeline, "Kyiv listed the crimes committed by Russian soldiers in Bucha.")
    assert not any(e["event_type"] == "AGREE" for e in events)


def test_a_complaint_is_about_its_subject_not_its_addressee(pipeline: Pipeline) -> None:
    """'complained to the OSCE about Russian troops': Russia is complained about; with no
    subject named, the addressee is the target."""
    about = code(pipeline, "Georgia complained to the OSCE about Russian troops.")
    assert ("GEO", "ACCUSE", "RUS") in dyads(about)
    alone = code(pipeline, "Georgia complained to the OSCE.")
    assert ("GEO", "ACCUSE", "OSCE") in dyads(alone)


def test_partners_exercising_together_cooperate_and_show_force_to_a_third(
    pipeline: Pipeline,
) -> None:
    events = code(pipeline, "Russia and Belarus held military exercises near Lithuania.")
    assert {("RUS", "COOPERATE", "BLR"), ("BLR", "COOPERATE", "RUS")} <= dyads(events)
    assert {("RUS", "MOBILIZE", "LTU"), ("BLR", "MOBILIZE", "LTU")} <= dyads(events)
    alone = code(pipeline, "Russia held military exercises near Lithuania.")
    assert not any(e["event_type"] == "COOPERATE" for e in alone)


def test_a_span_of_time_is_looked_through_to_its_event(pipeline: Pipeline) -> None:
    """'launched ten days of war games': the object is the war games."""
    events = code(pipeline, "Armenia and Iran launched ten days of war games.")
    assert ("ARM", "COOPERATE", "IRN") in dyads(events)


def test_a_cessation_of_hostilities_is_a_ceasefire(pipeline: Pipeline) -> None:
    events = code(pipeline, "Azerbaijan declared a cessation of hostilities in Karabakh.")
    assert any(e["event_type"] == "RETREAT" and e["source_country"] == "AZE" for e in events)


def test_a_phrasal_verb_s_particle_object_selects_its_sense(pipeline: Pipeline) -> None:
    """'called for the release of ...' is an appeal to yield (CAMEO 0253), not a bare appeal."""
    events = code(pipeline, "Lithuania called for the release of the detained Belarusians.")
    assert events[0]["cameo"] == "0253"


def test_calling_for_sanctions_against_a_state_is_hostile_to_it(pipeline: Pipeline) -> None:
    events = code(pipeline, "Latvia called for new sanctions against Belarus.")
    assert ("LVA", "ACCUSE", "BLR") in dyads(events)


def test_the_guilty_party_did_what_it_is_guilty_of(pipeline: Pipeline) -> None:
    events = code(pipeline, "Monitors said Armenia was guilty of violating the ceasefire.")
    assert any(e["event_type"] == "ASSAULT" and e["source_country"] == "ARM" for e in events)


def test_a_trigger_modifying_a_verb_s_object_is_coded_by_the_verb(pipeline: Pipeline) -> None:
    """'violated the ceasefire agreement' is one violation, not also a ceasefire."""
    events = code(pipeline, "Azerbaijan violated the ceasefire agreement with Armenia.")
    assert [e["event_type"] for e in events] == ["ASSAULT"]


def test_air_strikes_hitting_a_town_are_an_assault(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russian air strikes hit the town of Avdiivka in Ukraine.")
    assert any(e["event_type"] == "ASSAULT" and e["source_country"] == "RUS" for e in events)


def test_defending_a_state_against_criticism_is_verbal_support(pipeline: Pipeline) -> None:
    events = code(pipeline, "Moscow defended Minsk over Western claims of election fraud.")
    assert ("RUS", "SUPPORT", "BLR") in dyads(events)
    armed = code(pipeline, "Ukrainian troops defended Kharkiv against Russian attacks.")
    assert not any(e["event_type"] == "SUPPORT" for e in armed)


def test_an_actor_opposed_in_a_friendly_act_is_not_its_target(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lukashenko defended his government against Polish criticism.")
    assert all(e["target_country"] != "POL" for e in events)


def test_troops_arriving_are_deployed_not_visiting(pipeline: Pipeline) -> None:
    troops = code(pipeline, "Russian troops arrived in Belarus.")
    assert ("RUS", "MOBILIZE", "BLR") in dyads(troops)
    peacekeepers = code(pipeline, "Kazakh peacekeeping troops arrived in Armenia.")
    assert ("KAZ", "AID", "ARM") in dyads(peacekeepers)
    envoy = code(pipeline, "Lavrov arrived in Minsk.")
    assert ("RUS", "CONSULT", "BLR") in dyads(envoy)


def test_curfews_and_martial_law_are_imposed_on_one_s_own_country(pipeline: Pipeline) -> None:
    imposed = code(pipeline, "Kazakhstan imposed a curfew.")
    assert ("KAZ", "COERCE", "KAZ") in dyads(imposed)
    assert "home-country" in imposed[0]["rule"]
    abroad = code(pipeline, "Russia imposed a curfew in Kherson in Ukraine.")
    assert ("RUS", "COERCE", "UKR") in dyads(abroad)


def test_a_promised_material_act_is_aimed_where_it_would_be_done(pipeline: Pipeline) -> None:
    events = code(pipeline, "Poland agreed to send medical supplies to hospitals in Lviv.")
    assert ("POL", "AGREE", "UKR") in dyads(events)


def test_a_denied_accusation_is_the_accuser_s_and_aimed_at_the_denier(pipeline: Pipeline) -> None:
    named = code(pipeline, "Minsk rejected Polish accusations of staging the migrant crisis.")
    assert ("POL", "ACCUSE", "BLR") in dyads(named)
    unnamed = code(pipeline, "Macron rejected accusations that his government was illiberal.")
    assert not any(e["event_type"] == "ACCUSE" and e["source_country"] == "FRA" for e in unnamed)


def test_a_denied_act_is_not_the_denier_s_act(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia denied the attack on the convoy.")
    assert not any(e["event_type"] == "ASSAULT" and e["source_country"] == "RUS" for e in events)


def test_expressing_hope_is_a_comment_and_readiness_an_intent(pipeline: Pipeline) -> None:
    hope = code(pipeline, "Armenia expressed hope that Azerbaijan would change its policy.")
    assert not any(e["event_type"] == "AGREE" and e["source_country"] == "ARM" for e in hope)
    ready = code(pipeline, "Armenia expressed readiness to talk with Azerbaijan.")
    assert any(e["event_type"] == "AGREE" and e["source_country"] == "ARM" for e in ready)


def test_a_purpose_clause_happens_only_if_its_act_does(pipeline: Pipeline) -> None:
    """'is considering sending aid to help Moldova': neither the sending nor the help is done."""
    events = code(pipeline, "Romania is considering sending aid to help Moldova.")
    assert events and not any(e["realised"] for e in events if e["event_type"] == "AID")
    done = code(pipeline, "Romania sent aid to help Moldova.")
    assert any(e["realised"] for e in done if e["event_type"] == "AID")


def test_a_plan_with_friendly_and_hostile_readings_is_no_announced_threat(
    pipeline: Pipeline,
) -> None:
    events = code(pipeline, "Russia plans to send troops to help Belarus.")
    assert not any(e["event_type"] == "THREATEN" for e in events)


def test_voiced_concern_is_the_same_mild_comment_as_expressed_concern(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lithuania voiced concern about the Russian troops in Belarus.")
    assert events[0]["cameo"] == "012"


def test_ending_mediation_efforts_is_halting_mediation(pipeline: Pipeline) -> None:
    events = code(pipeline, "Turkey ended its mediation efforts with Russia.")
    assert events[0]["event_type"] == "SANCTION" and events[0]["cameo"] == "165"
    assert not any(e["event_type"] == "CONSULT" for e in events)


def test_taking_part_in_a_nominal_event_is_doing_it(pipeline: Pipeline) -> None:
    """'engaged in', 'took part in', 'participated in', 'were involved in': the subject did
    what the noun names, and 'were engaged in' is no passive of engaging the enemy."""
    for text in (
        "Russian troops took part in attacks on Ukrainian villages.",
        "Russian troops participated in attacks on Ukrainian villages.",
        "Russian troops were involved in attacks on Ukrainian villages.",
    ):
        assert ("RUS", "ASSAULT", "UKR") in dyads(code(pipeline, text)), text
    events = code(pipeline, "Serb forces were engaged in ethnic cleansing in Montenegro.")
    assert [(e["source_country"], e["cameo"], e["target_country"]) for e in events] == [
        ("SRB", "203", "MNE")
    ]


def test_launching_fire_is_an_attack(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "Vietnamese forces launched artillery and rocket fire against Cambodian camps."
    )
    assert ("VNM", "ASSAULT", "KHM") in dyads(events)


def test_forcing_people_out_is_expelling_them(pipeline: Pipeline) -> None:
    events = code(
        pipeline, "The Israeli army forced out more than 1,000 Palestinians from their homes."
    )
    assert [(e["source_country"], e["cameo"], e["target_country"]) for e in events] == [
        ("ISR", "174", "PSE")
    ]


def test_a_demand_whose_clause_the_parser_hung_on_the_verb(pipeline: Pipeline) -> None:
    """'reiterated its demand today that Israel ease ...': the clause says whom the demand is
    aimed at, and what it demands has not happened."""
    events = code(
        pipeline, "The ILO reiterated its demand today that Israel ease restrictions on workers."
    )
    assert ("ILO", "REQUEST", "ISR") in dyads(events)
    assert not any(e["realised"] for e in events if e["source_country"] == "ISR")


def test_a_means_gerund_is_the_act(pipeline: Pipeline) -> None:
    """'retaliated by expelling', 'helped Kenya by donating': the gerund after "by" is what
    was done, by the clause's subject, to the clause's object when it names none."""
    events = code(pipeline, "Russia retaliated by expelling ten Polish diplomats.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in events] == [
        ("RUS", "SANCTION", "POL")
    ]
    helped = code(pipeline, "China helped Kenya by donating medical supplies.")
    assert dyads(helped) == {("CHN", "AID", "KEN")}


def test_what_one_party_owns_is_the_topic_of_a_mutual_act(pipeline: Pipeline) -> None:
    """'X and Y agreed on the price of Russian gas': the parties are each other's targets."""
    events = code(pipeline, "Russia and Belarus agreed on the price of Russian gas.")
    assert dyads(events) == {("RUS", "AGREE", "BLR"), ("BLR", "AGREE", "RUS")}


def test_a_sum_in_aid_is_aid_given(pipeline: Pipeline) -> None:
    """'announced $33 million in assistance to ...': the aid noun behind a sum is the act of
    the verb that gives the sum, coded once."""
    events = code(
        pipeline, "The U.S. Government announced 33 million dollars in assistance to Mozambique."
    )
    assert ("USA", "AID", "MOZ") in dyads(events)
    once = code(pipeline, "Japan provided 25,000 tons of food aid to North Korea.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in once] == [
        ("JPN", "AID", "PRK")
    ]


def test_its_and_their_agents_belong_to_the_state_named_before(pipeline: Pipeline) -> None:
    """'Russia said its troops had withdrawn from Syria': the owned agent acts for the state
    (or group) named before it; 'withdrew its troops' keeps the troops as the means."""
    events = code(pipeline, "Russia said its troops had withdrawn from Syria.")
    assert ("RUS", "RETREAT", "SYR") in dyads(events)
    assert events[0]["source_actor_id"] == "RUS.MIL"
    own = code(pipeline, "Syria is willing to withdraw its troops from Lebanon.")
    assert all(e["target_country"] != "SYR" for e in own)


def test_a_verb_coordinated_with_a_passive(pipeline: Pipeline) -> None:
    """'were captured by X and later released': the shared participle is passive too; 'has
    been indicted by X and will resign': the verb with its own auxiliary is the subject's."""
    events = code(pipeline, "Two Russian soldiers were captured by Ukrainian forces and released.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in events] == [
        ("UKR", "COERCE", "RUS"),
        ("UKR", "RETREAT", "RUS"),
    ]
    quits = code(pipeline, "The Serbian minister was indicted by the UN court and will resign.")
    resign = next(e for e in quits if e["rule"].endswith("verb:resign no-target"))
    assert resign["source_country"] == "SRB"


def test_attacking_positions_is_combat_and_a_position_is_a_stance(pipeline: Pipeline) -> None:
    assert ("RUS", "ASSAULT", "UKR") in dyads(
        code(pipeline, "Russian troops attacked Ukrainian positions.")
    )
    assert ("RUS", "ACCUSE", "UKR") in dyads(
        code(pipeline, "Lavrov attacked the Ukrainian position on the talks.")
    )


def test_opening_a_hearing_into_is_investigating(pipeline: Pipeline) -> None:
    events = code(pipeline, "Israel's high court opened a hearing into the abuse of detainees.")
    assert [(e["source_country"], e["event_type"], e["mode"]) for e in events] == [
        ("ISR", "ACCUSE", "investigate")
    ]


def test_preventing_a_protest_curbs_its_doers_and_undoes_it(pipeline: Pipeline) -> None:
    events = code(pipeline, "Belarusian police prevented the rally staged by Belarusian students.")
    curb = next(e for e in events if e["event_type"] == "COERCE")
    assert (curb["source_actor_id"], curb["target_actor_id"]) == ("BLR.SEC", "BLR.CVL")
    assert not any(e["realised"] for e in events if e["event_type"] == "PROTEST")


def test_failing_to_reach_agreement_is_a_mutual_rejection(pipeline: Pipeline) -> None:
    """Both CAMEO-style gold sets code 'failed to reach agreement' as a rejection that
    happened; 'failed to send troops' stays a sending that did not happen."""
    events = code(pipeline, "The Netherlands and Russia failed to reach agreement on the treaty.")
    assert dyads(events) == {("NLD", "REJECT", "RUS"), ("RUS", "REJECT", "NLD")}
    assert all(e["realised"] for e in events)
    sent = code(pipeline, "Russia failed to send troops to Syria.")
    assert sent and not any(e["realised"] for e in sent)


def test_a_state_coercing_an_unknown_body_of_its_own_is_domestic(pipeline: Pipeline) -> None:
    """'Belarusian police detained Ihar Zyxwv': an unknown name the context places in the
    same state is a domestic target (the state's own country, the rule says why); an
    unknown name with no such guess gets no target."""
    events = code(pipeline, "Belarusian police detained Ihar Zyxwv, a blogger.")
    assert [(e["source_country"], e["target_country"]) for e in events] == [("BLR", "BLR")]
    assert "domestic-unknown" in events[0]["rule"]


def test_allowing_people_held_back_is_a_concession(pipeline: Pipeline) -> None:
    """'allowed opposition candidates to run' (spaCy reads the object as the clause's
    subject); the announced 'will allow refugees to return' is a promise."""
    events = code(pipeline, "Belarus allowed opposition candidates to run in the election.")
    assert [(e["source_country"], e["event_type"], e["cameo"]) for e in events] == [
        ("BLR", "CONCEDE", "080")
    ]
    access = code(pipeline, "Russia allowed the inspectors to visit the site.")
    assert [(e["event_type"], e["mode"]) for e in access] == [("RETREAT", "access")]


def test_the_doers_own_country_on_a_scene_word_is_no_target(pipeline: Pipeline) -> None:
    """'blew themselves up in Tel Aviv in an attack of the Palestinian uprising': the
    Palestinian uprising names the doers' side, so the place is the target; a demonym on
    what is acted on still is one ('banned Belarusian newspapers')."""
    events = code(
        pipeline,
        "Palestinian bombers blew themselves up in Tel Aviv in the worst attack of the "
        "Palestinian uprising.",
    )
    assert ("PSE", "ASSAULT", "ISR") in dyads(events)
    banned = code(pipeline, "Belarusian authorities banned Belarusian newspapers.")
    assert ("BLR", "COERCE", "BLR") in dyads(banned)


def test_a_participle_on_the_object_places_a_material_act(pipeline: Pipeline) -> None:
    """'aid to refugees fleeing the war in Liberia', 'power lines leading into Kyiv': the
    participle says where the object is, so the act is done there."""
    events = code(pipeline, "Afghan rebels blew up power lines leading into Kabul.")
    assert [e["target_country"] for e in events] == ["AFG"]
    aid = code(pipeline, "Germany delivered food aid to refugees fleeing the war in Syria.")
    assert ("DEU", "AID", "SYR") in dyads(aid)


def test_allowing_the_return_of_inspectors_names_the_inspectors(pipeline: Pipeline) -> None:
    """A movement noun's 'of' object is who moves: 'allowed the return of UN inspectors' opens
    access as 'allowed UN inspectors in' does; 'the return of exiles' is a concession."""
    events = code(pipeline, "Iraq allowed the return of UN weapons inspectors.")
    assert [(e["source_country"], e["event_type"], e["mode"]) for e in events] == [
        ("IRQ", "RETREAT", "access")
    ]
    exiles = code(pipeline, "Belarus allowed the return of opposition exiles.")
    assert [e["event_type"] for e in exiles] == ["CONCEDE"]


def test_a_title_before_a_name_says_what_the_named_one_is(pipeline: Pipeline) -> None:
    """'allowed candidate Svetlana Tsikhanouskaya to run': the common noun before the name
    meets the sense's object condition (a concession to people held back)."""
    events = code(pipeline, "Belarus allowed candidate Svetlana Tsikhanouskaya to run.")
    assert [(e["source_country"], e["event_type"]) for e in events] == [("BLR", "CONCEDE")]


def test_shortening_a_curfew_eases_it(pipeline: Pipeline) -> None:
    events = code(pipeline, "Belarus shortened the nightly curfew in Minsk by one hour.")
    assert [(e["event_type"], e["cameo"]) for e in events] == [("RETREAT", "0813")]


def test_hosting_talks_between_parties_is_aimed_at_both(pipeline: Pipeline) -> None:
    events = code(pipeline, "Belarus hosted talks between Russia and Ukraine in Minsk.")
    assert dyads(events) == {("BLR", "CONSULT", "RUS"), ("BLR", "CONSULT", "UKR")}


def test_a_pronoun_in_quoted_speech_is_the_one_quoted(pipeline: Pipeline) -> None:
    """'King X of Morocco was quoted as saying he would ...': 'he' is the king, an unknown
    person who acts for the state his office names."""
    events = code(
        pipeline, "King Hassan of Morocco was quoted as saying he would host talks with Israel."
    )
    assert ("MAR", "CONSULT", "ISR") in dyads(events)


def test_placing_someone_under_arrest_or_investigation(pipeline: Pipeline) -> None:
    """'placed X under arrest' is an arrest of X; in the passive with no agent, the state
    where it happened did it ('was put under investigation in Italy')."""
    events = code(pipeline, "Belarusian police placed a Russian blogger under arrest.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in events] == [
        ("BLR", "COERCE", "RUS")
    ]
    probe = code(pipeline, "A Russian journalist was put under investigation in Belarus.")
    assert [(e["source_country"], e["mode"], e["target_country"]) for e in probe] == [
        ("BLR", "investigate", "RUS")
    ]
    assert "location-source" in probe[0]["rule"]


def test_giving_a_welcome_is_hosting_a_visit(pipeline: Pipeline) -> None:
    events = code(pipeline, "Lukashenko gave a warm welcome to Vladimir Putin in Minsk.")
    assert [
        (e["source_country"], e["event_type"], e["mode"], e["target_country"]) for e in events
    ] == [("BLR", "CONSULT", "visit", "RUS")]


def test_a_place_or_a_time_is_no_particle_of_a_phrasal_verb(pipeline: Pipeline) -> None:
    """'gave ... in Minsk' is not 'give in'; 'called on Monday for talks' is a call for
    talks; 'called on Belarus to release' is a phrasal control verb (a request of Belarus)."""
    monday = code(pipeline, "Lukashenko called on Monday for new talks with Russia.")
    assert [e["rule"] for e in monday] == ["verb:call for"]
    on = code(pipeline, "Russia called on Belarus to release the men.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in on] == [
        ("RUS", "REQUEST", "BLR")
    ]
    assert on[0]["rule"] == "control:call on>release"


def test_easing_a_curb_on_an_unknown_body_of_ones_own_is_domestic(pipeline: Pipeline) -> None:
    """As for coercion: lifting (or being prepared to lift) a ban on a body the book does not
    know, that the context places in the same state, is aimed at that state."""
    lifted = code(pipeline, "Belarusian authorities lifted the ban on the Hramada Salvation Front.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in lifted] == [
        ("BLR", "CONCEDE", "BLR")
    ]
    assert "domestic-unknown" in lifted[0]["rule"]
    ready = code(
        pipeline,
        "Belarusian President Alexander Lukashenko said he was prepared to lift the ban on "
        "the Hramada Salvation Front.",
    )
    assert [(e["event_type"], e["target_country"]) for e in ready] == [("AGREE", "BLR")]


def test_throwing_stones_is_a_violent_protest_and_grenades_an_attack(pipeline: Pipeline) -> None:
    stones = code(pipeline, "Palestinian youths threw stones at Israeli soldiers in Hebron.")
    assert [
        (e["source_country"], e["event_type"], e["mode"], e["target_country"]) for e in stones
    ] == [("PSE", "PROTEST", "riot", "ISR")]
    grenade = code(pipeline, "Syrian rebels threw a grenade at a Russian patrol.")
    assert [(e["event_type"], e["mode"]) for e in grenade] == [("ASSAULT", "explosives")]


def test_forces_pulled_out_are_the_ones_who_retreat(pipeline: Pipeline) -> None:
    """An agentless passive withdrawal or demobilisation of armed forces: they retreat, from
    where they were ('Russian troops were pulled out of Syria'); released civilians are
    still released by the state where it happened."""
    events = code(pipeline, "Russian troops were pulled out of Syria.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in events] == [
        ("RUS", "RETREAT", "SYR")
    ]
    assert "patient-source" in events[0]["rule"]
    released = code(pipeline, "Three Russians were released from captivity in Libya.")
    assert [(e["source_country"], e["target_country"]) for e in released] == [("LBY", "RUS")]


def test_easing_emergency_rule(pipeline: Pipeline) -> None:
    events = code(pipeline, "Serbia eased emergency measures in Montenegro.")
    assert [(e["event_type"], e["cameo"], e["target_country"]) for e in events] == [
        ("RETREAT", "0814", "MNE")
    ]


def test_a_participle_misread_as_the_subject_passes_on_its_own(pipeline: Pipeline) -> None:
    """spaCy reads 'The Red Cross operating in Iraq said ...' with 'operating' as the subject
    of 'said'; the speaker is the Red Cross."""
    events = code(pipeline, "The Red Cross operating in Iraq said Britain must ensure security.")
    assert [(e["source_actor_id"], e["event_type"], e["target_country"]) for e in events] == [
        ("ICRC", "REQUEST", "GBR")
    ]


def test_insisting_on_a_demand_that_someone_act_asks_them(pipeline: Pipeline) -> None:
    """'The main Hutu rebel group insisted on its demands that Burundi's government grant
    ...': an unknown group name on 'rebel group' is a rebel group of the context's country,
    and the demand's clause names who is asked."""
    events = code(
        pipeline,
        "The main Hutu rebel group insisted on its demands that Burundi's government grant "
        "the Hutu majority more rights.",
    )
    assert [(e["source_actor_id"], e["event_type"], e["target_country"]) for e in events] == [
        ("BDI.REB", "REQUEST", "BDI")
    ]


def test_a_passive_agent_hung_on_the_prepositional_object(pipeline: Pipeline) -> None:
    """spaCy hangs 'by Belarusian officials' on 'corruption' in 'was accused of corruption by
    Belarusian officials': it is still the accuser; 'of the killing by X' names a killer."""
    events = code(pipeline, "Lukashenko has been accused of corruption by Belarusian officials.")
    assert [(e["source_country"], e["event_type"], e["target_actor_id"]) for e in events] == [
        ("BLR", "ACCUSE", "lukashenko")
    ]


def test_sums_of_money_and_business_people(pipeline: Pipeline) -> None:
    """'US $50 million' names no state; 'a Saudi businessman' is Saudi business."""
    events = code(pipeline, "A Saudi businessman is suing the United States for US $50 million.")
    assert [(e["source_actor_id"], e["event_type"], e["target_country"]) for e in events] == [
        ("SAU.BUS", "ACCUSE", "USA")
    ]


def test_calling_for_someone_to_act_asks_them(pipeline: Pipeline) -> None:
    """'called for Russia to withdraw its troops': the for-clause's subject is the one asked;
    the withdrawal is asked for, not done."""
    events = code(pipeline, "Lukashenko called for Russia to withdraw its troops.")
    assert [(e["source_country"], e["event_type"], e["target_country"]) for e in events] == [
        ("BLR", "REQUEST", "RUS")
    ]
    assert events[0]["rule"] == "control:call for>withdraw"
    pushed = code(pipeline, "The UK pushed hard for the US support its plan.")
    assert dyads(pushed) == {("GBR", "REQUEST", "USA")}


def test_gathering_for_a_rally_is_holding_it(pipeline: Pipeline) -> None:
    events = code(pipeline, "Thousands of Belarusians gathered for a rally in Minsk.")
    assert [(e["source_actor_id"], e["event_type"], e["target_country"]) for e in events] == [
        ("BLR.CVL", "PROTEST", "BLR")
    ]


def test_withdrawn_forces_retreat_from_where_they_were_stationed(pipeline: Pipeline) -> None:
    """'Russian troops stationed in Belarus were withdrawn': the place is on the subject's
    participle; demobilised rebels stand down before their own government."""
    events = code(pipeline, "Russian troops stationed in Belarus were withdrawn.")
    assert dyads(events) == {("RUS", "RETREAT", "BLR")}
    rebels = code(pipeline, "Ukrainian rebels have been demobilized.")
    assert [(e["source_actor_id"], e["target_country"]) for e in rebels] == [("UKR.REB", "UKR")]
    assert "home-government" in rebels[0]["rule"]


def test_a_control_verbs_infinitive_read_as_a_purpose_clause(pipeline: Pipeline) -> None:
    """spaCy reads 'have sworn to fight' with 'to fight' as a purpose clause; it is still the
    oath's complement (a threat). A domestic group's threat with no one named is aimed at its
    own government, as its protests are."""
    events = code(
        pipeline, "Ethnic Russians in Moldova have sworn to fight until they win autonomy."
    )
    assert [(e["event_type"], e["rule"].split()[0]) for e in events] == [
        ("THREATEN", "control:swear>fight")
    ]
    threat = code(pipeline, "Belarusian workers threatened to strike.")
    assert [(e["source_actor_id"], e["event_type"], e["target_country"]) for e in threat] == [
        ("BLR.CVL", "THREATEN", "BLR")
    ]
    assert "home-government" in threat[0]["rule"]
