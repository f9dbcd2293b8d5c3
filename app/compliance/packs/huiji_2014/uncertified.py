"""Art. 24 of pack `huiji-2014`: nobody works without the certificate or the training the post
needs, and an enterprise where someone does stops to rectify (停产整顿). It reads the same
judgements as 18.3 (special-operation certificates) and 18.4 (new hires' education)."""

from __future__ import annotations

from datetime import timedelta

from app.compliance.facts import Facts
from app.compliance.packs.huiji_2014.params import (
    HIGH_RISK_CATEGORIES,
    HIGH_RISK_CODES,
    HIGH_RISK_CODES_PROVISIONAL,
    NEW_HIRE_HOURS,
    NEW_HIRE_HOURS_CONSTRUCTION,
    NEW_HIRE_HOURS_HIGH_RISK,
    TRAINING_HIGH_RISK,
)
from app.compliance.packs.huiji_2014.quotes import ART_24_UNCERTIFIED
from app.compliance.packs.huiji_2014.training import inductions
from app.compliance.packs.special_operations import assignments_judged
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.packs.verdicts import unknown as _unknown
from app.compliance.rules import Duty, Finding, Rule, Severity, Text
from app.law.special_operations import (
    EXTENDED_REVIEW_YEARS,
    REVIEW_APPLICATION_DAYS,
    REVIEW_YEARS,
)

# Only this pack orders work to stop for it: its own duty, not national law's certificates
# or induction training, whose rules judge one side each without the consequence
# (decision 128).
UNCERTIFIED_WORK = Duty(
    "uncertified_work",
    Text("无证上岗停产整顿", "No uncertified or untrained work (stop to rectify)"),
)


_DAY = timedelta(days=1)


def no_uncertified_work(facts: Facts) -> Finding:
    """24.2: on the date, nobody in service works a special operation without a valid,
    reviewed certificate of its category (18.3's judgement), and no new hire works without
    the three-level education (18.4's, counted by the date however late: the seed forbids
    the work, and once the training is done the work is no longer untrained)."""
    judged = assignments_judged(facts)
    inducted = inductions(facts)
    if not judged.assigned and not inducted:
        return _na(
            "未登记特种作业岗位人员，也无2014年6月17日后入职的在岗从业人员。",
            "No special-operation assignment is recorded and nobody in service was hired on "
            "or after 2014-06-17.",
        )
    uncertified = {key.split(":", 1)[0] for key in judged.lacking}
    untrained = {person_id for person_id, done in inducted.items() if not done.by_date}
    lacking = tuple(sorted(uncertified | untrained))
    if lacking:
        return _fail(
            f"{len(lacking)}人无证或未经安全教育培训合格上岗作业（特种作业无有效操作证"
            f"{len(uncertified)}人，新员工未完成三级安全教育{len(untrained)}人）；依照第24条，"
            "企业应停产整顿，整改合格前不得恢复生产。",
            f"{len(lacking)} person(s) work without the certificate or the training the post "
            f"needs ({len(uncertified)} special operation(s) without a valid certificate, "
            f"{len(untrained)} new hire(s) without the three-level education); under art. 24 "
            "production should stop until this is rectified.",
            lacking,
        )
    if judged.pending:
        pending = tuple(sorted({key.split(":", 1)[0] for key in judged.pending}))
        return _unknown(
            f"{len(pending)}人的特种作业操作证已按期申请复审，等待考核发证机关确认。",
            f"{len(pending)} person(s): a special-operation certificate's review was applied "
            "for on time and awaits the authority.",
            pending,
            branch="review_pending",
        )
    return _pass(
        "在岗人员均持证并经安全教育培训合格上岗。",
        "Everyone in service works with the certificate and the training the post needs.",
        judged.used,
        due=judged.next_change - _DAY if judged.next_change else None,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "HJ2014-24.2",
        "24",
        Text("无证上岗停产整顿", "No uncertified work"),
        Text(
            "登记了特种作业岗位或2014年6月17日起入职在岗人员的企业",
            "Enterprises recording special-operation assignments or employees in service hired "
            "on or after 2014-06-17",
        ),
        Text(
            "特种作业人员持有效操作证、新员工完成三级安全教育后方可上岗；存在无证上岗人员的，"
            "停产整顿，整改合格后方可恢复生产。",
            "Let nobody work a special operation without a valid certificate, nor a new hire "
            "without the three-level education; where someone does, stop production until it "
            "is rectified.",
        ),
        Severity.CRITICAL,
        no_uncertified_work,
        (
            REVIEW_YEARS,
            EXTENDED_REVIEW_YEARS,
            REVIEW_APPLICATION_DAYS,
            TRAINING_HIGH_RISK,
            HIGH_RISK_CATEGORIES,
            HIGH_RISK_CODES,
            HIGH_RISK_CODES_PROVISIONAL,
            NEW_HIRE_HOURS,
            NEW_HIRE_HOURS_HIGH_RISK,
            NEW_HIRE_HOURS_CONSTRUCTION,
        ),
        duty=UNCERTIFIED_WORK,
        article_text=ART_24_UNCERTIFIED,
    ),
)
