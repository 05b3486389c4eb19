"""Real services for the fault, migration and backup tests: PostgreSQL databases of their
own (named prod_*), a TCP proxy in front of PostgreSQL that can be cut and restored, and
gunicorn serving the portal as in production. Nothing here is a mock."""

import os
import random
import selectors
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

REPO = Path(__file__).resolve().parents[2]
PORTS = range(8700, 8800)
PG_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# Straight to 127.0.0.1, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- Ports and Redis -------------------------------------------------------------------


def free_port(ports: range = PORTS) -> int:
    """A port in `ports` (this module's 8700-8799 unless told) that nothing listens on."""
    for port in random.sample(ports, len(ports)):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


# --- PostgreSQL ------------------------------------------------------------------------


def postgres_server_url() -> str:
    """The PostgreSQL server the suite uses (DATABASE_URL), or this machine's."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/postgres"))
    return PG_SERVER_URL


def postgres_answers() -> bool:
    try:
        with psycopg.connect(postgres_server_url(), connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def database_url(name: str, *, port: int | None = None) -> str:
    parts = urlsplit(postgres_server_url())
    netloc = parts.netloc
    if port is not None:
        netloc = f"{parts.username or 'postgres'}@127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{name}"))


def unique_name(purpose: str) -> str:
    return f"prod_{purpose}_{uuid.uuid4().hex[:10]}"


def _admin(sql: str) -> None:
    with psycopg.connect(postgres_server_url(), autocommit=True) as conn:
        conn.execute(sql)


def create_database(name: str, template: str | None = None) -> None:
    suffix = f' TEMPLATE "{template}"' if template else ""
    _admin(f'CREATE DATABASE "{name}"{suffix}')


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(purpose: str, template: str | None = None):
    name = unique_name(purpose)
    create_database(name, template)
    try:
        yield name
    finally:
        drop_database(name)


def manage(*args: str, database: str = "", url: str = "", timeout: int = 300):
    """Run manage.py against one database (a prod_* name, or any DATABASE_URL), as a
    deploy would."""
    env = production_env(url or database_url(database))
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result


MIGRATE_AND_LOAD = """
from io import StringIO
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("load_compact_data", stdout=StringIO())
"""


def migrate_and_load(database: str) -> None:
    """Migrate a database and load the Compact's data, as `make run` does."""
    manage("shell", "-c", MIGRATE_AND_LOAD, database=database)


def production_env(database: str, **extra: str) -> dict:
    """The environment of a production app server (DEBUG off), for a subprocess."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_", "REDIS_URL", "DATABASE_URL", "DEBUG"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "compact_portal.settings",
            "DATABASE_URL": database,
            "DEBUG": "off",
            "STATIC_MANIFEST": "off",
            "SECRET_KEY": "test-only-" + uuid.uuid4().hex,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


# --- A TCP proxy that can cut the database off ----------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target. cut() closes the listener and every open
    connection, as a dead database host or a network partition would; restore() listens
    again on the same port."""

    def __init__(self, port: int, target: tuple[str, int]):
        self.port = port
        self.target = target
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "TcpProxy":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._thread.start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(a, selectors.EVENT_READ, b)
        sel.register(b, selectors.EVENT_READ, a)
        try:
            while True:
                for key, _ in sel.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except (OSError, ValueError):
            return
        finally:
            sel.close()
            for sock in (a, b):
                with self._lock:
                    self._sockets.discard(sock)
                try:
                    sock.close()
                except OSError:
                    pass

    def cut(self) -> None:
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = list(self._sockets), set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def restore(self) -> None:
        self.start()

    def stop(self) -> None:
        self.cut()


# --- gunicorn, as the README's deployment section runs it ------------------------------


class Gunicorn:
    """Also the benchmarks' server (bench/load.py, bench/throughput.py)."""

    def __init__(self, port: int, env: dict, workers: int | None = 1):
        self.port = port
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        if workers is not None:  # None: gunicorn.conf.py's own count
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        import tempfile

        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.output()}")
            try:
                self.get("/healthz")
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not start:\n{self.output()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def get(self, path: str, timeout: float = 15) -> tuple[int, dict, str]:
        """(status, headers, body) of GET path; 4xx and 5xx are answers too."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"Host": "localhost"}
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()
