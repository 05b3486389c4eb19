"""Benchmark: requests per second for the results page ÷ for a static file of the same size.

    .venv/bin/python bench/throughput.py              # SQLite, gunicorn.conf.py's workers
    .venv/bin/python bench/throughput.py --seconds 5 --clients 4
    .venv/bin/python bench/throughput.py --redis \
        --database-url postgres://postgres@127.0.0.1:5432/journey_bench

Serves the portal as production does: `collectstatic` with the compressed manifest storage
into a temporary STATIC_ROOT, DEBUG off, gunicorn with gunicorn.conf.py on 127.0.0.1 (a
free port from 8300-8399). The database (a temporary SQLite file unless --database-url) is
migrated and loaded with the Compact's data, plus copies of real offers so that the person
measured (lives in Islington, looked after by Islington, aged 19) sees exactly 20 offers.

The static file is the results page's own HTML, copied into STATIC_ROOT with precompressed
.gz and .br versions (as collectstatic makes for every file), so both answers have the same
size raw and compressed. Both are fetched by the same gunicorn in the same run, in
alternating rounds, by asyncio clients on raw HTTP/1.1 connections asking for
`Accept-Encoding: gzip, br` as a browser does. Traffic goes to 127.0.0.1 only, bounded by
--seconds per round and --max-requests in all. Target: ratio ≥ 0.5.
"""
# ruff: noqa: T201 (a command-line tool: it prints its results)

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import brotli

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
sys.path.insert(0, str(REPO))
from http1 import Connection  # noqa: E402 - bench/http1.py

from tests.compact_portal.services import Gunicorn, free_port  # noqa: E402 - the tests' server, as deployed

PORTS = range(8300, 8400)
PERSON = {"lives_in": "E09000019", "looked_after_by": "E09000019", "age": "19"}
RESULTS_PATH = "/your-offers/?lives_in={lives_in}&looked_after_by={looked_after_by}&age={age}"
OFFERS_SHOWN = 20

# Run inside the portal (manage.py shell): top the Compact's data up with copies of real
# offers (made for every London care leaver) until PERSON sees exactly OFFERS_SHOWN, then
# print the results page as a browser would get it, uncompressed.
PREPARE = """
import sys
from django.test import Client
from django.utils import timezone
from boroughs.models import Area
from offers.models import Offer

PERSON = {person!r}
path = {path!r}.format(**PERSON)
client = Client(HTTP_HOST="127.0.0.1")

def shown():
    html = client.get(path).content.decode()
    return html.count('class="app-offer-card"'), html

count, html = shown()
real = list(Offer.objects.public(timezone.localdate()).order_by("title"))
london = Area.objects.get(gss_code="E12000007")
n = 0
while count < {wanted}:
    source = real[n % len(real)]
    themes = list(source.themes.all())
    copy = Offer.objects.get(pk=source.pk)
    copy.pk = None
    copy.id = None
    copy.title = f"{{source.title}} (copy {{n + 1}})"
    copy.area = london
    copy.must_live_in_area = copy.must_be_looked_after_by_area = False
    copy.min_age, copy.max_age = 18, 24
    copy.save()
    copy.themes.set(themes)
    n += 1
    count, html = shown()
assert count == {wanted}, f"the person sees {{count}} offers, not {wanted}"
sys.stdout.write(html)
"""


