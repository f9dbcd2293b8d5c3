"""Locust users of the soak test: institutions, enterprise admins and regulators of the demo
district, paced so that together they send a constant total rate (bench/soak_mix.py).

Run by bench/soak.py, which builds the data, starts the server and passes:
  --fixture FILE        JSON written by the runner: credentials, enterprise ids, credit codes
  --total-rate R        requests per second of all users together
  --request-log FILE    one CSV row per request (the runner computes its figures from it)
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent))

from soak_bodies import danger, danger_update, person, person_update, training_session
from soak_mix import MIX, SCREENING_ITEMS, user_rate

# Tokens last 15 minutes by default; renew well before, as a real client would.
TOKEN_RENEW_SECONDS = 600
SIGN_IN_ATTEMPTS = 5
FIXTURE: dict[str, Any] = {}


@events.init_command_line_parser.add_listener
def _arguments(parser: Any) -> None:
    parser.add_argument("--fixture", default="", help="JSON written by bench/soak.py")
    parser.add_argument("--total-rate", type=float, default=100.0)
    parser.add_argument("--request-log", default="", help="CSV of every request")


class RequestLog:
    """Every request as a CSV row: seconds since start, name, status, milliseconds, and for a
    failure the start of the answer (a 5xx's problem document names its request id)."""

    def __init__(self, path: str) -> None:
        self.file = Path(path).open("w", newline="", encoding="utf-8")  # noqa: SIM115
        self.writer = csv.writer(self.file)
        self.writer.writerow(["t", "name", "status", "ms", "error"])
        self.started = time.time()

    def request(self, name: str, response_time: float, response: Any, exception: Any, **kw: Any):  # type: ignore[no-untyped-def]
        status = getattr(response, "status_code", 0) or 0
        error = ""
        if exception is not None:
            body = getattr(response, "text", "") or ""
            error = f"{exception!s:.200} {body[:300]}".replace("\n", " ")
        start = kw.get("start_time") or time.time()
        self.writer.writerow(
            [f"{start - self.started:.3f}", name, status, f"{response_time:.2f}", error]
        )

    def user_error(self, user_instance: Any, exception: Exception, tb: Any) -> None:
        # A bug in a task is an error of the test, not of the server: logged apart by name.
        elapsed = time.time() - self.started
        row = [f"{elapsed:.3f}", "TASK ERROR", 0, "0", f"{exception!r:.300}"]
        self.writer.writerow(row)

    def close(self) -> None:
        self.file.close()


@events.init.add_listener
def _configure(environment: Any, **_: Any) -> None:
    options = environment.parsed_options
    if options is None or not options.fixture:
        return
    FIXTURE.update(json.loads(Path(options.fixture).read_text(encoding="utf-8")))
    for user_class in (InstitutionUser, EnterpriseUser, RegulatorUser):
        actor = MIX[user_class.actor]
        # fixed_count: exactly the mix's users per class, whatever the total.
        user_class.fixed_count = actor.users
        user_class.wait_time = constant_throughput(user_rate(actor, options.total_rate))
    if options.request_log:
        log = RequestLog(options.request_log)
        environment.events.request.add_listener(log.request)
        environment.events.user_error.add_listener(log.user_error)
        environment.events.quitting.add_listener(lambda **_: log.close())


class AnxinUser(FastHttpUser):
    """Signs in on start and again when its token gets old; every task is one request."""

    abstract = True
    actor = ""
    token_at = 0.0

    def sign_in_form(self) -> dict[str, str]:
        raise NotImplementedError

    def on_start(self) -> None:
        self.sign_in()

    def sign_in(self) -> None:
        """As a real client does, retry a failed sign-in after a pause; each failure is
        still logged and counted as an error of the run."""
        for attempt in range(1, SIGN_IN_ATTEMPTS + 1):
            response = self.client.post(
                "/v1/auth/token",
                data=urlencode(self.sign_in_form()),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                name="POST /v1/auth/token",
            )
            if response.status_code == 200:
                self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
                self.token_at = time.monotonic()
                return
            time.sleep(attempt)  # gevent's sleep: locust patches the standard library
        raise RuntimeError(f"no token after {SIGN_IN_ATTEMPTS} attempts")

    def call(self, method: str, path: str, name: str, **kwargs: Any) -> Any:
        if time.monotonic() - self.token_at > TOKEN_RENEW_SECONDS:
            self.sign_in()
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, path, name=name, headers=headers, **kwargs)


