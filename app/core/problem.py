"""The problem a request can end in: the exception domain code raises and the RFC 9457 body
it becomes. Which problems exist is the catalogue's business (app/core/error_catalog.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_SCHEMA_REF = "#/components/schemas/ProblemDetail"
PROBLEM_TYPE_BASE = "https://anxin.dev/problems/"


class FieldError(BaseModel):
    field: str = Field(description="Where the bad value is, e.g. `body.credit_code`.")
    message: str
    code: str = Field(description="Stable machine code of the error.")


class ProblemDetail(BaseModel):
    """RFC 9457 problem details, with Anxin's `code`, `request_id` and field `errors`."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    request_id: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    """An error meant for the client. `code` is stable; `detail` is for people.

    Raise a declared error (`errors.SOME_ERROR.problem("detail")`); the subclasses below
    exist so that code can catch a kind of problem (`except Conflict`), and the `code=`
    argument for the catalogue's declarations (decision 86)."""

    status: int = 400
    code: str = "bad_request"
    title: str | None = None

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        code: str | None = None,
        title: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        if title is not None:
            self.title = title
        self.errors = errors
        self.headers = dict(headers or {})
        if self.status == 401:
            # RFC 6750: a 401 names the scheme and, for a bad token (the `invalid_token`
            # error, app/core/errors.py), why.
            error = ', error="invalid_token"' if self.code == "invalid_token" else ""
            self.headers.setdefault("WWW-Authenticate", f'Bearer realm="anxin"{error}')
        if retry_after is not None:
            self.headers["Retry-After"] = str(max(1, retry_after))


class Unauthorized(Problem):
    status, code = 401, "unauthorized"


class Forbidden(Problem):
    status, code = 403, "forbidden"


class TooManyRequests(Problem):
    status, code = 429, "too_many_requests"


class NotFound(Problem):
    status, code = 404, "not_found"


class Conflict(Problem):
    status, code = 409, "conflict"


class PreconditionFailed(Problem):
    status, code = 412, "precondition_failed"


class PreconditionRequired(Problem):
    status, code = 428, "precondition_required"


class Unprocessable(Problem):
    status, code = 422, "unprocessable"


class ServiceUnavailable(Problem):
    status, code = 503, "service_unavailable"


class InsufficientStorage(ServiceUnavailable):
    status = 507


# The class a declared error of a status is raised as, so `except Conflict` keeps working.
PROBLEM_CLASSES: dict[int, type[Problem]] = {
    cls.status: cls
    for cls in (
        Unauthorized,
        Forbidden,
        TooManyRequests,
        NotFound,
        Conflict,
        PreconditionFailed,
        PreconditionRequired,
        Unprocessable,
        ServiceUnavailable,
        InsufficientStorage,
    )
}
