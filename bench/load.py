"""Load test: the portal served as in production, under 100 concurrent clients.

Serves with gunicorn as the README's "Deployment" says (gunicorn.conf.py, collectstatic
with the compressed manifest storage, DEBUG off) on PostgreSQL (a database of its own,
`prod_load`, loaded with the Compact's data and London's postcodes) and Redis (a key prefix
of its own, deleted afterwards). Traffic goes to 127.0.0.1 only, bounded in time and count.

    .venv/bin/python bench/load.py                      # 2 then 4 workers, 100 clients, 60 s
    .venv/bin/python bench/load.py --workers 2 --duration 10 --clients 20   # a quick look

Each client is an asyncio task with its own HTTP/1.1 connection over raw streams
(reconnecting when gunicorn's sync workers close it), so the generator costs little of the
two cores it shares with the server. A client sends a request, reads the whole answer, waits
its think time (`--think`, mean seconds, exponential; 0 for a closed loop at full speed)
and sends the next, drawn from a realistic mix: the start page, the question pages (and the
postcode POST), results for many different people, offer and borough pages, coverage, the
JSON APIs, the Open Referral feed and the stylesheet. Zero errors are expected: any answer
other than the one each kind expects, a reset or a timeout counts as an error, and the exit
status is 1.

The API rate limit is raised in the server's environment (RATELIMIT_API_RATE): every client
here comes from 127.0.0.1, and the production limit is per client.
"""
# ruff: noqa: T201 (a command-line tool: it prints its results)

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import redis

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
sys.path.insert(0, str(REPO))
from http1 import Connection  # noqa: E402 - bench/http1.py

from tests.compact_portal.services import Gunicorn  # noqa: E402 - the tests' server, as deployed

SERVER = "postgres://postgres@127.0.0.1:5432"


# --- The database and the server ------------------------------------------------------------


def env_for(database: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="compact_portal.settings",
        DATABASE_URL=f"{SERVER}/{database}",
        DEBUG="off",
        SECRET_KEY="load-test-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def manage(database: str, *args: str, **extra) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env_for(database, **extra), check=True
    )


def prepare_database(name: str, fresh: bool) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    print(f"database {name}: migrate, Compact data, London postcodes", flush=True)
    manage(name, "migrate", "--no-input", "-v0")
    manage(name, "load_compact_data", "-v0")
    manage(name, "load_postcodes", "--if-empty", "-v0")


def collect_static(database: str, static_root: Path) -> None:
    manage(
        database,
        "collectstatic",
        "--no-input",
        "-v0",
        STATIC_ROOT=str(static_root),
        STATIC_MANIFEST="on",
    )


@dataclass
class Catalogue:
    """Real values for the mix, read from the database."""

    boroughs: list[str]
    offers: list[str]
    postcodes: list[str]


def read_catalogue(database: str) -> Catalogue:
    with psycopg.connect(f"{SERVER}/{database}") as conn:
        boroughs = [
            code
            for (code,) in conn.execute(
                "SELECT a.gss_code FROM boroughs_area a JOIN boroughs_area p "
                "ON a.parent_id = p.id WHERE p.gss_code = 'E12000007' "
                "AND a.kind = 'local_authority' ORDER BY 1"
            )
        ]
        offers = [
            str(pk)
            for (pk,) in conn.execute(
                "SELECT id FROM offers_offer WHERE status = 'published' "
                "AND (ends_on IS NULL OR ends_on >= CURRENT_DATE)"
            )
        ]
        keys = [
            key
            for (key,) in conn.execute(
                "SELECT key FROM boroughs_postcode WHERE local_authority_id IS NOT NULL "
                "AND NOT terminated ORDER BY random() LIMIT 2000"
            )
        ]
    postcodes = [f"{k[:-3].strip()} {k[-3:]}" for k in keys]
    assert len(boroughs) == 33 and offers and postcodes, "load the data first"
    return Catalogue(boroughs, offers, postcodes)


# --- The mix ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    target: str
    expect: int
    body: bytes = b""


