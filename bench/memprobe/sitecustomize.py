"""Python imports this at start-up when bench/memprobe is on PYTHONPATH (bench/soak.py
--probe): it starts the memory probe inside the server process. See memprobe.py."""

import os

if os.environ.get("ANXIN_SOAK_PROBE"):
    import memprobe

    memprobe.start()
