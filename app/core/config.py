"""Settings of the service, read once from ANXIN_* environment variables and an optional .env."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_DATABASE_FILE = "anxin.db"


class Settings(BaseSettings):
    """Everything configurable. Nothing secret has a default: in the embedded mode the keys
    are generated under `var_dir/keys` on first start; elsewhere they come from files."""

    model_config = SettingsConfigDict(
        env_prefix="ANXIN_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL. Unset means the embedded default: SQLite in var_dir.",
    )
    var_dir: Path = Field(default=Path("var"), description="Embedded mode: data and keys.")
    keys_dir: Path | None = Field(default=None, description="Key files; default var_dir/keys.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Request body limit.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    database_pool_size: int = Field(default=10, ge=1)
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    token_issuer: str = Field(default="https://anxin.dev", description="`iss` of access tokens.")
    token_audience: str = Field(default="anxin-api", description="`aud` of access tokens.")
    access_token_minutes: int = Field(default=15, ge=1, le=120)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    invitation_days: int = Field(default=7, ge=1, le=60)
    password_hash_time_cost: int = Field(default=3, ge=1, description="Argon2id iterations.")
    password_hash_memory_kib: int = Field(default=65536, ge=8192, description="Argon2id memory.")
    login_failures_before_lockout: int = Field(default=5, ge=1)
    login_max_lockout_seconds: int = Field(default=900, ge=1)
    login_failures_per_address: int = Field(
        default=50, ge=1, description="Failures from one address before it is slowed too."
    )
    signups_per_address_per_hour: int = Field(default=10, ge=1)
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses of reverse proxies whose X-Forwarded-For is believed.",
    )
    blacklist_refresh_seconds: float = Field(
        default=0.1, gt=0, le=60, description="How often each process reloads the blacklist."
    )
    query_log_flush_seconds: float = Field(
        default=0.2, gt=0, le=60, description="How often institution queries are written."
    )
    blacklist_expiry_check_seconds: float = Field(
        default=300, gt=0, description="How often published entries past their period expire."
    )
    rate_limit_lookups_per_minute: int = Field(
        default=6000, ge=1, description="Fair use: lookups per minute per institution client."
    )
    rate_limit_screenings_per_minute: int = Field(
        default=60, ge=1, description="Fair use: screenings (batches) per minute per client."
    )
    rate_limit_searches_per_minute: int = Field(
        default=600, ge=1, description="Fair use: name searches per minute per client."
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis for rate limits shared by all processes; unset: per process.",
    )
    redis_timeout_seconds: float = Field(
        default=0.1, gt=0, le=5, description="Longest wait for Redis before limiting locally."
    )
    public_base_url: str = Field(
        default="https://anxin.dev", description="Base of problem type URIs and links."
    )

    @field_validator("var_dir", "keys_dir")
    @classmethod
    def _absolute(cls, value: Path | None) -> Path | None:
        # Resolved once, so that a later chdir (uvicorn workers, tests) cannot move the data.
        return value.expanduser().resolve() if value is not None else None

    @property
    def embedded(self) -> bool:
        """True when running on the built-in SQLite file rather than a configured database."""
        return self.database_url is None

    @property
    def effective_database_url(self) -> str:
        if self.database_url is not None:
            return self.database_url
        return f"sqlite:///{self.var_dir / EMBEDDED_DATABASE_FILE}"

    @property
    def effective_keys_dir(self) -> Path:
        return self.keys_dir if self.keys_dir is not None else self.var_dir / "keys"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")


def load_settings() -> Settings:
    """Settings from the environment; the one place that reads it."""
    return Settings()
