"""Time the workspace (``standoff serve``) on loopback, on a temporary copy of ``examples/``.

- **Startup**: from starting the command to the first answer of the folder page (target: 2 s).
- **Edit to panels**: for each shipped example, what the page does after a valid edit: validate
  the text, then analyse the quick part (the stability table, the state graph and the other
  quick panels; robustness and forecasts follow in a second request, not timed here); the 95th
  percentile over ``--repeats`` edits, after one untimed first analysis (target: 0.5 s).
- **Edit to errors**: the same with an edit that breaks the file (a misspelt key): the time to
  the located problems (target: 0.2 s).
- **Load**: ``--clients`` clients (20) for ``--seconds`` (30), each editing its own copy of an
  example in a loop: read it, edit it, validate, analyse, save over the version it read. It
  reports the requests per second, the 95th-percentile time of a request, the errors (any answer
  but 200) and the lost saves (a file whose final text is not the last one its client saved).

Each request is timed with ``time.perf_counter`` around a plain HTTP call (urllib); the machine's
load shows in the figures, so the script prints the load average first.

Usage::

    python benchmarks/bench_serve.py
    python benchmarks/bench_serve.py --clients 20 --seconds 30 --repeats 20
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "benchmark-token-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Client:
    """Plain HTTP calls to the workspace, as its pages make them."""

    def __init__(self, address: str) -> None:
        self.address = address

    def call(self, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.address + path, data=data)
        if body is not None:
            request.add_header("content-type", "application/json")
            request.add_header("origin", self.address)
            request.add_header("x-standoff-token", TOKEN)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def start(folder: Path, port: int) -> tuple[subprocess.Popen[bytes], float]:
    began = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from standoff.cli import main; main()",
            "serve",
            str(folder),
            "--port",
            str(port),
            "--token",
            TOKEN,
        ],
        stderr=subprocess.DEVNULL,
    )
    client = Client(f"http://127.0.0.1:{port}")
    while True:
        try:
            urllib.request.urlopen(client.address + "/", timeout=1).read()
            return server, time.perf_counter() - began
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the workspace did not start") from None
            time.sleep(0.02)


def _expect(condition: bool, name: str, found: Any) -> None:
    if not condition:
        raise SystemExit(f"{name}: unexpected answer {found}")


def edits(client: Client, folder: Path, repeats: int) -> None:
    print(f"\n{'example':<34} {'panels p95':>11} {'errors p95':>11}   (targets 0.5 s, 0.2 s)")
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml"))
    for name in [n for n in names if not n.startswith(".")]:
        text = (folder / name).read_text(encoding="utf-8")
        panels, errors = [], []
        client.call("/api/analyse", {"name": name, "text": text})  # the first, untimed
        for k in range(repeats):
            edited = f"{text}# edit {k}\n"
            began = time.perf_counter()
            status, found = client.call("/api/validate", {"name": name, "text": edited})
            _expect(status == 200 and found["valid"], name, found)
            status, found = client.call("/api/analyse", {"name": name, "text": edited})
            _expect(status == 200 and found["valid"], name, found)
            panels.append(time.perf_counter() - began)
            broken = edited.replace("title:", "titel:", 1)
            began = time.perf_counter()
            status, found = client.call("/api/validate", {"name": name, "text": broken})
            _expect(status == 200 and not found["valid"], name, found)
            errors.append(time.perf_counter() - began)
        print(f"{name:<34} {p95(panels):>10.3f}s {p95(errors):>10.3f}s")


def load(client: Client, folder: Path, clients: int, seconds: float) -> None:
    examples = sorted(p.name for p in folder.glob("*.yaml"))
    times: list[float] = []
    errors: list[str] = []
    last: dict[str, str] = {}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def timed(path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        began = time.perf_counter()
        status, found = client.call(path, body)
        with lock:
            times.append(time.perf_counter() - began)
            if status != 200:
                errors.append(f"{path}: {status} {found}")
        return status, found

    def work(number: int) -> None:
        name = f"load_{number:02d}.yaml"
        shutil.copy(folder / examples[number % len(examples)], folder / name)
        k = 0
        while time.perf_counter() < stop:
            status, found = timed(f"/api/file?name={name}")
            if status != 200:
                return
            text = f"{found['text']}# edit {k}\n"
            timed("/api/validate", {"name": name, "text": text})
            timed("/api/analyse", {"name": name, "text": text})
            status, _ = timed("/api/save", {"name": name, "text": text, "base": found["version"]})
            if status == 200:
                last[name] = text
            k += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    lost = [n for n, text in last.items() if (folder / n).read_text(encoding="utf-8") != text]
    print(
        f"\nload: {clients} clients for {elapsed:.1f} s: {len(times):,} requests, "
        f"{len(times) / elapsed:.1f} requests/s, p95 {p95(times):.3f} s, "
        f"errors {len(errors)}, lost saves {len(lost)}"
    )
    for error in errors[:5]:
        print("  " + error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--repeats", type=int, default=20)
    options = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "examples"
        shutil.copytree(ROOT / "examples", folder)
        port = _free_port()
        server, startup = start(folder, port)
        try:
            print(f"startup: {startup:.2f} s (target 2 s)")
            client = Client(f"http://127.0.0.1:{port}")
            edits(client, folder, options.repeats)
            load(client, folder, options.clients, options.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
