"""The principal: who is calling, resolved from a verified access token without the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from app.identity.roles import Capability, OrganizationKind, Role


@dataclass(frozen=True)
class Principal:
    """A user or machine client, acting for one organization with a set of capabilities."""

    kind: Literal["user", "client"]
    id: str
    organization_id: str
    organization_kind: OrganizationKind
    role: Role | None
    capabilities: frozenset[Capability]
    region_code: str | None
    token_id: str

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    @property
    def is_platform(self) -> bool:
        return self.organization_kind is OrganizationKind.PLATFORM

    def claims(self) -> dict[str, Any]:
        """Claims that describe this principal inside an access token."""
        claims: dict[str, Any] = {
            "sub": self.id,
            "sub_kind": self.kind,
            "org": self.organization_id,
            "org_kind": self.organization_kind.value,
            "scope": " ".join(sorted(self.capabilities)),
        }
        if self.role is not None:
            claims["role"] = self.role.value
        if self.region_code is not None:
            claims["region"] = self.region_code
        return claims

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Principal:
        """Rebuild from verified claims; a claim that is not one of ours raises ValueError."""
        kind = claims["sub_kind"]
        if kind not in ("user", "client"):
            raise ValueError("bad sub_kind")
        role = claims.get("role")
        return cls(
            kind=kind,
            id=str(claims["sub"]),
            organization_id=str(claims["org"]),
            organization_kind=OrganizationKind(claims["org_kind"]),
            role=Role(role) if role is not None else None,
            capabilities=frozenset(Capability(c) for c in str(claims["scope"]).split()),
            region_code=claims.get("region"),
            token_id=str(claims["jti"]),
        )