def mix(catalogue: Catalogue):
    """(weight, kind, make) for a day's traffic: mostly the journey, on phones."""
    rnd = random.Random(20261126)
    places = [*catalogue.boroughs, "outside", "unknown"]

    def person() -> dict:
        return {
            "lives_in": rnd.choice(places),
            "looked_after_by": rnd.choice(places),
            "age": rnd.randint(16, 30),
        }

    def prefix() -> str:
        return rnd.choice(["", "", "", "/ar"])

    def results():
        return Request("results", "GET", f"{prefix()}/your-offers/?{urlencode(person())}", 200)

    def postcode_post():
        body = urlencode({"postcode": rnd.choice(catalogue.postcodes)}).encode()
        return Request("question: postcode POST", "POST", "/where-you-live/", 303, body)

    def question():
        answers = person()
        page, keep = rnd.choice(
            [
                ("/where-you-live/", {}),
                ("/where-you-live/borough/", {}),
                ("/who-looked-after-you/", {"lives_in": answers["lives_in"]}),
                ("/how-old-are-you/", {k: answers[k] for k in ("lives_in", "looked_after_by")}),
            ]
        )
        query = f"?{urlencode(keep)}" if keep else ""
        return Request("question pages", "GET", f"{prefix()}{page}{query}", 200)

    def offer():
        return Request(
            "offer page", "GET", f"{prefix()}/offers/{rnd.choice(catalogue.offers)}/", 200
        )

    def borough():
        return Request(
            "borough page", "GET", f"{prefix()}/boroughs/{rnd.choice(catalogue.boroughs)}/", 200
        )

    def coverage():
        if rnd.random() < 0.5:
            return Request("coverage", "GET", f"{prefix()}/coverage/", 200)
        return Request(
            "coverage", "GET", f"{prefix()}/coverage/{rnd.choice(catalogue.boroughs)}/", 200
        )

    def eligibility_api():
        query = person()
        if rnd.random() < 0.3:
            query.pop("lives_in")
            query["postcode"] = rnd.choice(catalogue.postcodes)
        return Request("API eligibility", "GET", f"/api/v1/eligibility?{urlencode(query)}", 200)

    def postcode_api():
        pc = quote(rnd.choice(catalogue.postcodes))
        return Request("API postcodes", "GET", f"/api/v1/postcodes/{pc}", 200)

    def oruk():
        roll = rnd.random()
        if roll < 0.4:
            target = f"/openreferral/services?page={rnd.randint(1, 3)}&per_page=20"
        elif roll < 0.8:
            target = f"/openreferral/services/{rnd.choice(catalogue.offers)}"
        else:
            postcode = quote(rnd.choice(catalogue.postcodes))
            target = f"/openreferral/service_at_locations?postcode={postcode}"
        return Request("ORUK feed", "GET", target, 200)

    return [
        (10, lambda: Request("start page", "GET", f"{prefix()}/", 200)),
        (14, question),
        (5, postcode_post),
        (25, results),
        (10, offer),
        (3, lambda: Request("browse", "GET", f"{prefix()}/offers/", 200)),
        (4, borough),
        (6, coverage),
        (7, eligibility_api),
        (5, postcode_api),
        (7, oruk),
        (4, lambda: Request("static (CSS)", "GET", STYLESHEET, 200)),
    ]


STYLESHEET = "/static/dist/portal.css"  # replaced by its hashed name at run time


# --- Where the CPU goes -------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[str, int, list[int]] | None:
    """(command, parent pid, [utime, stime, cutime, cstime] in ticks) of a process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    command = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return command, int(fields[1]), [int(v) for v in fields[11:15]]


def cpu_seconds(gunicorn_pid: int, redis_client) -> dict[str, float]:
    """CPU seconds used so far by gunicorn (its master, workers, and workers it has already
    replaced), PostgreSQL (every postgres process, and backends that have exited), Redis,
    and the whole machine (busy, and stolen by the host: both cores)."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _proc_stat(int(entry.name))):
            processes[int(entry.name)] = found
    gunicorn = postgres = 0
    for pid, (command, parent, (utime, stime, cutime, cstime)) in processes.items():
        if pid == gunicorn_pid:
            gunicorn += utime + stime + cutime + cstime
        elif parent == gunicorn_pid:
            gunicorn += utime + stime
        elif command == "postgres":
            postgres += utime + stime
            if processes.get(parent, ("",))[0] != "postgres":  # the postmaster
                postgres += cutime + cstime
    info = redis_client.info("cpu")
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = ticks
    return {
        "gunicorn": gunicorn / CLOCK_TICKS,
        "postgres": postgres / CLOCK_TICKS,
        "redis": info["used_cpu_sys"] + info["used_cpu_user"],
        "busy": (user + nice + system + irq + softirq) / CLOCK_TICKS,
        "steal": steal / CLOCK_TICKS,
    }


