"""Taking storage away from a process: a small tmpfs that can be filled, and a way to make a
file read-only even for root (who ignores file modes while it holds CAP_DAC_OVERRIDE).

Each says precisely why when this machine cannot do it, so that tests skip only there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Root without the capabilities that let it write files whose mode forbids it.
WITHOUT_FILE_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@contextmanager
def small_disk(mountpoint: Path, size: str = "32m") -> Iterator[Path]:
    """A tmpfs of `size` at `mountpoint`, unmounted afterwards."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "anxin-faults", str(mountpoint)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        raise StorageFaultUnavailable(
            f"cannot mount a tmpfs here: {(mounted.stderr or mounted.stdout).strip()}"
        )
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def fill(directory: Path) -> Path:
    """Write zeros into directory/filler until the disk is full; returns the filler file."""
    filler = directory / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as exc:
            if exc.errno != 28:  # ENOSPC
                raise
    # Byte by byte too: the last partial chunk leaves room a small write would take.
    with filler.open("ab", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0")
        except OSError as exc:
            if exc.errno != 28:
                raise
    return filler


def read_only_prefix(scratch: Path) -> list[str]:
    """The command prefix under which a 0444 file cannot be written; [] when not root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        raise StorageFaultUnavailable("running as root and setpriv (util-linux) is missing")
    probe = scratch / "read-only-probe"
    probe.write_text("probe")
    probe.chmod(0o444)
    try:
        written = subprocess.run(
            [*WITHOUT_FILE_OVERRIDES, "sh", "-c", f"echo more >> '{probe}'"],
            capture_output=True,
            text=True,
        )
    finally:
        probe.unlink()
    if written.returncode == 0:
        raise StorageFaultUnavailable(
            "root can still write a 0444 file after dropping CAP_DAC_OVERRIDE here"
        )
    return WITHOUT_FILE_OVERRIDES


class StorageFaultUnavailable(Exception):
    """This machine cannot provoke the storage fault (no mount, no setpriv…)."""
