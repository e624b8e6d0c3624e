#!/usr/bin/env python3
"""Socket-level fuzzer: attacks a running Surge server with mutated and random byte streams.

For each protocol (http, websocket, text, frame, and tls: text:// over TLS) in turn, attacker threads open connections
and send valid messages that have been mutated (bit flips, interesting bytes, insertions,
deletions, duplicated or truncated ranges, huge numbers, splices of two messages) or plain
random bytes, in random pieces, sometimes pipelined, sometimes cut with a reset. Meanwhile
a well-behaved client talks to the same worker without pause, on one kept-alive connection
and on a fresh connection now and then, and checks every answer byte for byte.

The run fails if the server crashes or restarts a process, if the well-behaved client once
gets a wrong answer or none within --answer-timeout seconds, or if a worker's RSS (within
--rss-slack-kb) or PHP memory (within 4 KB) does not return to its baseline, measured after
a warm-up attack half as long, once the attack stops.

    python3 bench/socket_fuzz.py --seconds 10           # 10 s per protocol (the CI run)
    python3 bench/socket_fuzz.py --seconds 120 --seed 7 # longer, reproducible mutations

Needs only python3 and php with the extension (SURGE_EXT or modules/surge.so).
"""
import argparse
import os
import random
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

from procinfo import free_port, rss_kb, sockets_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTOCOLS = ["http", "websocket", "text", "frame", "tls"]
WS_KEY = "dGhlIHNhbXBsZSBub25jZQ=="


# ---- the protocols' messages -------------------------------------------------------------