def _weights(actor: str) -> dict[str, int]:
    return MIX[actor].tasks


class InstitutionUser(AnxinUser):
    actor = "institution"
    _numbers = itertools.count()

    def sign_in_form(self) -> dict[str, str]:
        clients = FIXTURE["machine_clients"]
        client = clients[next(self._numbers) % len(clients)]
        return {
            "grant_type": "client_credentials",
            "client_id": client["id"],
            "client_secret": client["secret"],
        }

    @task(_weights("institution")["lookup"])
    def lookup(self) -> None:
        code = random.choice(FIXTURE["credit_codes"])
        self.call("GET", f"/v1/blacklist/lookup/{code}", "GET /v1/blacklist/lookup/{code}")

    @task(_weights("institution")["search"])
    def search(self) -> None:
        # Half the names resemble a listing, half are of unlisted companies.
        q = random.choice(FIXTURE["listed_names"] + FIXTURE["unlisted_names"])
        self.call("GET", f"/v1/blacklist/search?{urlencode({'q': q})}", "GET /v1/blacklist/search")

    @task(_weights("institution")["screening"])
    def screening(self) -> None:
        codes = random.sample(FIXTURE["credit_codes"], SCREENING_ITEMS)
        items = [{"credit_code": c, "reference": f"loan-{i}"} for i, c in enumerate(codes)]
        path = "/v1/blacklist/screenings"
        self.call("POST", path, f"POST {path}", json={"items": items})


class EnterpriseUser(AnxinUser):
    """An enterprise admin keeping its registers. It remembers what it created (with the
    ETags it was given) so that reads and patches hit real records without extra requests;
    as it patches nothing else, its ETags never go stale."""

    actor = "enterprise"
    _numbers = itertools.count()
    _people_numbers = itertools.count()  # shared by all users: ID numbers stay distinct

    def on_start(self) -> None:
        admins = FIXTURE["enterprise_admins"]
        admin = admins[next(self._numbers) % len(admins)]
        self.email, self.base = admin["email"], f"/v1/enterprises/{admin['enterprise_id']}"
        self.people: dict[str, str] = {}  # record id -> ETag
        self.sessions: list[str] = []
        self.dangers: dict[str, str] = {}
        self.attended: set[tuple[str, str]] = set()
        super().on_start()

    def sign_in_form(self) -> dict[str, str]:
        return {"grant_type": "password", "username": self.email, "password": FIXTURE["password"]}

    def path(self, kind: str, record_id: str = "") -> tuple[str, str]:
        """The URL and the name it is reported under."""
        if record_id:
            return f"{self.base}/{kind}/{record_id}", f"/v1/enterprises/{{id}}/{kind}/{{record_id}}"
        return f"{self.base}/{kind}", f"/v1/enterprises/{{id}}/{kind}"

    @task(_weights("enterprise")["list_people"])
    def list_people(self) -> None:
        url, name = self.path("people")
        self.call("GET", f"{url}?limit=50", f"GET {name}")

    @task(_weights("enterprise")["read_person"])
    def read_person(self) -> None:
        if not self.people:
            self.create_person()
            return
        url, name = self.path("people", random.choice(list(self.people)))
        self.call("GET", url, f"GET {name}")

    @task(_weights("enterprise")["create_person"])
    def create_person(self) -> None:
        url, name = self.path("people")
        response = self.call("POST", url, f"POST {name}", json=person(next(self._people_numbers)))
        if response.status_code == 201:
            self.people[response.json()["id"]] = response.headers.get("ETag")

    @task(_weights("enterprise")["patch_person"])
    def patch_person(self) -> None:
        if not self.people:
            self.create_person()
            return
        record_id = random.choice(list(self.people))
        url, name = self.path("people", record_id)
        headers = {"If-Match": self.people[record_id]}
        response = self.call("PATCH", url, f"PATCH {name}", json=person_update(), headers=headers)
        if response.status_code == 200:
            self.people[record_id] = response.headers.get("ETag")

    @task(_weights("enterprise")["list_training_sessions"])
    def list_training_sessions(self) -> None:
        url, name = self.path("training-sessions")
        self.call("GET", f"{url}?limit=50", f"GET {name}")

    @task(_weights("enterprise")["create_training_session"])
    def create_training_session(self) -> None:
        url, name = self.path("training-sessions")
        response = self.call("POST", url, f"POST {name}", json=training_session())
        if response.status_code == 201:
            self.sessions.append(response.json()["id"])

    @task(_weights("enterprise")["create_training_attendance"])
    def create_training_attendance(self) -> None:
        if not self.sessions:
            self.create_training_session()
            return
        pair = (random.choice(self.sessions), random.choice(list(self.people or [""])))
        if not pair[1] or pair in self.attended:
            self.create_person()  # nobody new to enrol: hire someone instead
            return
        url, name = self.path("training-attendances")
        body = {"session_id": pair[0], "person_id": pair[1], "passed": random.random() < 0.9}
        if self.call("POST", url, f"POST {name}", json=body).status_code == 201:
            self.attended.add(pair)

    @task(_weights("enterprise")["list_hidden_dangers"])
    def list_hidden_dangers(self) -> None:
        url, name = self.path("hidden-dangers")
        self.call("GET", f"{url}?unresolved=true&limit=50", f"GET {name}")

    @task(_weights("enterprise")["create_hidden_danger"])
    def create_hidden_danger(self) -> None:
        url, name = self.path("hidden-dangers")
        response = self.call("POST", url, f"POST {name}", json=danger())
        if response.status_code == 201:
            self.dangers[response.json()["id"]] = response.headers.get("ETag")

    @task(_weights("enterprise")["patch_hidden_danger"])
    def patch_hidden_danger(self) -> None:
        if not self.dangers or not self.people:
            self.create_hidden_danger()
            return
        record_id = random.choice(list(self.dangers))
        url, name = self.path("hidden-dangers", record_id)
        body = danger_update(random.choice(list(self.people)))
        headers = {"If-Match": self.dangers[record_id]}
        response = self.call("PATCH", url, f"PATCH {name}", json=body, headers=headers)
        if response.status_code == 200:
            self.dangers[record_id] = response.headers.get("ETag")

    @task(_weights("enterprise")["read_enterprise"])
    def read_enterprise(self) -> None:
        self.call("GET", self.base, "GET /v1/enterprises/{id}")

    @task(_weights("enterprise")["compliance_report"])
    def compliance_report(self) -> None:
        self.call("GET", f"{self.base}/compliance", "GET /v1/enterprises/{id}/compliance")


