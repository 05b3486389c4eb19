"""Benchmark: loading the package's postcodes vs merely decoding its files.

    .venv/bin/python bench/postcodes_load.py                 # London, SQLite (a temp file)
    .venv/bin/python bench/postcodes_load.py --all           # the whole UK
    .venv/bin/python bench/postcodes_load.py --all --database-url postgres://postgres@127.0.0.1:5432/postcodes

Each round decodes every file whole (brotli + msgpack.unpackb, nothing else: "merely
decoding the package's files"),
then runs the real loader end to end (decode, insert or COPY, primary key built, the swap,
commit). It prints both times and their ratio (target: at most 3x), and the process's peak
memory (ru_maxrss; target for the whole UK: at most 500 MB). Run it on a quiet machine; the
CPU seconds of this process are printed too (steadier on a shared machine; on PostgreSQL they
leave out the server's work).
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", dest="everywhere", help="the whole UK")
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    tmp = None
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        tmp = tempfile.TemporaryDirectory(prefix="postcodes-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compact_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from boroughs.models import Postcode
    from boroughs.postcode_package import decode_package_file, package_files
    from boroughs.postcode_services import postcodes_load_package

    call_command("migrate", verbosity=0)
    london_only = not args.everywhere
    files = package_files(london_only=london_only)
    scope = "whole UK" if args.everywhere else "London"
    say(f"{scope}: {len(files)} files, database: {connection.vendor}")

    decodes, loads, decode_cpus, load_cpus = [], [], [], []
    for round_ in range(1, args.rounds + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = 0
        for path in files:
            decoded = decode_package_file(path)  # every column, as the package ships it
            rows += len(decoded["data"]["pcd"])
            del decoded
        decodes.append(time.perf_counter() - started)
        decode_cpus.append(time.process_time() - started_cpu)

        started, started_cpu = time.perf_counter(), time.process_time()
        report = postcodes_load_package(london_only=london_only)
        loads.append(time.perf_counter() - started)
        load_cpus.append(time.process_time() - started_cpu)
        say(
            f"  round {round_}: decode {decodes[-1]:.2f} s ({rows:,} rows), "
            f"load {loads[-1]:.2f} s ({report.postcodes:,} postcodes), "
            f"ratio {loads[-1] / decodes[-1]:.2f}x; this process's CPU: decode "
            f"{decode_cpus[-1]:.2f} s, load {load_cpus[-1]:.2f} s"
        )
    assert Postcode.objects.count() == report.postcodes
    decode, load = statistics.median(decodes), statistics.median(loads)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(
        f"median: decode {decode:.2f} s, load {load:.2f} s, ratio {load / decode:.2f}x "
        f"(target <= 3x); peak memory {peak_mb:.0f} MB (target <= 500 MB)"
    )
    if tmp:
        connection.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