# --- The run ------------------------------------------------------------------------------------


@dataclass
class Results:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    examples: list = field(default_factory=list)
    bytes: int = 0
    generator_cpu: float = 0.0


async def client(port, draw, deadline, think, results: Results, budget: list):
    connection = Connection(port)
    rnd = random.Random()
    try:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            request = draw()
            started = time.perf_counter()
            try:
                status, size = await asyncio.wait_for(
                    connection.request(request.method, request.target, request.body), 30
                )
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
                connection.close()
                status, size = f"{type(e).__name__}", 0
            elapsed = time.perf_counter() - started
            results.latencies[request.kind].append(elapsed)
            results.bytes += size
            if status != request.expect:
                results.errors[request.kind] += 1
                if len(results.examples) < 10:
                    results.examples.append(f"{status} {request.method} {request.target}")
            if think:
                pause = rnd.expovariate(1 / think)
                await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))
    finally:
        connection.close()


async def run(port, catalogue, *, clients, duration, think, max_requests) -> tuple[Results, float]:
    weighted = mix(catalogue)
    weights = [w for w, _ in weighted]
    makers = [m for _, m in weighted]
    rnd = random.Random(1)

    def draw():
        return rnd.choices(makers, weights)[0]()

    results = Results()
    budget = [max_requests]
    cpu = time.process_time()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(client(port, draw, deadline, think, results, budget) for _ in range(clients))
    )
    results.generator_cpu = time.process_time() - cpu
    return results, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def report(results: Results, elapsed: float, workers: int, args, cpu: dict) -> dict:
    total = sum(len(v) for v in results.latencies.values())
    errors = sum(results.errors.values())
    print(
        f"\n== {workers} gunicorn workers"
        + (f" × {args.threads} threads" if args.threads > 1 else "")
        + f", {args.clients} clients, {elapsed:.1f} s, "
        f"think time {args.think} s: {total:,} requests, {total / elapsed:,.1f} requests/s, "
        f"{errors} errors, {results.bytes / elapsed / 1024:,.0f} KiB/s"
    )
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'kind':<26}" + "".join(f"{c:>9}" for c in columns) + f"{'errors':>8}")
    everything = []
    for kind in sorted(results.latencies, key=lambda k: -len(results.latencies[k])):
        values = results.latencies[kind]
        everything += values
        print(
            f"{kind:<26}{len(values):>9,}{len(values) / elapsed:>9.1f}"
            f"{percentile(values, 50) * 1000:>9.1f}{percentile(values, 95) * 1000:>9.1f}"
            f"{percentile(values, 99) * 1000:>9.1f}{results.errors.get(kind, 0):>8}"
        )
    p = {q: percentile(everything, q) * 1000 for q in (50, 95, 99)}
    print(
        f"{'all':<26}{total:>9,}{total / elapsed:>9.1f}{p[50]:>9.1f}{p[95]:>9.1f}{p[99]:>9.1f}"
        f"{errors:>8}"
    )
    for example in results.examples:
        print("  error:", example)
    print(
        f"the load generator itself used {results.generator_cpu:.1f} s of CPU "
        f"({results.generator_cpu / elapsed:.0%} of one of the two cores)"
    )
    per_request = {
        name: cpu[name] * 1000 / total
        for name in ("gunicorn", "postgres", "redis", "busy")
        if total
    }
    if per_request:
        generator = results.generator_cpu * 1000 / total
        other = (
            per_request["busy"]
            - generator
            - sum(per_request[name] for name in ("gunicorn", "postgres", "redis"))
        )
        other = max(0.0, other)  # the counters are read a moment apart
        cores = os.cpu_count() or 1
        print(
            f"CPU per request: gunicorn {per_request['gunicorn']:.2f} ms, PostgreSQL "
            f"{per_request['postgres']:.2f} ms, Redis {per_request['redis']:.2f} ms, the load "
            f"generator {generator:.2f} ms, the rest of the machine {other:.2f} ms: "
            f"{per_request['busy']:.2f} ms in all, so {cores} cores answer at most "
            f"{cores * 1000 / per_request['busy']:,.0f} requests/s; machine busy "
            f"{cpu['busy'] / elapsed / cores:.0%}, stolen by the host "
            f"{cpu['steal'] / elapsed / cores:.0%}"
        )
    return {"workers": workers, "rps": total / elapsed, "errors": errors, **p}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="2,4", help="gunicorn workers per run, e.g. 2,4")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="seconds per run")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before each run")
    parser.add_argument("--think", type=float, default=0.0, help="mean think time, seconds")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="per run")
    parser.add_argument(
        "--threads", type=int, default=1, help="GUNICORN_THREADS (1: sync workers; more: gthread)"
    )
    parser.add_argument("--port", type=int, default=8780, help="in 8700-8999")
    parser.add_argument("--database", default="prod_load")
    parser.add_argument("--fresh", action="store_true", help="recreate the database")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    assert 8700 <= args.port <= 8999, "use a port in 8700-8999"

    prepare_database(args.database, args.fresh)
    catalogue = read_catalogue(args.database)
    static_root = Path(tempfile.mkdtemp(prefix="compact-load-static-"))
    prefix = f"load-{uuid.uuid4().hex[:8]}"
    summaries = []
    try:
        collect_static(args.database, static_root)
        manifest = (static_root / "staticfiles.json").read_text()
        global STYLESHEET
        import json

        STYLESHEET = "/static/" + json.loads(manifest)["paths"]["dist/portal.css"]
        env = env_for(
            args.database,
            REDIS_URL=args.redis,
            CACHE_KEY_PREFIX=prefix,
            STATIC_ROOT=str(static_root),
            STATIC_MANIFEST="on",
            RATELIMIT_API_RATE="100000000/m",  # one address here; the limit is per client
            GUNICORN_THREADS=str(args.threads),
        )
        keys = redis.Redis.from_url(args.redis)
        for workers in [int(w) for w in args.workers.split(",")]:
            with Gunicorn(workers=workers, port=args.port, env=env) as server:
                if args.warmup:
                    asyncio.run(
                        run(
                            args.port,
                            catalogue,
                            clients=args.clients,
                            duration=args.warmup,
                            think=args.think,
                            max_requests=args.max_requests,
                        )  # fmt: skip
                    )
                before = cpu_seconds(server.process.pid, keys)
                results, elapsed = asyncio.run(
                    run(
                        args.port,
                        catalogue,
                        clients=args.clients,
                        duration=args.duration,
                        think=args.think,
                        max_requests=args.max_requests,
                    )  # fmt: skip
                )
                after = cpu_seconds(server.process.pid, keys)
                used = {name: after[name] - before[name] for name in after}
                summaries.append(report(results, elapsed, workers, args, used))
                log = server.output()
                if "Traceback" in log or " ERROR " in log:
                    print("server log had errors:\n" + log[-3000:])
                    summaries[-1]["errors"] += 1
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        keys = redis.Redis.from_url(args.redis)
        for key in keys.scan_iter(match=f"{prefix}:*", count=1000):
            keys.delete(key)
    if len(summaries) > 1:
        base = summaries[0]
        for s in summaries[1:]:
            print(
                f"\n{s['workers']} workers vs {base['workers']}: "
                f"{s['rps'] / base['rps']:.2f}× the requests/s, "
                f"p99 {s[99]:.0f} ms vs {base[99]:.0f} ms"
            )
    sys.exit(1 if any(s["errors"] for s in summaries) else 0)


if __name__ == "__main__":
    main()
