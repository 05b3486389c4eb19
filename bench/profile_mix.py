"""Where an app server's CPU goes under the load test's mix, per page kind, in one process.

Replays bench/load.py's mix (the same weights, people, offers and postcodes) through
Django's test client in this process, against the load test's PostgreSQL database
(`prod_load`, prepared by bench/load.py) and Redis (a key prefix of its own, deleted
afterwards), with the settings of production (DEBUG off). No network and no gunicorn: what
is left is the portal's own work per request. Prints, per kind, the share of requests, the
CPU per request and the share of all CPU, and with --profile the functions that cost most.

    .venv/bin/python bench/profile_mix.py                   # 3,000 requests after 1,000 warm-up
    .venv/bin/python bench/profile_mix.py --profile 25      # and the top 25 functions
"""
# ruff: noqa: T201 (a command-line tool: it prints its results)

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import load  # noqa: E402 - bench/load.py, for its mix


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--database", default="prod_load")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    args = parser.parse_args()

    prefix = f"profile-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        load.env_for(
            args.database,
            REDIS_URL=args.redis,
            CACHE_KEY_PREFIX=prefix,
            STATIC_MANIFEST="off",
            ALLOWED_HOSTS="127.0.0.1,testserver",
            RATELIMIT_API_RATE="100000000/m",
        )
    )
    import django

    django.setup()
    from django.test import Client

    catalogue = load.read_catalogue(args.database)
    weighted = load.mix(catalogue)
    weights = [w for w, _ in weighted]
    makers = [m for _, m in weighted]
    rnd = random.Random(1)
    client = Client(HTTP_ACCEPT_ENCODING="gzip, br")

    def send(request):
        if request.kind == "static (CSS)":
            return None  # whitenoise, before Django: not the portal's work
        if request.method == "POST":
            body = request.body.decode()
            return client.post(
                request.target, body, content_type="application/x-www-form-urlencoded"
            )
        return client.get(request.target)

    for _ in range(args.warmup):
        send(rnd.choices(makers, weights)[0]())
    cpu = defaultdict(float)
    count = defaultdict(int)
    profiler = cProfile.Profile() if args.profile else None
    try:
        for _ in range(args.requests):
            request = rnd.choices(makers, weights)[0]()
            started = time.process_time()
            if profiler:
                profiler.enable()
            response = send(request)
            if profiler:
                profiler.disable()
            if response is None:
                continue
            cpu[request.kind] += time.process_time() - started
            count[request.kind] += 1
            assert response.status_code == request.expect, (request, response.status_code)
    finally:
        import redis

        keys = redis.Redis.from_url(args.redis)
        for key in keys.scan_iter(match=f"{prefix}:*", count=1000):
            keys.delete(key)

    total = sum(cpu.values())
    requests = sum(count.values())
    print(
        f"{requests:,} requests (the stylesheet left out: whitenoise), "
        f"{total * 1000 / requests:.2f} ms of CPU per request on average"
        + (" (under cProfile: slower)" if profiler else "")
    )
    print(f"{'kind':<26}{'requests':>10}{'ms each':>10}{'CPU share':>11}")
    for kind in sorted(cpu, key=lambda k: -cpu[k]):
        print(
            f"{kind:<26}{count[kind] / requests:>10.0%}{cpu[kind] * 1000 / count[kind]:>10.2f}"
            f"{cpu[kind] / total:>11.0%}"
        )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
