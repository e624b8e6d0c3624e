#!/usr/bin/env python3
"""Load for the zero-loss reload checks (tests/process/reload_*_under_load.phpt and
bench/reload_loss.sh): clients that keep asking a Surge echo server while it is reloaded,
restarted or recycled, and count every request that was sent and every one answered.

  reload_load.py --port P --mode text --clients 3 --stop-file F --out stats.json

Modes (the server must echo what it gets):
  text            new connection per request: connect, "ping N\\n", read the echo, close
  tcp             the same on a tcp:// worker (the echo of the raw bytes)
  http-close      new connection per request, "Connection: close"; the body must be the path
  http-keepalive  one connection reused; a new one only after the server closed it
  ws              one WebSocket connection reused; each text message must come back

What counts as a failure: a reset, a timeout, a wrong answer, or a connection closed
without answering the request sent on it. Two things are not failures, because a client
can tell that nothing was lost and retries, as HTTP clients do (RFC 9112 section 9.3.1):
an idle reused keep-alive connection that the server closed before any byte of the next
answer, and a WebSocket the server closed with 1001 before answering (each counted under
"retried"). A refused connect (nobody listening, only possible during `restart`) is counted
apart as "refused": the request was never sent.

Runs until --stop-file exists (or --duration seconds), then writes the counts as JSON.
"""
import argparse
import base64
import json
import os
import socket
import struct
import sys
import threading
import time

TIMEOUT = 10.0


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {"sent": 0, "answered": 0, "retried": 0, "refused": 0, "reset": 0,
                  "timeout": 0, "closed_unanswered": 0, "wrong": 0, "connect_error": 0}
        self.examples = []

    ready_file = None

    def add(self, key, example=None):
        with self.lock:
            self.c[key] += 1
            if key == "answered" and self.ready_file and self.c[key] == 100:
                open(self.ready_file, "w").close()
            if example and len(self.examples) < 10:
                self.examples.append(f"{time.time():.6f} {key}: {example}")


def connect(port, stats):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    try:
        s.connect(("127.0.0.1", port))
    except ConnectionRefusedError:
        s.close()
        stats.add("refused")
        return None
    except OSError as e:
        s.close()
        stats.add("connect_error", repr(e))
        return None
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def failure_of(exc):
    if isinstance(exc, socket.timeout):
        return "timeout"
    if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        return "reset"
    return "reset"


def read_until(s, buf, done):
    """Reads into buf until done(buf) is truthy; returns (buf, eof)."""
    while not done(buf):
        chunk = s.recv(65536)
        if not chunk:
            return buf, True
        buf += chunk
    return buf, False


def short_line(port, n, stats):
    s = connect(port, stats)
    if s is None:
        return
    line = f"ping {n}\n".encode()
    stats.add("sent")
    try:
        s.sendall(line)
        buf, eof = read_until(s, b"", lambda b: b.endswith(b"\n"))
        if buf == line:
            stats.add("answered")
        elif eof and buf == b"":
            stats.add("closed_unanswered", f"request {n}")
        else:
            stats.add("wrong", f"{buf[:60]!r} for {line!r}")
    except OSError as e:
        stats.add(failure_of(e), f"request {n}: {e!r}")
    finally:
        s.close()


