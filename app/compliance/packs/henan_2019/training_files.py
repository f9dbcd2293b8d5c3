"""Art. 16 para 4 of pack `henan-2019`: each training is on file with its time, place,
content, participants and result. Only this layer asks for the place."""

from __future__ import annotations

from collections.abc import Iterable

from app.compliance.facts import Facts
from app.compliance.packs import look_back
from app.compliance.packs.common_duties import TRAINING_FILES
from app.compliance.packs.henan_2019.params import TRAINING_FILES_LOOK_BACK_MONTHS, latest
from app.compliance.packs.verdicts import failed as _fail
from app.compliance.packs.verdicts import not_applicable as _na
from app.compliance.packs.verdicts import passed as _pass
from app.compliance.rules import Deadline, Finding, Rule, Severity, Text
from app.registry.training.models import TrainingSession

CONCERNS = ("training-sessions", "training-attendances")


def _held_in_window(facts: Facts) -> list[TrainingSession]:
    """Sessions ended inside the look-back (the cut leaves only those ended by the date)."""
    start = look_back.look_back_start(facts, TRAINING_FILES_LOOK_BACK_MONTHS)
    return [s for s in facts.sessions.values() if s.ended_on > start]


def _attended(facts: Facts) -> set[str]:
    return {a.session_id for a in facts.attendances}


def _incomplete(facts: Facts, sessions: Iterable[TrainingSession]) -> list[TrainingSession]:
    """Time, content and each attendance's result are required by the registry; the place
    may be left out, and a session may have no attendance (no participants, no results)."""
    attended = _attended(facts)
    return [s for s in sessions if not (s.place or "").strip() or s.id not in attended]


def training_files(facts: Facts) -> Finding:
    """16.1: every session held in the look-back has a place and at least one participant
    with a result on file."""
    sessions = _held_in_window(facts)
    if not sessions:
        return _na("考察期内未登记安全培训。", "No training session is recorded in the look-back.")
    incomplete = _incomplete(facts, sessions)
    if incomplete:
        return _fail(
            f"{len(incomplete)}次培训的档案不全（缺地点或参加人员及考核结果）。",
            f"{len(incomplete)} training session file(s) lack the place or the participants "
            "and their results.",
            tuple(s.id for s in incomplete),
            min(s.ended_on for s in incomplete),
        )
    return _pass(
        "考察期内的培训均记录了时间、地点、内容、参加人员和考核结果。",
        "Every session in the look-back has its time, place, content, participants and "
        "results on file.",
        tuple(s.id for s in sessions),
    )


def training_files_deadlines(facts: Facts) -> list[Deadline]:
    """An incomplete file is overdue from the session's end; every session in the window
    leaves it one day (the finding may change then: no alert)."""
    sessions = _held_in_window(facts)
    incomplete = _incomplete(facts, sessions)
    overdue = [
        Deadline(
            s.ended_on,
            "training_file_incomplete",
            Text("培训档案应补全地点、参加人员和考核结果", "Training file to be completed"),
            s.id,
            concerns=CONCERNS,
        )
        for s in incomplete
    ]
    leaving = [
        Deadline(
            look_back.leaves_look_back(facts, TRAINING_FILES_LOOK_BACK_MONTHS, s.ended_on),
            "training_file_leaves_look_back",
            Text("培训离开考察期", "Training session leaves the look-back"),
            s.id,
            concerns=CONCERNS,
            alert=False,
        )
        for s in sessions
    ]
    return overdue + leaving


RULES: tuple[Rule, ...] = (
    Rule(
        "HN2019-16.1",
        "16",
        Text("安全生产教育和培训档案", "Safety training files"),
        Text(
            f"所有单位（最近{latest(TRAINING_FILES_LOOK_BACK_MONTHS)}个月内举办的培训）",
            f"All units (sessions held in the last {latest(TRAINING_FILES_LOOK_BACK_MONTHS)} "
            "months)",
        ),
        Text(
            "为每次培训如实记录时间、地点、内容、参加人员和考核结果。",
            "Record the time, place, content, participants and results of every session.",
        ),
        Severity.MINOR,
        training_files,
        (TRAINING_FILES_LOOK_BACK_MONTHS,),
        training_files_deadlines,
        duty=TRAINING_FILES,
        article_text=Text(
            "第十六条 ……生产经营单位应当建立从业人员安全生产教育和培训档案，如实记录安全生产"
            "教育和培训的时间、地点、内容、参加人员以及考核结果等情况。",
            "Art. 16. … Units shall keep files of their staff's safety education and "
            "training, recording truthfully the time, place, content, participants and "
            "assessment results of each training.",
        ),
    ),
)
