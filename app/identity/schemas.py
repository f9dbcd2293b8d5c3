"""Request and response shapes of the identity API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from app.core.validators.text import NOT_BLANK, TRIMMED
from app.identity.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.identity.roles import Capability, OrganizationKind, Role
from app.regions.codes import REGION_CODE_PATTERN

Password = Annotated[
    str, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH, repr=False)
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), NOT_BLANK, TRIMMED]
DisplayName = Annotated[str, StringConstraints(min_length=1, max_length=100), NOT_BLANK, TRIMMED]


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (the RFC 6750 token type, not a secret)
    expires_in: int = Field(description="Seconds until the access token expires.")
    scope: str
    refresh_token: str | None = None


class OAuthErrorBody(BaseModel):
    error: str = Field(description="RFC 6749 error code, e.g. invalid_grant.")
    error_description: str


class OrganizationIn(BaseModel):
    kind: OrganizationKind = Field(
        description="regulator, institution or service_firm (enterprises sign up themselves)."
    )
    name: Name
    region_code: str | None = Field(
        default=None,
        pattern=REGION_CODE_PATTERN,
        description="A regulator's jurisdiction (required for one).",
    )


class OrganizationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: OrganizationKind
    name: str
    region_code: str | None
    status: str
    created_at: datetime


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    email: str
    display_name: str
    role: Role
    grants: list[Capability] = Field(default_factory=list)
    status: str
    created_at: datetime
    last_login_at: datetime | None

    @field_validator("grants", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return value.split() if isinstance(value, str) else value


class UserPatch(BaseModel):
    role: Role | None = None
    grants: list[Capability] | None = Field(
        default=None,
        max_length=5,
        description="Sensitive permissions on top of the role: `pii:read` (see ID numbers in "
        "full), `health:read` (see exam conclusions). Replaces the current list.",
    )
    status: str | None = Field(default=None, pattern="^(active|disabled)$")
    display_name: DisplayName | None = None


class InvitationIn(BaseModel):
    email: EmailStr
    role: Role


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime
    redeemed_at: datetime | None


class InvitationCreated(InvitationOut):
    token: str = Field(description="Give this to the invitee. Shown once; stored only hashed.")


class InvitationRedeem(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    display_name: DisplayName
    password: Password


class MachineClientIn(BaseModel):
    name: DisplayName
    scopes: list[Capability] = Field(min_length=1, max_length=10)


class MachineClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="The client_id for the token endpoint.")
    organization_id: str
    name: str
    scopes: list[Capability]
    created_at: datetime
    disabled_at: datetime | None


class MachineClientCreated(MachineClientOut):
    client_secret: str = Field(description="Shown once; stored only hashed.")


class Me(BaseModel):
    kind: str
    id: str
    organization: OrganizationOut
    role: Role | None
    capabilities: list[Capability]
    email: str | None = None
    display_name: str | None = None
