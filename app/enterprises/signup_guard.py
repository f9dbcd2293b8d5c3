"""How many sign-ups a client address may make, and how many refusals it may collect.

A refused sign-up (409: the admin's email has an account, or the credit code is held by a
verified enterprise) tells the caller that someone is registered. With no e-mail channel to
warn the true owner, the answers cannot be made alike without failing an honest user who
mistyped, so refusals are throttled instead, with sign-in's machinery and limits: free
attempts per address, then locks that double (decision 54).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from app.core.config import Settings
from app.core.database import Database
from app.enterprises import errors
from app.identity import throttle
from app.identity.oauth import SIGN_IN_WINDOW

SIGNUP_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class SignupGuard:
    """One caller's sign-up limits, read from the settings at the request's edge."""

    database: Database  # for counting a refusal in a transaction of its own
    client_address: str
    signups_per_hour: int
    free_refusals: int
    max_lockout: timedelta

    @classmethod
    def for_request(cls, database: Database, settings: Settings, address: str) -> SignupGuard:
        return cls(
            database=database,
            client_address=address,
            signups_per_hour=settings.signups_per_address_per_hour,
            free_refusals=settings.login_failures_per_address,
            max_lockout=timedelta(seconds=settings.login_max_lockout_seconds),
        )

    @property
    def refusals_key(self) -> str:
        return f"signup:refused:{self.client_address}"

    def admit(self, session: Session) -> None:
        """429 while the address is locked for its refusals or has used its sign-ups."""
        locked = throttle.refusal(session, [self.refusals_key])
        if locked is None:
            locked = throttle.count_event(
                session,
                f"signup:address:{self.client_address}",
                limit=self.signups_per_hour,
                window=SIGNUP_WINDOW,
            )
        if locked is not None:
            raise errors.SIGNUP_RATE_LIMITED.problem(
                "Too many sign-ups from this address; try again later.",
                retry_after=locked.retry_after_seconds,
            )

    def count_refusal(self, session: Session) -> None:
        """Count a refused sign-up so that it survives the refusal.

        The request's transaction is rolled back first (it would be anyway, and on SQLite it
        holds the only write lock a second transaction needs), then the count is committed
        in a transaction of its own, as sign-in counts its failures.
        """
        session.rollback()
        with self.database.session(write=True) as own:
            throttle.record_failure(
                own,
                self.refusals_key,
                free_attempts=self.free_refusals,
                window=SIGN_IN_WINDOW,
                max_lockout=self.max_lockout,
            )
            own.commit()
