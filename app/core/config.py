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
    # A long-running server's threads come and go; without a cap its RSS grows in steps
    # with memory malloc keeps but no longer uses (app/core/allocator.py, decision 47).
    malloc_arena_max: int = Field(
        default=2, ge=0, description="glibc malloc arenas per process; 0: glibc's default."
    )
    # Off by default: under load a trim every 30 s cost a sixth of a core and doubled p95
    # latencies for ~14 MiB less than the cap alone (docs/performance.md).
    malloc_trim_seconds: float = Field(
        default=0, ge=0, description="How often freed heap is handed back; 0: never."
    )
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    token_issuer: str = Field(default="https://anxin.dev", description="`iss` of access tokens.")
    token_audience: str = Field(default="anxin-api", description="`aud` of access tokens.")
    access_token_minutes: int = Field(default=15, ge=1, le=120)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    invitation_days: int = Field(default=7, ge=1, le=60)
    password_hash_time_cost: int = Field(default=3, ge=1, description="Argon2id iterations.")
    password_hash_memory_kib: int = Field(default=65536, ge=8192, description="Argon2id memory.")
    password_hash_concurrency: int | None = Field(
        default=None, ge=1, description="Argon2id hashes run at once; unset: one per usable CPU."
    )
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
    # Small batches often: a flush is CPU the requests' core shares, and one of a thousand
    # rows doubled the lookups' p99 (docs/performance.md); it also shortens what a crash
    # can lose.
    query_log_flush_seconds: float = Field(
        default=0.02, gt=0, le=60, description="How often institution queries are written."
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
    outbox_worker_in_process: bool | None = Field(
        default=None,
        description="Run the outbox worker inside `anxin serve`; unset: only on the embedded "
        "default (elsewhere run `anxin worker`).",
    )
    outbox_poll_seconds: float = Field(
        default=0.5, gt=0, le=60, description="How often an idle worker looks for work."
    )
    webhook_retry_schedule_seconds: list[float] = Field(
        # Standard Webhooks' suggestion: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (~27.6 h).
        default=[5, 300, 1800, 7200, 18000, 36000, 36000],
        min_length=1,
        description="Waits before each retry (jittered by ±20 %); then the message fails.",
    )
    webhook_lease_margin_seconds: float = Field(
        default=30, gt=0, description="A claimed attempt's lease beyond its HTTP timeout."
    )
    webhook_concurrency: int = Field(
        default=4, ge=1, le=64, description="Deliveries a worker makes at the same time."
    )
    scheduler_interval_seconds: float = Field(
        default=300,
        gt=0,
        description="How often the worker produces time-based events (expiries, alerts).",
    )
    watchlist_max_members: int = Field(
        default=100_000, ge=1, description="Most credit codes one watchlist may hold."
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis for rate limits shared by all processes; unset: per process.",
    )
    redis_timeout_seconds: float = Field(
        default=0.1, gt=0, le=5, description="Longest wait for Redis before limiting locally."
    )
    webhook_allow_http: bool | None = Field(
        default=None,
        description="Accept http:// webhook URLs; unset: only on the embedded default.",
    )
    webhook_allow_private_networks: bool = Field(
        default=False,
        description="Accept webhook URLs on loopback, private and link-local addresses.",
    )
    webhook_timeout_seconds: float = Field(
        default=10, gt=0, le=60, description="Time limit of one webhook delivery attempt."
    )
    webhook_secret_overlap_hours: int = Field(
        default=24,
        ge=0,
        le=168,
        description="How long a rotated-out webhook secret still signs deliveries.",
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
