"""A PostgreSQL cluster of the test's own, which it may stop and start at will (DESIGN §9:
fault tests never restart the shared server on 127.0.0.1:5432).

Built from the pieces scripts/test_lanes.py uses for its throwaway lane cluster (finding
initdb/pg_ctl, running them as `postgres` when we are root, a locale that exists), so that
both start clusters the same way. Unlike the lane's, this cluster keeps its port across a
stop and a start: the service under test must find it again where it was.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scripts import test_lanes

DATABASE = "anxin_faults"


@dataclass
class ThrowawayCluster:
    workdir: Path
    port: int

    def __post_init__(self) -> None:
        self.bindir = test_lanes.postgres_bindir()
        self.as_postgres = test_lanes.postgres_command_wrapper()

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    @property
    def url(self) -> str:
        return test_lanes.database_url(
            test_lanes.CLUSTER_SUPERUSER, test_lanes.LOCAL_HOST, self.port, DATABASE
        )

    def initdb(self) -> None:
        command = [
            str(self.bindir / "initdb"),
            *("-D", str(self.datadir), "-U", test_lanes.CLUSTER_SUPERUSER, "-A", "trust"),
            *("--no-sync", "-E", "UTF8", f"--locale={test_lanes.cluster_locale()}"),
        ]
        test_lanes.run_pg_tool(self.as_postgres(command), self.workdir, "initdb")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {shlex.quote(str(self.workdir))} {test_lanes.PG_SERVER_OPTIONS}"
        )
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir)]
        command += ["-l", str(self.workdir / "server.log"), "-o", options, "-w", "-t", "60"]
        test_lanes.run_pg_tool(
            self.as_postgres([*command, "start"]),
            self.workdir,
            "pg_ctl start",
            self.workdir / "server.log",
        )

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session at once, as a restart by an operator does."""
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w"]
        test_lanes.run_pg_tool(self.as_postgres([*command, "stop"]), self.workdir, "pg_ctl stop")

    def running(self) -> bool:
        return (self.datadir / "postmaster.pid").exists()


@contextmanager
def throwaway_cluster() -> Iterator[ThrowawayCluster]:
    """A started cluster with an empty database `anxin_faults`; removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="anxin-faults-pg-"))
    try:
        if os.geteuid() == 0:
            account = pwd.getpwnam(test_lanes.CLUSTER_SUPERUSER)
            os.chown(workdir, account.pw_uid, account.pw_gid)
        cluster = ThrowawayCluster(workdir, test_lanes.free_port())
        cluster.initdb()
        cluster.start()
        try:
            test_lanes.create_database(
                test_lanes.LOCAL_HOST, cluster.port, test_lanes.CLUSTER_SUPERUSER, DATABASE
            )
            yield cluster
        finally:
            if cluster.running():
                cluster.stop(mode="immediate")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def pg_ctl_available() -> str | None:
    """Why no throwaway cluster can be started here, or None when one can."""
    try:
        test_lanes.postgres_bindir()
        test_lanes.postgres_command_wrapper()
    except test_lanes.NoServerError as exc:
        return str(exc)
    return None
