"""Shapes of a firm's portfolio: its clients with their standing, and their alerts."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from app.compliance.rules import Status


class DueDate(BaseModel):
    due: date
    rule_id: str = Field(description="The broadest layer's rule it would break.")
    rule_ids: list[str] = Field(description="Every rule of the stack it would break.")
    kind: str
    record_id: str | None
    message: str


class ClientEnterpriseOut(BaseModel):
    enterprise_id: str
    name: str
    credit_code: str
    contract_ids: list[str] = Field(description="The firm's contracts in force with it.")
    scope: list[str]
    as_of: date
    standing: Status = Field(description="fail if any rule fails, else unknown, else pass.")
    by_status: dict[str, int]
    failing_by_severity: dict[str, int]
    failing_rules: list[str]
    nearest_due: list[DueDate] = Field(description="The 3 soonest alerts in the window.")


class ClientAlertOut(BaseModel):
    enterprise_id: str
    enterprise_name: str
    due: date
    rule_id: str = Field(description="The broadest layer's rule it would break.")
    rule_ids: list[str] = Field(description="Every rule of the stack it would break.")
    kind: str
    record_id: str | None
    person_id: str | None
    message: str
