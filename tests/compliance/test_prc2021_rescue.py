"""National law art. 82 with 生产安全事故应急条例 art. 10 (PRC2021-82.1: a rescue team, or
part-time rescuers for a small or micro enterprise) and art. 81 with the regulation's arts. 5
and 7 (PRC2021-81.2: plans published to the staff, and for the listed units filed and
published to society), each shown in the five ways (coverage.py)."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import judge
from app.compliance.rules import Status
from app.compliance.stack import alone
from tests.compliance.coverage import covers
from tests.compliance.facts_builder import FactsBuilder
from tests.compliance.rule_checks import DAY, finding, ignores_later, pack_of, status
from tests.compliance.test_henan2019_api import _patch
from tests.compliance.test_report import _finding, _post, _report
from tests.support.world import World

RESCUE, PLANS = "PRC2021-82.1", "PRC2021-81.2"
BEFORE = date(2021, 8, 31)  # the day before the 2021 amendment
D = date(2025, 6, 1)
START = date(2024, 1, 1)
CONSTRUCTION = {"high_risk_category": "construction", "sme_class": "medium"}
SMALL_CONSTRUCTION = {"high_risk_category": "construction", "sme_class": "small"}
MANUFACTURER = {"high_risk_category": None, "industry_code": "C3311"}
API_AS_OF = "2026-06-01"


# --- PRC2021-82.1: a rescue team or part-time rescuers ----------------------------------------


@covers(RESCUE, "pass", "fail")
def test_prc2021_82_1_a_listed_unit_sets_up_a_team() -> None:
    builder = FactsBuilder()
    assert status(RESCUE, builder, D, **CONSTRUCTION) is Status.FAIL
    team = builder.rescue("own_team", START)
    passed = finding(RESCUE, builder, D, **CONSTRUCTION)
    assert (passed.status, passed.evidence, passed.branch) == (Status.PASS, (team.id,), "team")


@covers(RESCUE, "fail")
def test_prc2021_82_1_designated_rescuers_do_only_for_a_small_or_micro_enterprise() -> None:
    builder = FactsBuilder()
    designated = builder.rescue("designated_rescuers", START)
    medium = finding(RESCUE, builder, D, **CONSTRUCTION)
    assert (medium.status, medium.evidence, medium.branch) == (
        Status.FAIL,
        (designated.id,),
        "team",
    )
    assert "only a small or micro enterprise" in medium.message.en
    for size in ("small", "micro"):
        small = finding(RESCUE, builder, D, high_risk_category="construction", sme_class=size)
        assert (small.status, small.branch) == (Status.PASS, "small"), size
    # Nobody has said how big it is: the rule cannot tell whether designating is enough.
    unsized = finding(RESCUE, builder, D, high_risk_category="construction", sme_class=None)
    assert (unsized.status, unsized.evidence) == (Status.UNKNOWN, (designated.id,))


@covers(RESCUE, "fail")
def test_prc2021_82_1_an_agreement_with_another_team_is_no_substitute() -> None:
    """应急条例 art. 10: a small unit designates rescuers "并且可以" sign an agreement."""
    builder = FactsBuilder()
    builder.rescue("agreement", START)
    found = finding(RESCUE, builder, D, **SMALL_CONSTRUCTION)
    assert (found.status, found.evidence, found.branch) == (Status.FAIL, (), "small")
    assert "no substitute" in found.message.en


@covers(RESCUE, "not_applicable")
def test_prc2021_82_1_the_regulations_list_by_category_and_code() -> None:
    """Art. 82's five kinds of unit and art. 10's additions (carriers of dangerous goods,
    crowded venues); not loading, nor road transport, nor other units."""
    builder = FactsBuilder()
    listed = [
        {"high_risk_category": "hazardous_chemicals"},
        {"high_risk_category": "dangerous_goods_trading"},
        {"high_risk_category": "coal_mining"},
        {"high_risk_category": "metal_smelting"},
        {"high_risk_category": "urban_rail_transit"},
        {"high_risk_category": "dangerous_goods_transport"},  # art. 10, not art. 82
        {"high_risk_category": "crowded_venue"},  # art. 10, not art. 82
        {"high_risk_category": None, "industry_code": "H6110"},  # hotels
        {"high_risk_category": None, "industry_code": "E4710"},  # construction by code
    ]
    for profile in listed:
        assert status(RESCUE, builder, D, sme_class="medium", **profile) is Status.FAIL, profile
    others = [
        MANUFACTURER,
        {"high_risk_category": "dangerous_goods_loading"},
        {"high_risk_category": "road_transport"},
        {"high_risk_category": None, "industry_code": "G5430"},
    ]
    for profile in others:
        assert status(RESCUE, builder, D, **profile) is Status.NOT_APPLICABLE, profile


@covers(RESCUE, "not_applicable", "boundary")
def test_prc2021_82_1_does_not_apply_before_the_2021_amendment() -> None:
    builder = FactsBuilder()
    assert status(RESCUE, builder, BEFORE, **CONSTRUCTION) is Status.NOT_APPLICABLE
    assert status(RESCUE, builder, BEFORE + DAY, **CONSTRUCTION) is Status.FAIL


@covers(RESCUE, "boundary")
def test_prc2021_82_1_a_team_counts_from_its_first_to_its_last_day() -> None:
    builder = FactsBuilder()
    builder.rescue("own_team", D, ends=D + 30 * DAY)
    assert status(RESCUE, builder, D - DAY, **CONSTRUCTION) is Status.FAIL
    assert status(RESCUE, builder, D, **CONSTRUCTION) is Status.PASS
    assert status(RESCUE, builder, D + 30 * DAY, **CONSTRUCTION) is Status.PASS
    assert status(RESCUE, builder, D + 31 * DAY, **CONSTRUCTION) is Status.FAIL


@covers(RESCUE, "after_as_of")
def test_prc2021_82_1_a_team_set_up_or_ended_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    later = ignores_later(
        RESCUE, builder, D, lambda: builder.rescue("own_team", D + DAY), **CONSTRUCTION
    )
    assert later.status is Status.FAIL
    assert status(RESCUE, builder, D + DAY, **CONSTRUCTION) is Status.PASS

    ending = FactsBuilder()
    team = ending.rescue("own_team", START)
    kept = ignores_later(
        RESCUE, ending, D, lambda: setattr(team, "ends_on", D + DAY), **CONSTRUCTION
    )
    assert kept.status is Status.PASS
    assert status(RESCUE, ending, D + 2 * DAY, **CONSTRUCTION) is Status.FAIL


# --- PRC2021-81.2: plans published, and filed by the listed units -----------------------------

ISSUED = date(2025, 1, 10)
DUE = date(2025, 2, 9)  # 30 days after the issue (decision 143)


def publication_due(builder: FactsBuilder, day: date, **profile: object) -> list[date]:
    evaluation = judge(alone(pack_of(PLANS)), builder.facts(day, **profile))
    return [
        d.due for r, d in evaluation.deadlines if r.id == PLANS and d.kind == "plan_publication_due"
    ]


@covers(PLANS, "pass", "fail", "boundary")
def test_prc2021_81_2_every_unit_publishes_its_plan_to_the_staff_within_30_days() -> None:
    builder = FactsBuilder()
    plan = builder.plan(ISSUED)
    pending = finding(PLANS, builder, DUE, **MANUFACTURER)
    assert (pending.status, pending.due, pending.branch) == (Status.PASS, DUE, "others")
    assert "still within the period" in pending.message.en
    assert publication_due(builder, DUE, **MANUFACTURER) == [DUE]
    late = finding(PLANS, builder, DUE + DAY, **MANUFACTURER)
    assert (late.status, late.evidence, late.due) == (Status.FAIL, (plan.id,), DUE)
    assert "published to the staff" in late.message.en
    assert "filed with" not in late.message.en, "others need not file"
    plan.published_on = DUE + DAY
    published = finding(PLANS, builder, DUE + DAY, **MANUFACTURER)
    assert (published.status, published.evidence, published.due) == (
        Status.PASS,
        (plan.id,),
        None,
    )
    assert publication_due(builder, DUE + DAY, **MANUFACTURER) == []


@covers(PLANS, "pass", "fail")
def test_prc2021_81_2_a_listed_unit_also_files_and_publishes_to_society() -> None:
    builder = FactsBuilder()
    plan = builder.plan(ISSUED, published=ISSUED + DAY, filed=ISSUED + 10 * DAY)
    found = finding(PLANS, builder, D, **CONSTRUCTION)
    assert (found.status, found.evidence, found.branch) == (Status.FAIL, (plan.id,), "listed")
    assert "published to society" in found.message.en
    assert "filed with" not in found.message.en
    plan.published_to_public_on = ISSUED + 12 * DAY
    assert status(PLANS, builder, D, **CONSTRUCTION) is Status.PASS
    plan.filed_on = None
    assert "filed with the regulator" in finding(PLANS, builder, D, **CONSTRUCTION).message.en
    # Listed by art. 7's words: a crowded venue and a dangerous-goods carrier file; a loader
    # does not (装卸 is not named).
    for profile in ({"high_risk_category": "crowded_venue"}, {"industry_code": "H6110"}):
        assert status(PLANS, builder, D, **profile) is Status.FAIL, profile
    assert status(PLANS, builder, D, high_risk_category="dangerous_goods_loading") is (Status.PASS)


@covers(PLANS, "not_applicable")
def test_prc2021_81_2_without_a_plan_in_force_there_is_nothing_to_publish() -> None:
    """Having no plan is 81.1's failure, not this rule's."""
    builder = FactsBuilder()
    assert status(PLANS, builder, D, **CONSTRUCTION) is Status.NOT_APPLICABLE
    builder.plan(ISSUED, withdrawn=D)
    assert status(PLANS, builder, D - DAY, **CONSTRUCTION) is Status.FAIL
    assert status(PLANS, builder, D, **CONSTRUCTION) is Status.NOT_APPLICABLE
    assert status(PLANS, FactsBuilder(), BEFORE, **CONSTRUCTION) is Status.NOT_APPLICABLE


@covers(PLANS, "after_as_of")
def test_prc2021_81_2_a_filing_or_publication_after_d_is_ignored() -> None:
    builder = FactsBuilder()
    plan = builder.plan(ISSUED, published=ISSUED + DAY)
    day = DUE + 5 * DAY

    def file_and_publish_later() -> None:
        plan.filed_on = day + DAY
        plan.published_to_public_on = day + DAY

    late = ignores_later(PLANS, builder, day, file_and_publish_later, **CONSTRUCTION)
    assert late.status is Status.FAIL
    assert status(PLANS, builder, day + DAY, **CONSTRUCTION) is Status.PASS


# --- Through the API ----------------------------------------------------------------------------


def test_stored_arrangements_and_plans_reach_the_national_rules(world: World) -> None:
    _patch(
        world,
        f"/v1/enterprises/{world.ids['enterprise_a']}",
        {"high_risk_category": "hazardous_chemicals", "sme_class": "medium"},
        actor="a_admin",
    )
    agreement = _post(
        world,
        "rescue-arrangements",
        {"form": "agreement", "team_name": "邻近救援队", "starts_on": "2026-01-01"},
    )
    plan = _post(
        world,
        "emergency-plans",
        {
            "plan_type": "comprehensive",
            "title": "综合应急预案",
            "issued_on": "2026-03-01",
            "published_on": "2026-03-02",
            "filed_on": "2026-03-10",
        },
    )
    report = _report(world, as_of=API_AS_OF, pack="prc-2021")
    unteamed = _finding(report, RESCUE)
    assert (unteamed["status"], unteamed["trace"]["records"]) == ("fail", [])
    assert agreement["id"] not in [r["id"] for r in unteamed["trace"]["records"]]
    unpublished = _finding(report, PLANS)
    assert (unpublished["status"], unpublished["due"]) == ("fail", "2026-03-31")
    assert [r["id"] for r in unpublished["trace"]["records"]] == [plan["id"]]

    team = _post(
        world,
        "rescue-arrangements",
        {
            "form": "own_team",
            "team_name": "厂区救援队",
            "starts_on": "2026-02-01",
            "rescuer_count": 12,
        },
    )
    plan_url = f"/v1/enterprises/{world.ids['enterprise_a']}/emergency-plans/{plan['id']}"
    etag = world.client.get(plan_url, headers=world["a_admin"].headers).headers["etag"]
    published = world.client.patch(
        plan_url,
        json={"published_to_public_on": "2026-03-12"},
        headers={**world["a_admin"].headers, "If-Match": etag},
    )
    assert published.status_code == 200, published.text
    report = _report(world, as_of=API_AS_OF, pack="prc-2021")
    teamed = _finding(report, RESCUE)
    assert (teamed["status"], [r["id"] for r in teamed["trace"]["records"]]) == (
        "pass",
        [team["id"]],
    )
    assert _finding(report, PLANS)["status"] == "pass"
