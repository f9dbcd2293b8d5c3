"""The public notice of article 21: which entries it shows (those in force today), filtered
and paged, and its printable HTML page.

Everything here works on the in-memory snapshot, whose versions hold only what the change
feed published (`history.public_fields`), so the notice cannot show a field the public may
not see. The entries in force on a day are worked out once per snapshot and day
(`CurrentCache`); a request then costs a binary search and a scan of the current entries at
most — never the database, never the whole history.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from app.blacklist import errors
from app.blacklist.catalog import BASES, LegalBasis, ReasonCategory
from app.blacklist.labels import REASON_LABELS, reason_label, role_label
from app.blacklist.names import name_key
from app.blacklist.snapshot import PublicVersion, Snapshot
from app.core.errors import ErrorType, FieldError, Problem
from app.core.html_pages import Notice, notice_page
from app.regions.containment import contains

SortKey = tuple[date, str]  # (effective_from, entry id); served in descending order
HTML_ROW_CAP = 1000
SEED_BASIS = BASES[LegalBasis.HUIJI_2014].title  # 惠政文〔2014〕53号第二十一条


@dataclass(frozen=True)
class NoticeFilter:
    """The notice's filters; `name` is the typed text, `key` its names.name_key."""

    region: str | None = None
    reason: ReasonCategory | None = None
    listed_from: date | None = None
    listed_to: date | None = None
    name: str | None = None
    key: str | None = None

    @classmethod
    def of(
        cls,
        *,
        region: str | None,
        reason: ReasonCategory | None,
        listed_from: date | None,
        listed_to: date | None,
        q: str | None,
    ) -> NoticeFilter:
        """Checked filters: an inverted date range or a name of only noise is a 422 rather
        than an empty notice, which would read as "nobody is listed"."""
        if listed_from and listed_to and listed_from > listed_to:
            raise _bad("query.listed_from", "after listed_to", errors.INVALID_DATE_RANGE)
        key = name_key(q) if q is not None else None
        if key == "":
            raise _bad("query.q", "nothing to search for once normalized", errors.EMPTY_QUERY)
        return cls(region or None, reason, listed_from, listed_to, q, key)

    def matches(self, version: PublicVersion) -> bool:
        fields = version.fields
        return (
            (self.region is None or contains(self.region, fields["region_code"]))
            and (self.reason is None or fields["reason"] == self.reason.value)
            and (self.listed_from is None or version.effective_from >= self.listed_from)
            and (self.listed_to is None or version.effective_from <= self.listed_to)
            and (self.key is None or self.key in version.name_key)
        )


def _bad(field: str, message: str, error: ErrorType) -> Problem:
    return error.problem(
        f"Invalid filter {field}: {message}.",
        errors=[FieldError(field=field, message=message, code=error.code)],
    )


@dataclass(frozen=True)
class CurrentEntries:
    """The entries in force on `day` as of `dataset_version`, ascending by sort key (pages
    are served from the end: newest effective_from first, then the higher id)."""

    dataset_version: int
    day: date
    entries: tuple[PublicVersion, ...]
    keys: tuple[SortKey, ...]


def current_entries(snapshot: Snapshot, day: date, as_then: bool = False) -> CurrentEntries:
    """DESIGN §9: the public notice shows current entries only, in their latest state. With
    `as_then`, the notice as it stood on `day`: each entry in the last state the feed had
    published by the end of that day, if in force on it."""
    published = (
        _published_by(history, day) if as_then else history[-1]
        for history in snapshot.versions.values()
    )
    entries = sorted(
        (v for v in published if v is not None and v.in_force(day)),
        key=lambda v: (v.effective_from, v.entry_id),
    )
    keys = tuple((v.effective_from, v.entry_id) for v in entries)
    return CurrentEntries(snapshot.dataset_version, day, tuple(entries), keys)


class CurrentCache:
    """The entries in force of the last snapshot, by day asked for (today, and the few past
    days `as_of` asks about). Snapshots are immutable and replaced on change, so identity is
    a complete key; a new one empties the cache. A race between two requests only computes
    the same value twice."""

    DAYS = 16  # past notices kept per snapshot: an anonymous caller cannot grow it further

    def __init__(self) -> None:
        self._slot: tuple[Snapshot, dict[tuple[date, bool], CurrentEntries]] = (Snapshot(), {})

    def get(self, snapshot: Snapshot, day: date, as_then: bool = False) -> CurrentEntries:
        cached, by_day = self._slot
        if cached is not snapshot:
            by_day = {}
        current = by_day.get((day, as_then))
        if current is None:
            current = current_entries(snapshot, day, as_then)
            # Copied, never changed in place: requests in other threads read the old one.
            kept = list(by_day.items())[-(self.DAYS - 1) :]
            self._slot = (snapshot, {**dict(kept), (day, as_then): current})
        return current


def _published_by(history: tuple[PublicVersion, ...], day: date) -> PublicVersion | None:
    if history[-1].published_on <= day:
        return history[-1]  # the usual case: nothing published since
    earlier = [v for v in history if v.published_on <= day]
    return earlier[-1] if earlier else None


