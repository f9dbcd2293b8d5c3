"""Which record kinds can be imported, and how each reads its file."""

from __future__ import annotations

from typing import Final

from app.registry.certificates.special import SPECIAL_OPERATION_CERTIFICATES
from app.registry.health.exams import HEALTH_EXAMS
from app.registry.imports.by_kind import KindImport
from app.registry.imports.parsing import Column
from app.registry.imports.specs import AttendanceImport, ImportSpec, PeopleImport

HEALTH_EXAM_IMPORT = KindImport(
    HEALTH_EXAMS,
    (
        Column("kind", ("检查类别", "检查类型"), required=True),
        Column("examined_on", ("检查日期",), required=True),
        Column("factors", ("危害因素", "职业病危害因素")),
        Column("institution", ("检查机构",)),
        Column("report_number", ("报告编号",)),
        Column("conclusion", ("检查结论", "结论"), required=True),
    ),
    list_fields=("factors",),
)

CERTIFICATE_IMPORT = KindImport(
    SPECIAL_OPERATION_CERTIFICATES,
    (
        Column("category", ("作业类别", "操作项目"), required=True),
        Column("certificate_number", ("证号", "证书编号"), required=True),
        Column("issued_on", ("初领日期", "发证日期"), required=True),
        Column("expires_on", ("有效期至",), required=True),
        Column("last_review_on", ("复审日期",)),
    ),
    file_key=lambda values: (values["category"], values["certificate_number"]),
)

IMPORT_SPECS: Final[dict[str, ImportSpec]] = {
    spec.path: spec
    for spec in (PeopleImport(), AttendanceImport(), HEALTH_EXAM_IMPORT, CERTIFICATE_IMPORT)
}
