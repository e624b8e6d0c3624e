#!/usr/bin/env python3
"""Soak: does a worker's memory stay flat under a long run?

Starts bench/soak_server.php (one HTTP worker process, one WebSocket worker process), runs a
warm-up (a tenth of each load), samples each worker's RSS (/proc/<pid>/status VmRSS) and
PHP memory (memory_get_usage() through a probe request), then runs the load:

  --requests  keep-alive HTTP requests (pipelined --depth at a time on --connections
              connections; every answer checked by its exact length and status line)
  --messages  WebSocket messages (the same way; every echo checked byte for byte)
  --cycles    connection open/close cycles (connect, one request with Connection: close,
              read to EOF, close)

and samples again once the load's connections are gone. It fails if any figure grew by more
than --max-growth percent, or if any answer was wrong or missing.

    python3 bench/soak.py                                   # the full soak (1,000,000 requests)
    python3 bench/soak.py --requests 100000 --messages 10000 --cycles 2000   # the CI soak

Prints one line per worker with the figures, then "soak: OK" or "soak: FAILED".
"""
import argparse
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

from procinfo import free_port, rss_kb, sockets_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELLO = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"
WS_KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def read_exact(sock, n):
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise RuntimeError(f"connection closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def http_response(sock):
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("connection closed before the response head")
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    return head + b"\r\n\r\n" + rest + read_exact(sock, length - len(rest))


def ws_frame(payload, opcode=0x1, mask=b"\x01\x02\x03\x04"):
    n = len(payload)
    head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def ws_connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {WS_KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise RuntimeError("WebSocket handshake: connection closed")
        buf += chunk
    if not buf.startswith(b"HTTP/1.1 101 "):
        raise RuntimeError(f"WebSocket handshake answered {buf[:40]!r}")
    return s


def probe(kind, port):
    """(pid, PHP memory in bytes) of the worker behind `port`."""
    if kind == "http":
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"GET /probe HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        body = http_response(s).split(b"\r\n\r\n", 1)[1]
    else:
        s = ws_connect(port)
        s.sendall(ws_frame(b"probe"))
        b0, n = read_exact(s, 2)
        body = read_exact(s, n & 0x7F)
    s.close()
    pid, memory = body.split()
    return int(pid), int(memory)


def run_threads(n, target):
    errors = []

    def guarded(k):
        try:
            target(k)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=guarded, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError("; ".join(errors[:5]))


def http_load(port, total, connections, depth):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(HELLO)
    one = http_response(s)
    s.close()
    if not one.startswith(b"HTTP/1.1 200 ") or not one.endswith(b"Hello, World!"):
        raise RuntimeError(f"unexpected answer {one[:60]!r}")
    size = len(one)

    def connection(k):
        n = total // connections + (1 if k < total % connections else 0)
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while n > 0:
            batch = min(depth, n)
            sock.sendall(HELLO * batch)
            got = read_exact(sock, size * batch)
            if got.count(b"HTTP/1.1 200 OK\r\n") != batch or not got.endswith(b"Hello, World!"):
                raise RuntimeError("a wrong answer in a batch")
            n -= batch
        sock.close()

    run_threads(connections, connection)


def ws_load(port, total, connections, depth):
    payload = b"soak message 0123456789"
    frame = ws_frame(payload)
    echo = bytes([0x81, len(payload)]) + payload

    def connection(k):
        n = total // connections + (1 if k < total % connections else 0)
        sock = ws_connect(port)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while n > 0:
            batch = min(depth, n)
            sock.sendall(frame * batch)
            if read_exact(sock, len(echo) * batch) != echo * batch:
                raise RuntimeError("a wrong echo in a batch")
            n -= batch
        sock.close()

    run_threads(connections, connection)


def cycles_load(port, total, parallel=4):
    request = b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"

    def runner(k):
        for _ in range(total // parallel + (1 if k < total % parallel else 0)):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(request)
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            s.close()
            if not data.startswith(b"HTTP/1.1 200 ") or not data.endswith(b"Hello, World!"):
                raise RuntimeError(f"open/close cycle answered {data[:60]!r}")

    run_threads(parallel, runner)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--cycles", type=int, default=20_000)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--depth", type=int, default=32, help="requests/messages in flight per connection")
    ap.add_argument("--max-growth", type=float, default=1.0, help="percent")
    args = ap.parse_args()
    ext = os.environ.get("SURGE_EXT", os.path.join(ROOT, "modules", "surge.so"))
    php = os.environ.get("PHP", "php")
    ports = {"http": free_port(), "websocket": free_port()}
    tmp = tempfile.mkdtemp(prefix="surge-soak.")
    env = dict(os.environ, SOAK_HTTP_PORT=str(ports["http"]), SOAK_WS_PORT=str(ports["websocket"]), SOAK_TMP=tmp)
    server = subprocess.Popen([php, "-n", "-d", f"extension={ext}", os.path.join(ROOT, "bench", "soak_server.php"),
                               "start", "-q"], env=env, stdout=open(os.path.join(tmp, "out"), "w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    ok = True
    started = time.monotonic()
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                pids = {k: probe(k, ports[k])[0] for k in ports}
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start: " + open(os.path.join(tmp, "out")).read())
                time.sleep(0.1)

        def load(fraction):
            http_load(ports["http"], max(1, int(args.requests * fraction)), args.connections, args.depth)
            ws_load(ports["websocket"], max(1, int(args.messages * fraction)), args.connections, args.depth)
            cycles_load(ports["http"], max(1, int(args.cycles * fraction)))

        def sample():
            out = {}
            for k, pid in pids.items():
                end = time.monotonic() + 10
                while sockets_of(pid) > 2 and time.monotonic() < end:  # the listener (+ the probe)
                    time.sleep(0.05)
                # The least of a few probes: a connection of the load still being torn
                # down (or the previous probe's) holds a little memory for a moment.
                memory = None
                for _ in range(5):
                    probe_pid, m = probe(k, ports[k])
                    if probe_pid != pid:
                        raise RuntimeError(f"{k}: worker {pid} was replaced by {probe_pid}")
                    memory = m if memory is None else min(memory, m)
                    time.sleep(0.05)
                out[k] = (rss_kb(pid), memory)
            return out

        load(0.1)
        before = sample()
        t0 = time.monotonic()
        load(1.0)
        seconds = time.monotonic() - t0
        after = sample()
        print(f"soak: {args.requests} keep-alive HTTP requests, {args.messages} WebSocket messages, "
              f"{args.cycles} open/close cycles in {seconds:.1f} s (after a warm-up of a tenth of each)")
        for k in pids:
            (rss0, mem0), (rss1, mem1) = before[k], after[k]
            g_rss = (rss1 - rss0) * 100.0 / rss0
            g_mem = (mem1 - mem0) * 100.0 / mem0
            print(f"{k:9} pid {pids[k]}: RSS {rss0} -> {rss1} kB ({g_rss:+.2f} %), "
                  f"PHP memory {mem0} -> {mem1} B ({g_mem:+.2f} %)")
            if g_rss > args.max_growth or g_mem > args.max_growth:
                ok = False
        if server.poll() is not None:
            print(f"the master exited with {server.returncode}")
            ok = False
    except Exception as e:  # noqa: BLE001
        print(f"soak: {type(e).__name__}: {e}")
        ok = False
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
    print(f"soak: {'OK' if ok else 'FAILED'} (limit +{args.max_growth:g} %, {time.monotonic() - started:.0f} s in all)")
    if ok:
        subprocess.run(["rm", "-rf", tmp])
    else:
        print(f"server files kept in {tmp}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