def page(
    current: CurrentEntries, only: NoticeFilter, limit: int, after: SortKey | None
) -> tuple[list[PublicVersion], SortKey | None]:
    """Up to `limit` matching entries strictly after `after` in serving order, and the sort
    key to continue from (None on the last page). Keyset, so concurrent publications never
    make a page repeat or skip an entry that existed when paging began."""
    position = len(current.keys) if after is None else bisect.bisect_left(current.keys, after)
    found: list[PublicVersion] = []
    for index in range(position - 1, -1, -1):
        version = current.entries[index]
        if only.matches(version):
            if len(found) == limit:
                last = found[-1]
                return found, (last.effective_from, last.entry_id)
            found.append(version)
    return found, None


def matching(current: CurrentEntries, only: NoticeFilter) -> list[PublicVersion]:
    """Every matching entry in serving order (the HTML page counts them, prints the first)."""
    return [v for v in reversed(current.entries) if only.matches(v)]


_CSS = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; font-size: 9pt; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 6pt; text-align: center; }
p.basis { margin: 0 0 6pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0 0 8pt; }
dt { font-weight: bold; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #888; padding: 3pt 4pt; text-align: left; vertical-align: top;
  font-size: 8pt; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.code { font-family: monospace; white-space: nowrap; }
td.date { white-space: nowrap; }
.facts { display: block; color: #444; font-size: 7.5pt; margin-top: 2pt; }
p.note { font-size: 8pt; color: #444; margin: 4pt 0 0; }
"""

_COLUMNS = (
    "序号",
    "名称",
    "统一社会信用代码",
    "法定代表人",
    "责任人员",
    "失信行为",
    "列入依据",
    "认定部门",
    "决定文书号",
    "列入日期",
    "移出日期（期满）",
)


def _basis_title(code: str) -> str:
    try:
        return BASES[LegalBasis(code)].title
    except ValueError:
        return code


def last_day_listed(version: PublicVersion) -> tuple[date, bool]:
    """The last day the entry stays listed, and whether that is an early removal already
    decided (`removed_on` is the first day no longer listed)."""
    if version.removed_on is not None and version.removed_on <= version.expires_on:
        return version.removed_on - timedelta(days=1), True
    return version.expires_on, False


def _td(text: str, css: str = "") -> str:
    """One cell. Every text is escaped here: names, facts and numbers are typed by people."""
    attribute = f' class="{css}"' if css else ""
    return f"<td{attribute}>{escape(text)}</td>"


def _row(number: int, version: PublicVersion) -> str:
    fields = version.fields
    people = "；".join(
        f"{role_label(p['role'])}：{p['name']}" for p in fields["responsible_people"]
    )
    until, early = last_day_listed(version)
    reason = (
        f"<td>{escape(reason_label(fields['reason']))}"
        f'<span class="facts">{escape(fields["facts"])}</span></td>'
    )
    return (
        "<tr>"
        + _td(str(number))
        + _td(fields["subject_name"])
        + _td(fields["credit_code"], "code")
        + _td(fields["legal_representative"])
        + _td(people)
        + reason
        + _td(_basis_title(fields["legal_basis"]))
        + _td(fields["deciding_authority"])
        + _td(fields["decision_number"])
        + _td(fields["effective_from"], "date")
        + _td(until.isoformat() + ("（提前移出）" if early else ""), "date")
        + "</tr>"
    )


def _filters_text(only: NoticeFilter) -> str:
    parts = []
    if only.region:
        parts.append(f"区域 {only.region}")
    if only.reason:
        parts.append(f"失信行为 {REASON_LABELS[only.reason]}")
    if only.listed_from or only.listed_to:
        start = only.listed_from.isoformat() if only.listed_from else "…"
        end = only.listed_to.isoformat() if only.listed_to else "…"
        parts.append(f"列入日期 {start} 至 {end}")
    if only.name:
        parts.append(f"名称包含“{only.name}”")
    return "；".join(parts)


def notice_html(
    current: CurrentEntries, only: NoticeFilter, cap: int = HTML_ROW_CAP
) -> tuple[str, int]:
    """The printable notice (A4) of the matching current entries, at most `cap` rows; and
    how many matched in all. Self-contained: inline CSS, no script, no external resource."""
    found = matching(current, only)
    shown = found[:cap]
    as_of = current.day.isoformat()
    facts = [
        ("公告日期", as_of),
        ("数据版本", str(current.dataset_version)),
        ("在列主体", f"{len(found)} 个"),
    ]
    if filters := _filters_text(only):
        facts.append(("筛选条件", filters))
    notes = [
        "“移出日期（期满）”为列入期间的最后一日，次日起移出名单；名单不公开个人身份证件号码。",
    ]
    if len(found) > len(shown):
        notes.append(
            f"共 {len(found)} 个主体，本页列出前 {len(shown)} 个；"
            "请缩小筛选范围，或通过 /v1/public/blacklist 分页获取全部。"
        )
    page_html = notice_page(
        Notice(
            title="安全生产严重失信主体名单公告",
            as_of=as_of,
            basis=f"根据{SEED_BASIS}，现将截至 {as_of} "
            "仍在列入期内的安全生产严重失信主体公告如下。",
            facts=facts,
            columns=_COLUMNS,
            rows_html="".join(_row(n, v) for n, v in enumerate(shown, start=1)),
            when_empty="当前无在列主体。",
            notes=notes,
            css=_CSS,
        )
    )
    return page_html, len(found)