def ws_frame(payload, opcode=0x1, fin=True, mask=b"\x11\x22\x33\x44", rsv=0):
    head = bytes([(0x80 if fin else 0) | (rsv << 4) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


def ws_handshake(extra=""):
    return ("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {WS_KEY}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode()


def frame_msg(payload):
    return struct.pack(">I", len(payload) + 4) + payload


def tls_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def tls_client_hello():
    """The bytes a TLS client sends first."""
    obj = tls_context().wrap_bio(ssl.MemoryBIO(), out := ssl.MemoryBIO(), server_hostname="localhost")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return out.read()


CLIENT_HELLO = tls_client_hello()


def tls_handshake(sock):
    """Completes a TLS handshake over the plain socket `sock`; returns (SSLObject, its
    outgoing BIO): the caller writes records through them, or raw bytes straight to `sock`."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = tls_context().wrap_bio(incoming, outgoing, server_hostname="localhost")
    while True:
        try:
            obj.do_handshake()
            sock.sendall(outgoing.read())
            return obj, outgoing
        except ssl.SSLWantReadError:
            sock.sendall(outgoing.read())
            chunk = sock.recv(65536)
            if not chunk:
                raise OSError("closed during the handshake")
            incoming.write(chunk)


def seeds(protocol):
    if protocol == "tls":
        # Mutated ClientHellos; after a handshake, text lines and raw bytes (attack_once).
        return [CLIENT_HELLO, CLIENT_HELLO[:5] + b"\x00" * 40, b"\x16\x03\x01\x00\x05hello"]
    if protocol == "http":
        return [
            b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
            b"GET /x?y=1&z=%20 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            b"POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
            b"POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
            b"3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n",
            b"POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
            b"POST /m HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=XX\r\n"
            b"Content-Length: 99\r\n\r\n--XX\r\nContent-Disposition: form-data; name=\"f\"; "
            b"filename=\"a.txt\"\r\n\r\nfile\r\n--XX--\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nCookie: a=b; c=d\r\nRange: bytes=0-1\r\n\r\n" * 3,
            ws_handshake(),
        ]
    if protocol == "websocket":
        hs = ws_handshake()
        return [
            hs + ws_frame(b"hello"),
            hs + ws_frame(b"frag", fin=False) + ws_frame(b"ment", opcode=0x0),
            hs + ws_frame(b"ping", opcode=0x9) + ws_frame(b"\x00\x01\x02", opcode=0x2),
            hs + ws_frame(struct.pack(">H", 1000) + b"bye", opcode=0x8),
            hs + ws_frame(b"x" * 300) + ws_frame(b"y" * 70000, opcode=0x2),
            ws_handshake("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")
            + ws_frame(b"\xf2\x48\xcd\xc9\xc9\x07\x00", rsv=4),
            hs + ws_frame("\u00e9t\u00e9".encode()),
        ]
    if protocol == "text":
        return [b"hello\n", b"a\r\nb\nc\r\n", b"x" * 1000 + b"\n", b"\n\n\n",
                "caf\u00e9\n".encode(), b"no newline yet"]
    return [frame_msg(b"hello"), frame_msg(b"") + frame_msg(b"x" * 500),
            frame_msg(b"\x00\xff" * 10), struct.pack(">I", 3), struct.pack(">I", 0xFFFFFFFF)]


INTERESTING = [b"\x00", b"\xff", b"\r", b"\n", b"\r\n", b" ", b":", b";", b"0", b"\x7f", b"\x80",
               b"%", b"/", b"-1", b"99999999999999999999", b"ffffffffffffffff", b"\r\n\r\n"]


def mutate(rng, data, protocol):
    data = bytearray(data)
    keep = 0
    if protocol == "websocket" and rng.random() < 0.8:
        # Mostly attack the frames, not only the handshake parser.
        keep = min(len(data), len(ws_handshake()))
    for _ in range(rng.randint(1, 6)):
        if len(data) <= keep:
            data += rng.randbytes(rng.randint(1, 16))
            continue
        pos = rng.randrange(keep, len(data))
        op = rng.randrange(9)
        if op == 0:
            data[pos] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos] = rng.randrange(256)
        elif op == 2:
            data[pos:pos] = rng.choice(INTERESTING)
        elif op == 3:
            del data[pos:pos + rng.randint(1, 8)]
        elif op == 4:
            end = min(len(data), pos + rng.randint(1, 64))
            data[pos:pos] = data[pos:end] * rng.randint(1, 50)
        elif op == 5:
            del data[pos:]
        elif op == 6:
            data[pos:pos] = rng.randbytes(rng.randint(1, 32))
        elif op == 7:
            other = rng.choice(seeds(protocol))
            data[pos:] = other[rng.randrange(len(other)):]
        else:
            data[pos:pos + 1] = rng.choice(INTERESTING)
    return bytes(data)


def attack_once(rng, port, protocol):
    r = rng.random()
    if r < 0.15:
        payload = rng.randbytes(rng.randint(1, 4096))
    else:
        payload = b"".join(mutate(rng, rng.choice(seeds(protocol)), protocol)
                           for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.05:
        payload = payload * rng.randint(50, 400)  # big: the limits
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
    except OSError:
        return
    try:
        if protocol == "tls" and rng.random() < 0.5:
            # After a real handshake: text lines (mutated) inside records, or raw bytes
            # that are not records at all.
            obj, outgoing = tls_handshake(s)
            if rng.random() < 0.5:
                obj.write(b"".join(mutate(rng, rng.choice(seeds("text")), "text")
                                   for _ in range(rng.randint(1, 3))))
                payload = outgoing.read()
            else:
                payload = rng.randbytes(rng.randint(1, 2048))
        s.settimeout(0.02)
        pos = 0
        while pos < len(payload):
            n = len(payload) - pos if rng.random() < 0.6 else rng.randint(1, 64)
            s.sendall(payload[pos:pos + n])
            pos += n
            if rng.random() < 0.1:
                time.sleep(0.001)
        try:
            while s.recv(65536):
                pass
        except (socket.timeout, OSError):
            pass
        # Mostly an abortive close (RST): besides being an attack of its own, it leaves no
        # TIME_WAIT socket on the ephemeral port, which would keep a test that binds that
        # port number later from listening there for a minute.
        if rng.random() < 0.7:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    finally:
        s.close()


# ---- the well-behaved client -------------------------------------------------------------

class GoodClient:
    """One exchange at a time with a bounded wait; raises on any wrong or missing answer."""

    def __init__(self, protocol, port, timeout):
        self.protocol, self.port, self.timeout = protocol, port, timeout
        self.sock = None
        self.buf = b""
        self.n = 0

    def connect(self):
        if self.sock:
            self.sock.close()
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
        if self.protocol == "tls":
            self.sock = tls_context().wrap_socket(self.sock, server_hostname="localhost")
        self.buf = b""
        if self.protocol == "websocket":
            self.sock.sendall(ws_handshake())
            head = self.read_until(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 101 "):
                raise RuntimeError(f"handshake answered {head[:40]!r}")

    def read_until(self, marker):
        deadline = time.monotonic() + self.timeout
        while marker not in self.buf:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer within {self.timeout} s")
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed without an answer")
            self.buf += chunk
        i = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_exact(self, n):
        deadline = time.monotonic() + self.timeout
        while len(self.buf) < n:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer within {self.timeout} s")
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed without an answer")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def exchange(self, message):
        """Sends `message` (str) and returns the answer's payload."""
        p = self.protocol
        if p == "http":
            self.sock.sendall(f"GET /{message} HTTP/1.1\r\nHost: a\r\n\r\n".encode())
            head = self.read_until(b"\r\n\r\n")
            length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            if not head.startswith(b"HTTP/1.1 200 "):
                raise RuntimeError(f"answered {head[:40]!r}")
            return self.read_exact(length).decode()
        if p == "websocket":
            self.sock.sendall(ws_frame(message.encode()))
            b0, b1 = self.read_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self.read_exact(2))[0]
            if b0 != 0x81:
                raise RuntimeError(f"frame type {b0:#x}")
            return self.read_exact(n).decode()
        if p in ("text", "tls"):
            self.sock.sendall(message.encode() + b"\n")
            return self.read_until(b"\n")[:-1].decode()
        self.sock.sendall(frame_msg(message.encode()))
        n = struct.unpack(">I", self.read_exact(4))[0]
        return self.read_exact(n - 4).decode()

    def check(self, message):
        self.n += 1
        answer = self.exchange(message)
        expected = f"echo GET /{message} 0" if self.protocol == "http" else message
        if answer != expected:
            raise RuntimeError(f"sent {message!r}, got {answer!r}")


def worker_probe(protocol, port, timeout):
    """(pid, PHP memory in use) of the worker behind `port`."""
    c = GoodClient(protocol, port, timeout)
    c.connect()
    if protocol == "http":
        c.sock.sendall(b"GET /pid HTTP/1.1\r\nHost: a\r\n\r\n")
        head = c.read_until(b"\r\n\r\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        answer = c.read_exact(length).decode()
    else:
        answer = c.exchange("pid")
    c.sock.close()
    pid, memory = answer.split()
    return int(pid), int(memory)


def good_loop(protocol, port, timeout, stop, failures, counter):
    keep = GoodClient(protocol, port, timeout)
    try:
        keep.connect()
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        failures.append(f"{protocol}: good client cannot connect: {e}")
        return
    i = 0
    while not stop.is_set():
        i += 1
        try:
            keep.check(f"good{i}")
            counter[0] += 1
            if i % 20 == 0:  # a fresh connection now and then: accepting still works
                fresh = GoodClient(protocol, port, timeout)
                fresh.connect()
                fresh.check(f"fresh{i}")
                fresh.sock.close()
                counter[0] += 1
        except Exception as e:  # noqa: BLE001
            failures.append(f"{protocol}: good client, exchange {i}: {e}")
            try:
                keep.connect()
            except Exception as e2:  # noqa: BLE001
                failures.append(f"{protocol}: good client cannot reconnect: {e2}")
                return
        time.sleep(0.005)
    keep.sock.close()


def attack(protocol, port, seconds, threads, seed, timeout):
    stop = threading.Event()
    failures, counter, attacks = [], [0], [0]

    def attacker(k):
        rng = random.Random(seed * 1000 + k)
        while not stop.is_set():
            attack_once(rng, port, protocol)
            attacks[0] += 1

    good = threading.Thread(target=good_loop, args=(protocol, port, timeout, stop, failures, counter))
    workers = [threading.Thread(target=attacker, args=(k,)) for k in range(threads)]
    good.start()
    for t in workers:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in workers + [good]:
        t.join()
    return attacks[0], counter[0], failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10, help="attack time per protocol")
    ap.add_argument("--threads", type=int, default=4, help="attacker threads per protocol")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--answer-timeout", type=float, default=5)
    ap.add_argument("--rss-slack-kb", type=int, default=2048,
                    help="RSS above the baseline still counted as returned (allocator slack)")
    ap.add_argument("--protocols", default=",".join(PROTOCOLS))
    args = ap.parse_args()
    ext = os.environ.get("SURGE_EXT", os.path.join(ROOT, "modules", "surge.so"))
    php = os.environ.get("PHP", "php")
    protocols = args.protocols.split(",")
    ports = {p: free_port() for p in PROTOCOLS}
    tmp = tempfile.mkdtemp(prefix="surge-fuzz.")
    for cmd in (["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"],
                ["req", "-x509", "-new", "-key", "key.pem", "-subj", "/CN=localhost", "-days", "2", "-out", "cert.pem"]):
        subprocess.run(["openssl"] + cmd, cwd=tmp, check=True, capture_output=True)
    env = dict(os.environ, FUZZ_PORTS=",".join(str(ports[p]) for p in PROTOCOLS), FUZZ_TMP=tmp)
    server = subprocess.Popen([php, "-n", "-d", f"extension={ext}",
                               os.path.join(ROOT, "bench", "socket_fuzz_server.php"), "start", "-q"],
                              env=env, stdout=open(os.path.join(tmp, "out"), "w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    print(f"socket fuzz: seed {args.seed}, {args.seconds:g} s per protocol, {args.threads} attackers, "
          f"server {server.pid}, scratch {tmp}", flush=True)
    ok = True
    try:
        deadline = time.monotonic() + 20
        pids = {}
        while True:
            try:
                pids = {p: worker_probe(p, ports[p], args.answer_timeout)[0] for p in PROTOCOLS}
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start: " +
                                       open(os.path.join(tmp, "out")).read())
                time.sleep(0.1)

        def settled_rss(pid, target=None, wait=15):
            """RSS once the attack's connections are gone (and, with target, once it is
            at or under it, or the wait ran out)."""
            end = time.monotonic() + wait
            while time.monotonic() < end:
                if sockets_of(pid) <= 2 and (target is None or rss_kb(pid) <= target):
                    break
                time.sleep(0.1)
            return rss_kb(pid)

        for p in protocols:
            # Warm-up: an attack half as long, so that the baseline includes what the
            # attack leaves allocated for good: buffers at their high-water mark, and the
            # heap that the allocator keeps after the largest messages. What a leak keeps
            # grows with the attack's length instead, and shows against that baseline.
            attack(p, ports[p], args.seconds / 2, args.threads, args.seed + 17, args.answer_timeout)
            base = settled_rss(pids[p])
            _, mem_base = worker_probe(p, ports[p], args.answer_timeout)
            attacks, good, failures = attack(p, ports[p], args.seconds, args.threads, args.seed,
                                             args.answer_timeout)
            after = settled_rss(pids[p], base + args.rss_slack_kb)
            pid_now, mem_after = worker_probe(p, ports[p], args.answer_timeout)
            returned = after <= base + args.rss_slack_kb and mem_after <= mem_base + 4096
            line = (f"{p:9} attacks={attacks} good_exchanges={good} failures={len(failures)} "
                    f"rss_base_kb={base} rss_after_kb={after} php_memory={mem_base}->{mem_after} "
                    f"same_process={pid_now == pids[p]}")
            print(line, flush=True)
            for f in failures[:10]:
                print("  " + f)
            if failures or pid_now != pids[p] or not returned or good == 0:
                ok = False
        if server.poll() is not None:
            print(f"the master exited with {server.returncode}")
            ok = False
        log = open(os.path.join(tmp, "fuzz.log")).read()
        for needle in ("killed by", "exit code", "fatal error", "core dumped"):
            if needle in log:
                print(f"server log says '{needle}':")
                print("\n".join(l for l in log.splitlines() if needle in l)[:2000])
                ok = False
        print(f"log lines: {len(log.splitlines())}, bytes: {len(log)}")
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
    print("socket fuzz: " + ("OK" if ok else "FAILED"))
    if ok:
        subprocess.run(["rm", "-rf", tmp])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
