"""Benchmark: postcode lookup latency, in process and over HTTP.

    .venv/bin/python bench/postcodes_lookup.py            # SQLite (a temp file), whole UK
    .venv/bin/python bench/postcodes_lookup.py --database-url postgres://postgres@127.0.0.1:5432/postcodes
    .venv/bin/python bench/postcodes_lookup.py --london   # London's postcodes only

Loads the postcodes (unless the database already holds them), then times lookup_postcode()
on 100,000 random real postcodes (typed in random case, half without the space), and then
GET /api/v1/postcodes/<postcode> against a gunicorn it starts on 127.0.0.1 (port 8200-8299)
and stops itself: a bounded number of sequential requests, one client. Prints p50/p99/max.
Target: p99 <= 1 ms in process.
"""

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def percentiles(samples_ns: list[int]) -> str:
    ordered = sorted(samples_ns)

    def at(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] / 1e6

    return (
        f"p50 {at(0.50):.3f} ms, p99 {at(0.99):.3f} ms, max {ordered[-1] / 1e6:.3f} ms, "
        f"mean {statistics.fmean(ordered) / 1e6:.3f} ms over {len(ordered):,}"
    )


def real_postcodes(count: int, *, london_only: bool, seed: int) -> list[str]:
    from boroughs.postcode_package import package_files, read_package_file

    keys = []
    for path in package_files(london_only=london_only):
        file_keys, codes = read_package_file(path)
        if london_only:
            file_keys = [k for k, c in zip(file_keys, codes, strict=True) if str(c)[:3] == "E09"]
        keys += file_keys
    rng = random.Random(seed)
    typed = []
    for key in rng.choices(keys, k=count):
        postcode = f"{key[:-3].rstrip()} {key[-3:]}"
        if rng.random() < 0.5:
            postcode = postcode.lower()
        if rng.random() < 0.5:
            postcode = postcode.replace(" ", "")
        typed.append(postcode)
    return typed


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer on /healthz in time")


def http_bench(postcodes: list[str], *, port: int, database_url: str, seconds: float) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "DEBUG": "off",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "off",
        # Latency, not the API's rate limit (600/minute per client by default), is measured.
        "RATELIMIT_ENABLE": "off",
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, time.monotonic() + 30)
        samples, statuses = [], {}
        deadline = time.monotonic() + seconds
        for postcode in postcodes:
            if time.monotonic() > deadline:
                break
            started = time.perf_counter_ns()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/postcodes/" + quote(postcode, safe=""))
            response = conn.getresponse()
            response.read()
            conn.close()
            samples.append(time.perf_counter_ns() - started)
            statuses[response.status] = statuses.get(response.status, 0) + 1
        say(f"HTTP (gunicorn, 2 sync workers, 1 client): {percentiles(samples)}")
        say(f"  statuses: {statuses}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--london", action="store_true", help="London's postcodes only")
    parser.add_argument("--lookups", type=int, default=100_000)
    parser.add_argument("--http-requests", type=int, default=10_000)
    parser.add_argument("--http-seconds", type=float, default=60, help="stop HTTP after this")
    parser.add_argument("--port", type=int, default=8231, choices=range(8200, 8300))
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    tmp = None
    if args.database_url:
        database_url = args.database_url
    else:
        tmp = tempfile.TemporaryDirectory(prefix="postcodes-bench-")
        database_url = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compact_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from boroughs.models import Postcode
    from boroughs.postcode_services import postcodes_load_package
    from boroughs.postcodes import lookup_postcode
    from boroughs.services import london_areas_load

    call_command("migrate", verbosity=0)
    london_areas_load()
    expected = 331_981 if args.london else 2_720_556
    if Postcode.objects.count() != expected:
        say("Loading postcodes…")
        postcodes_load_package(london_only=args.london)
    postcodes = real_postcodes(args.lookups, london_only=args.london, seed=args.seed)
    say(f"{connection.vendor}: {Postcode.objects.count():,} postcodes loaded")

    for postcode in postcodes[:1000]:  # warm up the connection and caches
        lookup_postcode(postcode)
    samples, found = [], 0
    for postcode in postcodes:
        started = time.perf_counter_ns()
        result = lookup_postcode(postcode)
        samples.append(time.perf_counter_ns() - started)
        found += result.postcode is not None
    say(f"in process: {percentiles(samples)} ({found:,} answered with a postcode)")
    connection.close()

    http_bench(
        postcodes[: args.http_requests],
        port=args.port,
        database_url=database_url,
        seconds=args.http_seconds,
    )
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
