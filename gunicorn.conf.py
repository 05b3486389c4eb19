"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (a guard against slow leaks; 0: never).
# Cheap now that the master is warmed up, but not free: the new worker connects again and
# refills its own copy of the catalogue.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Paths can hold a postcode (/api/v1/postcodes/<postcode>): no access log by default.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
# The app is loaded once in the master and forked: the workers share its memory, and
# warm_up() below does there what each worker would otherwise do on its first request.
preload_app = True
# gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# which several app servers (or test runs) on one host would fight over. Off unless a path
# is given; the process manager or the platform stops and restarts app servers.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
wsgi_app = "compact_portal.wsgi:application"


def warm_up() -> None:
    """What every worker would otherwise do on its first request (about 300 ms, and again
    for each worker that replaces one after max_requests): import the URLconf and build
    its resolvers for every language, load every language's translations, compile the
    portal's templates, read the static files' manifest and make the cache backend. No
    connection to PostgreSQL or Redis is made: those belong to each worker."""
    from pathlib import Path

    from django.conf import settings
    from django.core.cache import cache
    from django.template import engines
    from django.templatetags.static import static
    from django.urls import get_resolver, reverse
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        # Activating a language loads its translations; reversing a URL in it builds the
        # resolver's reverse map for it.
        with translation.override(code):
            reverse("offers:start")
    get_resolver().resolve("/")
    static("dist/portal.css")
    cache.make_key("warm-up")
    base = Path(settings.BASE_DIR)
    for engine in engines.all():
        for directory in map(Path, engine.template_dirs):
            if base not in directory.parents or not directory.is_dir():
                continue
            for path in directory.rglob("*.html"):
                try:
                    engine.get_template(str(path.relative_to(directory)))
                except Exception:  # noqa: BLE001 - a fragment that only compiles in place
                    continue


def when_ready(server):
    if not preload_app:
        return
    import gc

    try:
        warm_up()
    except Exception:
        server.log.exception("warm-up failed; each worker will warm itself")
    # Keep what the master built out of the workers' garbage collections (less work for
    # every collection, and the shared memory pages stay shared).
    gc.freeze()


def post_fork(server, worker):
    if worker_class != "sync":
        return
    # A sync worker answers in its main thread: connect to the database before the first
    # request rather than during it (each worker has its own connection).
    try:
        from django.db import connection

        connection.ensure_connection()
    except Exception:  # noqa: BLE001 - the first request will try again (and answer 503)
        server.log.warning("worker %s: no database connection yet", worker.pid)