def parse_response(buf):
    """Returns (body, rest, close) once a whole response is in buf, else None."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = buf[:end].decode("latin-1").lower()
    length = 0
    for h in head.split("\r\n")[1:]:
        if h.startswith("content-length:"):
            length = int(h.split(":", 1)[1])
    if len(buf) < end + 4 + length:
        return None
    body = buf[end + 4:end + 4 + length]
    return body, buf[end + 4 + length:], "connection: close" in head


def http_close(port, n, stats):
    s = connect(port, stats)
    if s is None:
        return
    path = f"/r{n}"
    stats.add("sent")
    try:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        buf, eof = read_until(s, b"", lambda b: parse_response(b) is not None)
        got = parse_response(buf)
        if got and got[0] == path.encode():
            stats.add("answered")
        elif buf == b"" and eof:
            stats.add("closed_unanswered", f"request {n}")
        else:
            stats.add("wrong", f"{buf[:80]!r}")
    except OSError as e:
        stats.add(failure_of(e), f"request {n}: {e!r}")
    finally:
        s.close()


class KeepAlive:
    def __init__(self, port, stats):
        self.port, self.stats, self.s, self.used = port, stats, None, 0

    def ask(self, n):
        path = f"/k{n}"
        self.stats.add("sent")
        while True:
            if self.s is None:
                self.s = connect(self.port, self.stats)
                self.used = 0
                if self.s is None:
                    return
            try:
                self.s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                buf, eof = read_until(self.s, b"", lambda b: parse_response(b) is not None)
            except OSError as e:
                self.stats.add(failure_of(e), f"request {n}: {e!r}")
                self.drop()
                return
            got = parse_response(buf)
            if got is None:
                reused = self.used > 0
                self.drop()
                if buf == b"" and reused:
                    self.stats.add("retried")  # closed between requests: ask again
                    continue
                self.stats.add("closed_unanswered" if buf == b"" else "wrong",
                               f"request {n} on a {'reused' if reused else 'new'} connection")
                return
            body, _, close = got
            self.stats.add("answered" if body == path.encode() else "wrong")
            self.used += 1
            if close:
                self.drop()
            return

    def drop(self):
        if self.s:
            self.s.close()
        self.s = None


def ws_frame(payload, opcode=1):
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    else:
        head += bytes([0x80 | 126]) + struct.pack("!H", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def ws_parse(buf):
    """Returns (opcode, payload, rest) once a whole frame is in buf, else None."""
    if len(buf) < 2:
        return None
    n = buf[1] & 0x7F
    at = 2
    if n == 126:
        if len(buf) < 4:
            return None
        n, at = struct.unpack("!H", buf[2:4])[0], 4
    elif n == 127:
        if len(buf) < 10:
            return None
        n, at = struct.unpack("!Q", buf[2:10])[0], 10
    if len(buf) < at + n:
        return None
    return buf[0] & 0x0F, buf[at:at + n], buf[at + n:]


class WebSocket:
    def __init__(self, port, stats):
        self.port, self.stats, self.s, self.used = port, stats, None, 0

    def open(self):
        self.s = connect(self.port, self.stats)
        self.used = 0
        if self.s is None:
            return False
        key = base64.b64encode(os.urandom(16)).decode()
        self.stats.add("sent")  # the handshake is a request too
        try:
            self.s.sendall((f"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                            f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
            buf, eof = read_until(self.s, b"", lambda b: b"\r\n\r\n" in b)
        except OSError as e:
            self.stats.add(failure_of(e), f"handshake: {e!r}")
            self.drop()
            return False
        if not buf.startswith(b"HTTP/1.1 101"):
            self.stats.add("closed_unanswered" if buf == b"" else "wrong", f"handshake {buf[:60]!r}")
            self.drop()
            return False
        self.stats.add("answered")
        self.rest = buf[buf.find(b"\r\n\r\n") + 4:]
        return True

    def ask(self, n):
        payload = f"m{n}".encode()
        self.stats.add("sent")
        while True:
            if self.s is None and not self.open():
                return
            try:
                self.s.sendall(ws_frame(payload))
                buf, eof = read_until(self.s, self.rest, lambda b: ws_parse(b) is not None)
            except OSError as e:
                self.stats.add(failure_of(e), f"message {n}: {e!r}")
                self.drop()
                return
            frame = ws_parse(buf)
            if frame is None:
                self.drop()
                self.stats.add("closed_unanswered", f"message {n}: EOF without a close frame")
                return
            opcode, body, self.rest = frame
            if opcode == 8:
                code = struct.unpack("!H", body[:2])[0] if len(body) >= 2 else 0
                self.drop()
                if code == 1001:
                    self.stats.add("retried")  # going away before our message: ask again
                    continue
                self.stats.add("wrong", f"close {code} for message {n}")
                return
            self.stats.add("answered" if body == payload else "wrong")
            self.used += 1
            return

    def drop(self):
        if self.s:
            try:
                self.s.sendall(ws_frame(struct.pack("!H", 1000), 8))
            except OSError:
                pass
            self.s.close()
        self.s = None
        self.rest = b""


def client(args, index, stats, stop):
    n = index * 10_000_000
    holder = None
    if args.mode == "http-keepalive":
        holder = KeepAlive(args.port, stats)
    elif args.mode == "ws":
        holder = WebSocket(args.port, stats)
    while not stop():
        n += 1
        if args.mode in ("text", "tcp"):
            short_line(args.port, n, stats)
        elif args.mode == "http-close":
            http_close(args.port, n, stats)
        else:
            holder.ask(n)
    if holder:
        holder.drop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--mode", default="text",
                   choices=["text", "tcp", "http-close", "http-keepalive", "ws"])
    p.add_argument("--clients", type=int, default=3)
    p.add_argument("--stop-file")
    p.add_argument("--ready-file", help="created once 100 requests were answered")
    p.add_argument("--duration", type=float, default=0)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    stats = Stats()
    stats.ready_file = args.ready_file
    t0 = time.time()

    def stop():
        if args.duration and time.time() - t0 >= args.duration:
            return True
        return bool(args.stop_file) and os.path.exists(args.stop_file)

    threads = [threading.Thread(target=client, args=(args, i, stats, stop)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = dict(stats.c)
    result["failures"] = sum(result[k] for k in ("reset", "timeout", "closed_unanswered", "wrong",
                                                  "connect_error"))
    result["examples"] = stats.examples
    result["seconds"] = round(time.time() - t0, 3)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f)
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