class Site:
    """The portal on gunicorn, served as in production, on a database of its own."""

    def __init__(self, *, database_url: str | None, redis: bool, workers: int | None):
        self.tmp = tempfile.TemporaryDirectory(prefix="journey-bench-")
        folder = Path(self.tmp.name)
        self.static_root = folder / "static"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
        self.env.update(
            DJANGO_SETTINGS_MODULE="compact_portal.settings",
            DATABASE_URL=database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
            DEBUG="off",
            SECRET_KEY="bench-" + uuid.uuid4().hex,
            ALLOWED_HOSTS="127.0.0.1",
            STATIC_ROOT=str(self.static_root),
            STATIC_MANIFEST="on",
            PYTHONUNBUFFERED="1",
        )
        if redis:
            self.env.update(
                REDIS_URL="redis://127.0.0.1:6379/0",
                CACHE_KEY_PREFIX="journey-bench-" + uuid.uuid4().hex[:8],
            )
        else:
            self.env.pop("REDIS_URL", None)
        self.workers = workers
        self.port = free_port(PORTS)
        self.url = f"http://{HOST}:{self.port}"
        self.results_path = RESULTS_PATH.format(**PERSON)

    def manage(self, *args: str, capture=False) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            check=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        )
        return done.stdout.decode() if capture else ""

    def prepare(self) -> str:
        """Migrate, load, top up to 20 offers, collectstatic; the results page's HTML."""
        print("preparing: migrate, Compact data, 20 offers, collectstatic", flush=True)
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_compact_data", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")
        code = PREPARE.format(person=PERSON, path=RESULTS_PATH, wanted=OFFERS_SHOWN)
        return self.manage("shell", "-v0", "-c", code, capture=True)

    def add_static_copy(self, name: str, content: bytes) -> str:
        """A static file with this content (and its .gz and .br), as collectstatic makes."""
        path = self.static_root / "bench" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        Path(f"{path}.gz").write_bytes(gzip.compress(content, 9, mtime=0))
        Path(f"{path}.br").write_bytes(brotli.compress(content))
        return f"/static/bench/{name}"

    def __enter__(self):
        self.server = Gunicorn(self.port, self.env, workers=self.workers).__enter__()
        return self

    def __exit__(self, *exc):
        self.server.__exit__(*exc)
        self.tmp.cleanup()


async def hammer(port, target, *, clients, seconds, budget, encoding) -> tuple[int, int, float]:
    """(good answers, bad answers, elapsed seconds) for `clients` closed-loop clients."""
    good = bad = 0
    deadline = time.monotonic() + seconds

    async def client():
        nonlocal good, bad
        connection = Connection(port, encoding)
        try:
            while time.monotonic() < deadline and good + bad < budget:
                try:
                    status, _size = await asyncio.wait_for(connection.get(target), 10)
                except (OSError, TimeoutError, asyncio.IncompleteReadError):
                    bad += 1
                    connection.close()
                    continue
                if status == 200:
                    good += 1
                else:
                    bad += 1
        finally:
            connection.close()

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    return good, bad, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--redis", action="store_true", help="cache in Redis (127.0.0.1:6379)")
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5, help="per round (3 rounds each)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--encoding", default="gzip, br", help="Accept-Encoding sent")
    args = parser.parse_args()

    site = Site(database_url=args.database_url, redis=args.redis, workers=args.workers)
    html = site.prepare().encode()
    static_path = site.add_static_copy("results-page-copy.html", html)
    with site:
        results = f"{site.url}{site.results_path}"
        print(f"gunicorn on {site.url}; results page {len(html)} bytes ({OFFERS_SHOWN} offers)")
        totals = {site.results_path: [0, 0, 0.0], static_path: [0, 0, 0.0]}
        budget = args.max_requests // (2 * args.rounds)
        for target in totals:  # warm up: caches, imports, connections
            asyncio.run(
                hammer(site.port, target, clients=2, seconds=1, budget=200, encoding=args.encoding)
            )
        for _round in range(args.rounds):
            for target, total in totals.items():
                good, bad, elapsed = asyncio.run(
                    hammer(
                        site.port,
                        target,
                        clients=args.clients,
                        seconds=args.seconds,
                        budget=budget,
                        encoding=args.encoding,
                    )
                )
                total[0] += good
                total[1] += bad
                total[2] += elapsed
        rates = {}
        for target, (good, bad, elapsed) in totals.items():
            rates[target] = good / elapsed
            print(f"{good / elapsed:8.0f} req/s  {good} answers, {bad} errors  {target}")
        ratio = rates[site.results_path] / rates[static_path]
        print(f"results page ÷ static file of the same size: {ratio:.2f} (target ≥ 0.5)")
        print(f"(results page: {results})")


if __name__ == "__main__":
    main()
