#!/usr/bin/env python3
"""sendToUid() between processes of one server, and between two nodes through Redis.

Starts the server(s) (bench/send_to_uid_server.php, 2 worker processes each, pinned to
core 1) and, for --nodes, a redis-server (core 1 too); the client runs on core 0. A
receiver connection logs in as uid "r" in one process; a sender connection in another
process (or on the other node) then
  - throughput: asks for bursts of sendToUid("r", 64-byte message) and the receiver
    counts lines until all arrived: messages/s, median of --repeat runs;
  - latency: sends "ping r <t0>" one at a time; the receiver reads it and notes now - t0
    (same machine, same clock): median and p99 of --pings messages.
Usage: python3 bench/send_to_uid.py [--nodes] [--ext modules/surge.so]
"""
import argparse, os, socket, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p


def wait_port(port, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(('127.0.0.1', port), 0.2).close(); return
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f'port {port} did not open')


class Line:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port)); self.s.settimeout(30)
        self.f = self.s.makefile('rb')

    def send(self, line): self.s.sendall((line + '\n').encode())

    def read(self): return self.f.readline().decode().rstrip('\n')

    def ask(self, line): self.send(line); return self.read()


def pid_of(client_id): return client_id.split(':')[-2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nodes', action='store_true', help='receiver on a second node, through Redis')
    ap.add_argument('--ext', default=os.path.join(root, 'modules/surge.so'))
    ap.add_argument('--burst', type=int, default=200000)
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--pings', type=int, default=5000)
    a = ap.parse_args()
    procs = []
    env = dict(os.environ)
    try:
        if a.nodes:
            rport = free_port()
            procs.append(subprocess.Popen(['taskset', '-c', '1', 'redis-server', '--port', str(rport), '--save', '',
                                           '--appendonly', 'no'], stdout=subprocess.DEVNULL))
            wait_port(rport)
            env['REDIS'] = f'tcp://127.0.0.1:{rport}'
        ports = []
        for node in (['a', 'b'] if a.nodes else ['a']):
            port = free_port(); ports.append(port)
            e = dict(env, PORT=str(port), NODE=node)
            procs.append(subprocess.Popen(['taskset', '-c', '1', 'php', '-n', '-d', f'extension={a.ext}', '-d', 'extension=posix',
                                           os.path.join(root, 'bench/send_to_uid_server.php'), 'start'], env=e,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait_port(port)
        os.sched_setaffinity(0, {0})
        recv = Line(ports[-1]); rid = recv.ask('login r')[3:]
        # The sender sits in another process than the receiver (or on the other node).
        while True:
            sender = Line(ports[0]); sid = sender.ask('login s')[3:]
            if a.nodes or pid_of(sid) != pid_of(rid): break
        if a.nodes:
            while sender.ask('online r') != 'yes': time.sleep(0.05)
            # A subscription may still be on its way: wait for a first message to pass.
            while True:
                sender.send('ping r warm'); recv.s.settimeout(0.5)
                try:
                    if recv.read() == 'warm': break
                except socket.timeout:
                    pass
            recv.s.settimeout(30)
        rates = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            sender.send(f'burst r {a.burst} 64')
            for _ in range(a.burst): recv.f.readline()
            rates.append(a.burst / (time.perf_counter() - t0))
            assert sender.read() == 'done'
        lat = []
        for i in range(a.pings):
            t0 = time.perf_counter()
            sender.send(f'ping r {i}')
            got = recv.read()
            lat.append((time.perf_counter() - t0) * 1e6)
            assert got == str(i), got
        lat.sort()
        where = 'two nodes through Redis' if a.nodes else 'two processes of one server'
        print(f'sendToUid, {where}: {statistics.median(rates):,.0f} messages/s (median of {a.repeat} bursts of '
              f'{a.burst}, 64 B; runs {", ".join(f"{r:,.0f}" for r in rates)}); latency median '
              f'{statistics.median(lat):.0f} us, p99 {lat[int(len(lat) * 0.99)]:.0f} us ({a.pings} messages one at a time)')
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == '__main__':
    main()
