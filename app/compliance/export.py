"""The compliance report as files to hand on: CSV for spreadsheets, a printable HTML page.

Pure functions from the JSON report (already in the caller's language) to text, so the
three forms cannot disagree. The HTML is self-contained (inline CSS, no script, no external
resource) and every value is escaped: enterprise names and messages are user data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from app.compliance.schemas import FindingOut, ReportOut
from app.core.spreadsheet import safe_row

BOM = "\ufeff"  # lets Excel detect UTF-8 and show Chinese correctly


@dataclass(frozen=True)
class Subject:
    """Who the report is about, as printed on it."""

    name: str
    credit_code: str


_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "安全生产合规报告",
        "enterprise": "企业名称",
        "credit_code": "统一社会信用代码",
        "as_of": "评估日期",
        "pack": "规则包",
        "pack_version": "版本",
        "packs": "适用规则包",
        "layers": "法规层级",
        "absent": "无规则包",
        "duties": "逐项义务",
        "duty": "义务",
        "decided_by": "决定结论的规则",
        "national": "国家",
        "province": "省",
        "prefecture": "市",
        "county": "县（区）",
        "town": "乡镇（街道）",
        "summary": "评估汇总",
        "failing": "不符合项（按严重程度）",
        "findings": "逐条结果",
        "citation": "条款",
        "rule": "规则编号",
        "rule_title": "要求",
        "status": "结论",
        "severity": "严重程度",
        "message": "说明",
        "evidence": "依据记录",
        "due": "到期日",
        "remediation": "整改措施",
        "none": "无",
        "note": "结论“无法判断”表示缺少判断所需的数据，说明中列出应登记的内容。",
        "pass": "符合",
        "fail": "不符合",
        "not_applicable": "不适用",
        "unknown": "无法判断",
        "critical": "严重",
        "major": "较大",
        "minor": "一般",
        "advisory": "倡导性",
        "basis": "适用的法定值（生效日期、出处）",
        "branch": "判定分支",
        "provisional": "暂定",
        "records_used": "所用记录及日期",
        "evaluation_id": "评估编号",
        "yes": "是",
        "no": "否",
    },
    "en": {
        "title": "Work-safety compliance report",
        "enterprise": "Enterprise",
        "credit_code": "Unified social credit code",
        "as_of": "As of",
        "pack": "Rule pack",
        "pack_version": "Version",
        "packs": "Packs applied",
        "layers": "Layers of law",
        "absent": "no pack",
        "duties": "Duties",
        "duty": "Duty",
        "decided_by": "Decided by",
        "national": "National",
        "province": "Province",
        "prefecture": "Prefecture",
        "county": "County",
        "town": "Town",
        "summary": "Summary",
        "failing": "Failing, by severity",
        "findings": "Findings",
        "citation": "Article",
        "rule": "Rule",
        "rule_title": "Requirement",
        "status": "Status",
        "severity": "Severity",
        "message": "Message",
        "evidence": "Evidence",
        "due": "Due",
        "remediation": "Remediation",
        "none": "none",
        "note": "“Unknown” means the data to decide is missing; the message says what to record.",
        "pass": "Pass",
        "fail": "Fail",
        "not_applicable": "Not applicable",
        "unknown": "Unknown",
        "critical": "Critical",
        "major": "Major",
        "minor": "Minor",
        "advisory": "Advisory",
        "basis": "Legal values used (in force from, source)",
        "branch": "Branch",
        "provisional": "Provisional",
        "records_used": "Records used, with dates",
        "evaluation_id": "Evaluation",
        "yes": "yes",
        "no": "no",
    },
}
_STATUSES = ("pass", "fail", "not_applicable", "unknown")
_SEVERITIES = ("critical", "major", "minor", "advisory")


def _labels(report: ReportOut) -> dict[str, str]:
    return _LABELS.get(report.language, _LABELS["zh"])


def _evidence(finding: FindingOut) -> str:
    return "; ".join(finding.evidence)


def _value(value: object) -> str:
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}→{v}" for k, v in value.items())
    return str(value)


def basis(finding: FindingOut, labels: dict[str, str]) -> str:
    """Each legal value used, compactly: `300 employees (from 2014-06-17, 惠政文〔2014〕53号
    第十七条)`, provisional ones marked."""
    parts = []
    for v in finding.trace.values:
        mark = f" [{labels['provisional']}]" if v.provisional else ""
        cited = f"{v.source.document} {v.source.article}".strip()
        parts.append(f"{_value(v.value)} {v.unit} ({v.effective_from.isoformat()}, {cited}){mark}")
    return "; ".join(parts)


def records_used(finding: FindingOut) -> str:
    """`id (issued_on 2020-01-01, expires_on 2026-01-01)`; …"""
    return "; ".join(
        f"{r.id} ({', '.join(f'{k} {d.isoformat()}' for k, d in r.dates.items())})"
        for r in finding.trace.records
    )


# What each finding shows, in order; the CSV adds the enterprise and pack to every row.
FINDING_COLUMNS = (
    "citation",
    "duty",
    "rule",
    "rule_title",
    "status",
    "severity",
    "message",
    "evidence",
    "due",
    "remediation",
)


def report_csv(report: ReportOut, subject: Subject) -> str:
    """One row per finding; the enterprise, date and the finding's pack repeat on every row
    so that the reports of several enterprises can be stacked into one sheet."""
    labels = _labels(report)
    columns = [
        *FINDING_COLUMNS,
        "basis",
        "branch",
        "provisional",
        "records_used",
        "evaluation_id",
        "enterprise",
        "credit_code",
        "as_of",
        "pack",
        "pack_version",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([labels[c] for c in columns])
    versions = {p.id: p.version for p in report.packs}
    for f in report.findings:
        row = [
            f.citation,
            f.duty,
            f.rule_id,
            f.title,
            labels[f.status.value],
            labels[f.severity.value],
            f.message,
            _evidence(f),
            f.due.isoformat() if f.due else "",
            f.remediation,
            basis(f, labels),
            f.trace.branch or "",
            labels["yes" if f.provisional else "no"],
            records_used(f),
            report.evaluation_id,
            subject.name,
            subject.credit_code,
            report.as_of.isoformat(),
            f.pack,
            versions[f.pack],
        ]
        writer.writerow(safe_row(row))
    return BOM + buffer.getvalue()


def content_disposition(report: ReportOut, subject: Subject, extension: str) -> str:
    """An ASCII file name for every client, and the enterprise's own name (RFC 6266)."""
    ascii_name = f"compliance-{report.enterprise_id}-{report.as_of.isoformat()}.{extension}"
    local = f"{subject.name}-{report.as_of.isoformat()}.{extension}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(local, safe='')}"


