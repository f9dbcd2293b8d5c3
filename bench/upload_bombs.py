"""Upload bombs (issue 17, item 1): the time and memory an import's reading takes to refuse
the issue's two files, next to the cost of reading the largest file it accepts.

Each file is read in a fresh process, as the import's background task reads it
(`read_rows`, then every row), and the process's peak resident memory (VmHWM) is compared
with its resident memory just before; the file is built beforehand and loaded first, so
neither counts.

Files: the issue's 1.5 GB cell (one shared string of 1.5 GB 'A', ~1.5 MB), its 5 million
one-cell rows (~0.4 MB), a CSV of 5 million rows, and a valid 200,000-row XLSX of 8 columns.

Run: .venv/bin/python bench/upload_bombs.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, sys, time
from app.registry.imports.parsing import read_rows, FileProblem
from app.core.upload_limits import UploadRefused

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])  # KiB

content = open(sys.argv[1], "rb").read()
before = status("VmRSS:")
started = time.perf_counter()
try:
    header, rows = read_rows(content, sys.argv[1])
    outcome = f"read {sum(1 for _ in rows)} rows"
except (UploadRefused, FileProblem) as refused:
    outcome = f"refused: {getattr(refused, 'code', 'file')}"
print(json.dumps({"seconds": time.perf_counter() - started,
                  "growth_mib": (status("VmHWM:") - before) / 1024, "outcome": outcome}))
"""


def build(directory: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    from tests.support import bombs

    files = {
        "1.5 GB cell (xlsx)": ("cell.xlsx", lambda: bombs.xlsx_with_huge_cell(1_500_000_000)),
        "5M rows (xlsx)": ("rows.xlsx", lambda: bombs.xlsx_with_rows(5_000_000)),
        "5M rows (csv)": ("rows.csv", lambda: bombs.csv_with_rows(5_000_000)),
    }
    paths = {}
    for label, (name, make) in files.items():
        path = directory / name
        if not path.exists():
            path.write_bytes(make())
        paths[label] = path
    legit = directory / "legit.xlsx"
    if not legit.exists():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(["姓名", "身份证号", "部门", "入职日期", "岗位", "电话", "备注", "工号"])
        for i in range(200_000):
            sheet.append(
                [
                    f"员工{i}",
                    f"41010819900101{i:04d}",
                    "一车间",
                    datetime.date(2020, 3, 1),
                    "操作工",
                    f"1380000{i:04d}",
                    "无",
                    f"E{i:06d}",
                ]
            )
        buffer = io.BytesIO()
        workbook.save(buffer)
        legit.write_bytes(buffer.getvalue())
    paths["200k valid rows (xlsx)"] = legit
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build the files here and keep them.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        directory = args.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        for label, path in build(directory).items():
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            )
            measured = json.loads(result.stdout)
            print(
                f"{label:24} {path.stat().st_size / 1e6:6.2f} MB  {measured['seconds']:7.3f} s  "
                f"+{measured['growth_mib']:6.1f} MiB  {measured['outcome']}"
            )


if __name__ == "__main__":
    main()