class RegulatorUser(AnxinUser):
    """The district's regulator and a town's: the overview of their region and its
    drill-downs, by standing and by a rule the overview showed failing."""

    actor = "regulator"
    _numbers = itertools.count()

    def on_start(self) -> None:
        regulators = FIXTURE["regulators"]
        chosen = regulators[next(self._numbers) % len(regulators)]
        self.email, self.region = chosen["email"], chosen["region"]
        self.failing_rules: list[str] = [FIXTURE["any_rule"]]
        super().on_start()

    def sign_in_form(self) -> dict[str, str]:
        return {"grant_type": "password", "username": self.email, "password": FIXTURE["password"]}

    @task(_weights("regulator")["overview"])
    def overview(self) -> None:
        url = f"/v1/regions/{self.region}/compliance-overview"
        response = self.call("GET", url, "GET /v1/regions/{code}/compliance-overview")
        if response.status_code == 200:
            failing = [r["rule_id"] for r in response.json()["by_rule"] if r["failing"]]
            self.failing_rules = failing or self.failing_rules

    @task(_weights("regulator")["drill_down_by_status"])
    def drill_down_by_status(self) -> None:
        url = f"/v1/regions/{self.region}/enterprises?status=fail&limit=50"
        self.call("GET", url, "GET /v1/regions/{code}/enterprises?status")

    @task(_weights("regulator")["drill_down_by_rule"])
    def drill_down_by_rule(self) -> None:
        query = urlencode({"failing_rule": random.choice(self.failing_rules), "limit": 50})
        url = f"/v1/regions/{self.region}/enterprises?{query}"
        self.call("GET", url, "GET /v1/regions/{code}/enterprises?failing_rule")