_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #888; padding: 3pt 4pt; text-align: left; vertical-align: top;
  font-size: 8.5pt; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.evidence { font-family: monospace; font-size: 8pt; word-break: break-all; }
td.basis { font-size: 7pt; color: #333; }
.status { font-weight: bold; white-space: nowrap; }
.fail { color: #a00; }
.unknown { color: #a60; }
.pass { color: #060; }
.not_applicable { color: #555; }
p.note { font-size: 8pt; color: #444; }
@media print { h2 { break-after: avoid; } }
"""


def _cells(values: list[tuple[str, str]]) -> str:
    """Table cells from (class, text); every text escaped here and nowhere else."""
    return "".join(
        f'<td class="{escape(css)}">{escape(text)}</td>' if css else f"<td>{escape(text)}</td>"
        for css, text in values
    )


def _summary(report: ReportOut, labels: dict[str, str]) -> str:
    counts = report.summary.by_status
    failing = report.summary.failing_by_severity
    head = "".join(f"<th>{escape(labels[s])}</th>" for s in _STATUSES)
    row = _cells([(s, str(counts.get(s, 0))) for s in _STATUSES])
    english = report.language == "en"
    failing_text = (", " if english else "、").join(
        f"{labels[s]} {failing[s]}" for s in _SEVERITIES if failing.get(s)
    )
    colon = ": " if english else "："
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>"
        f"<p>{escape(labels['failing'] + colon + (failing_text or labels['none']))}</p>"
    )


def _finding_row(report: ReportOut, f: FindingOut, labels: dict[str, str]) -> str:
    return (
        "<tr>"
        + _cells(
            [
                ("", f.citation),
                ("", f.duty),
                ("", f.rule_id),
                ("", f.title),
                (f"status {f.status.value}", labels[f.status.value]),
                ("", labels[f.severity.value]),
                ("", f.message),
                ("evidence", _evidence(f)),
                ("", f.due.isoformat() if f.due else ""),
                ("", f.remediation),
                ("basis", basis(f, labels)),
            ]
        )
        + "</tr>"
    )


def _duties(report: ReportOut, labels: dict[str, str]) -> str:
    """Each duty once: its status, the rule deciding it and every layer's articles on it."""
    columns = ("duty", "status", "severity", "decided_by", "citation")
    head = "".join(f"<th>{escape(labels[c])}</th>" for c in columns)
    rows = "".join(
        "<tr>"
        + _cells(
            [
                ("", d.title),
                (f"status {d.status.value}", labels[d.status.value]),
                ("", labels[d.severity.value]),
                ("", d.decided_by),
                ("", "; ".join(d.citations)),
            ]
        )
        + "</tr>"
        for d in report.duties
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _layers(report: ReportOut, labels: dict[str, str]) -> str:
    """`National: prc-2021; Province 410000: henan-2019; Prefecture 410100: no pack …`."""
    return "; ".join(
        f"{labels[layer.level]} {layer.region}: "
        + (", ".join(layer.packs) if layer.packs else labels["absent"])
        for layer in report.layers
    )


def report_html(report: ReportOut, subject: Subject) -> str:
    """A printable page (A4) a safety officer can hand to management."""
    labels = _labels(report)
    columns = (*FINDING_COLUMNS, "basis")
    head = "".join(f"<th>{escape(labels[c])}</th>" for c in columns)
    rows = "".join(_finding_row(report, f, labels) for f in report.findings)
    facts = [
        ("enterprise", subject.name),
        ("credit_code", subject.credit_code),
        ("as_of", report.as_of.isoformat()),
        ("packs", "; ".join(f"{p.title} ({p.id} {p.version})" for p in report.packs)),
        *([("layers", _layers(report, labels))] if report.layers else []),
        ("evaluation_id", report.evaluation_id),
    ]
    details = "".join(f"<dt>{escape(labels[k])}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    language = "en" if report.language == "en" else "zh-CN"
    title = f"{labels['title']} — {subject.name} — {report.as_of.isoformat()}"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(labels['title'])}</h1>\n<dl>{details}</dl>\n"
        f"<h2>{escape(labels['summary'])}</h2>\n{_summary(report, labels)}\n"
        f"<h2>{escape(labels['duties'])}</h2>\n{_duties(report, labels)}\n"
        f"<h2>{escape(labels['findings'])}</h2>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n"
        f'<p class="note">{escape(labels["note"])}</p>\n</body>\n</html>\n'
    )
