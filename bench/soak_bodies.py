"""Request bodies the soak test's enterprise admins send: valid, varied, and dated in the
past so no rule of the API refuses them (a refusal would show up as an error of the run).
No app imports: this runs in the locust process, which should stay light."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

DEPARTMENTS = ("生产车间", "机加工车间", "仓储部", "设备部", "安全环保部", "行政部")
POSTS = ("操作工", "电工", "焊工", "叉车司机", "班组长", "安全员", "仓管员")
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ("建国", "秀英", "志强", "海燕", "明", "丽", "军", "红梅", "伟", "静")
# GB 11643 (ISO 7064 MOD 11-2): weights 2^(17-i) mod 11 and the check characters by remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
EARLIEST_BIRTH = date(1965, 1, 1)


def resident_id(number: int) -> str:
    """A valid ID number of Huiji District, distinct for each number below ~3.6 million:
    the birth date moves a day every 300 numbers, the sequence counts within the day."""
    born = EARLIEST_BIRTH + timedelta(days=number // 300)
    first17 = f"410108{born:%Y%m%d}{100 + number % 300:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return first17 + _CHECK[total % 11]


def _some_day(first: date, days: int) -> str:
    return (first + timedelta(days=random.randrange(days))).isoformat()


def person(number: int) -> dict[str, Any]:
    """Hired 2020–2024, so in service for the 2025 training sessions; a quarter exposed to
    noise, which brings the health-exam rules into the compliance report."""
    hired = _some_day(date(2020, 1, 1), 5 * 365)
    body: dict[str, Any] = {
        "name": random.choice(SURNAMES) + random.choice(GIVEN),
        "id_number": resident_id(number),
        "department": random.choice(DEPARTMENTS),
        "position": random.choice(POSTS),
        "hire_date": hired,
    }
    if random.random() < 0.25:
        body["exposures"] = [{"factor": "noise", "level": "87 dB(A)", "started_on": hired}]
    return body


def person_update() -> dict[str, Any]:
    return {"department": random.choice(DEPARTMENTS), "position": random.choice(POSTS)}


def training_session() -> dict[str, Any]:
    started = _some_day(date(2025, 1, 6), 600)
    return {
        "kind": random.choice(("annual", "company_level", "workshop_level", "team_level")),
        "title": "安全生产教育培训",
        "provider": "郑州市安全生产培训中心",
        "started_on": started,
        "hours": random.choice((4, 8, 16)),
    }


def danger() -> dict[str, Any]:
    """Found, described and graded; the five fields come later with a patch."""
    return {
        "found_on": _some_day(date(2026, 1, 1), 300),
        "description": random.choice(
            ("配电箱门缺失，带电部分裸露", "消防通道堆放杂物", "砂轮机防护罩缺失", "气瓶未固定")
        ),
        "location": random.choice(DEPARTMENTS),
        "level": "major" if random.random() < 0.05 else "general",
    }


def danger_update(responsible_person_id: str) -> dict[str, Any]:
    return {
        "measures": "立即整改并加强巡查",
        "responsible_person_id": responsible_person_id,
        "funds": f"{random.randrange(100, 5000)}.00",
        "deadline": _some_day(date(2026, 12, 1), 60),
        "contingency_plan": "整改期间设置警示标识，专人看护",
    }
