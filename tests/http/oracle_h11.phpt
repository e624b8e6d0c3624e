--TEST--
HTTP oracle: Python's h11, a strict HTTP/1.1 client, parses every answer and finds it framed correctly (Content-Length, chunked, HEAD, 100 Continue, keep-alive over one connection, and a close exactly where the answer says close)
--SKIPIF--
<?php
require __DIR__ . '/http.inc';
if (http_python_with_h11() === null) {
    die('skip python3 with h11 is not installed (scripts/install-deps.sh installs python3-h11)');
}
?>
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
file_put_contents($server->dir . '/client.py', <<<'PY'
import re
import socket
import sys

import h11

PORT = int(sys.argv[1])
DATE = re.compile(rb'(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT')


class Client:
    """One connection, driven by h11's client state machine, which raises on any framing error."""

    def __init__(self):
        self.sock = socket.create_connection(('127.0.0.1', PORT), timeout=5)
        self.conn = h11.Connection(h11.CLIENT)

    def send(self, *events):
        for event in events:
            data = self.conn.send(event)
            if data:
                self.sock.sendall(data)

    def next(self):
        while True:
            event = self.conn.next_event()
            if event is not h11.NEED_DATA:
                return event
            self.conn.receive_data(self.sock.recv(65536))

    def response(self):
        """Reads one final answer; returns it in one line."""
        event = self.next()
        assert isinstance(event, h11.Response), event
        fields = []
        for name, value in event.headers.raw_items():
            if name.lower() == b'date' and DATE.fullmatch(value):
                value = b'DATE'
            fields.append((name + b': ' + value).decode())
        body = b''
        while True:
            part = self.next()
            if isinstance(part, h11.Data):
                body += part.data
            elif isinstance(part, h11.EndOfMessage):
                break
            else:
                raise AssertionError(part)
        head = 'HTTP/%s %d %s' % (event.http_version.decode(), event.status_code, event.reason.decode())
        return ' | '.join([head] + fields + ['body %r' % body])

    def end_of_exchange(self):
        """Keep-alive: starts the next cycle. Close: the server's EOF must come next, nothing else."""
        if h11.MUST_CLOSE in (self.conn.our_state, self.conn.their_state):
            event = self.next()
            assert isinstance(event, h11.ConnectionClosed), event
            self.sock.close()
            return 'closed'
        self.conn.start_next_cycle()
        return 'kept alive'


def request(method, target, headers=(), body=None):
    return h11.Request(method=method, target=target, headers=[('Host', 'a')] + list(headers))


c = Client()
c.send(request('GET', '/a'), h11.EndOfMessage())
print('GET /a:', c.response(), '|', c.end_of_exchange())
c.send(request('POST', '/post', [('Content-Length', '5')]), h11.Data(data=b'hello'), h11.EndOfMessage())
print('POST /post:', c.response(), '|', c.end_of_exchange())
c.send(request('POST', '/dechunked', [('Transfer-Encoding', 'chunked')]), h11.Data(data=b'hello '), h11.Data(data=b'h11'),
       h11.EndOfMessage(headers=[('X-Check', 'from h11')]))
print('chunked POST /dechunked:', c.response(), '|', c.end_of_exchange())
c.send(request('HEAD', '/head'), h11.EndOfMessage())
print('HEAD /head:', c.response(), '|', c.end_of_exchange())
c.send(request('GET', '/chunked'), h11.EndOfMessage())
print('GET /chunked:', c.response(), '|', c.end_of_exchange())
c.send(request('POST', '/len', [('Content-Length', '5000'), ('Expect', '100-continue')]))
informational = c.next()
assert isinstance(informational, h11.InformationalResponse), informational
print('Expect: 100-continue, before the body: HTTP/%s %d %s' % (informational.http_version.decode(), informational.status_code,
                                                              informational.reason.decode()), list(informational.headers.raw_items()))
c.send(h11.Data(data=b'x' * 5000), h11.EndOfMessage())
print('Expect: 100-continue, after the body:', c.response(), '|', c.end_of_exchange())
c.send(request('GET', '/response'), h11.EndOfMessage())
print('GET /response:', c.response(), '|', c.end_of_exchange())
c.send(request('GET', '/close'), h11.EndOfMessage())
print('GET /close:', c.response(), '|', c.end_of_exchange())

c = Client()
c.send(request('GET', '/x', [('Connection', 'close')]), h11.EndOfMessage())
print('GET /x with Connection: close:', c.response(), '|', c.end_of_exchange())

c = Client()
c.send(request('GET', '/boom'), h11.EndOfMessage())
print('GET /boom:', c.response(), '|', c.end_of_exchange())

c = Client()
c.send(request('POST', '/e', [('Content-Length', '2'), ('Expect', 'the-impossible')]), h11.Data(data=b'hi'), h11.EndOfMessage())
print('Expect: the-impossible:', c.response(), '|', c.end_of_exchange())
PY);
$proc = proc_open([http_python_with_h11(), $server->dir . '/client.py', (string)$server->port],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
echo str_replace(md5(str_repeat('x', 5000)), 'MD5', stream_get_contents($pipes[1]));
echo 'exit ', proc_close($proc), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
GET /a: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 6 | body b'GET /a' | kept alive
POST /post: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 21 | body b'POST /post body=hello' | kept alive
chunked POST /dechunked: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 218 | body b'{"body":"hello h11","content-length":"9","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"9","trailers":{"x-check":"from h11"},"trailer x-check":"from h11","trailer missing":"default"}' | kept alive
HEAD /head: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 10 | body b'' | kept alive
GET /chunked: HTTP/1.1 200 OK | Transfer-Encoding: chunked | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | body b'first;second;third' | kept alive
Expect: 100-continue, before the body: HTTP/1.1 100 Continue []
Expect: 100-continue, after the body: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 45 | body b'len=5000 md5=MD5' | kept alive
GET /response: HTTP/1.1 201 Created | X-Custom: yes | Server: surge | Date: DATE | Connection: keep-alive | Content-Type: text/html;charset=utf-8 | Content-Length: 7 | body b'created' | kept alive
GET /close: HTTP/1.1 200 OK | Connection: close | Server: surge | Date: DATE | Content-Type: text/html;charset=utf-8 | Content-Length: 3 | body b'bye' | closed
GET /x with Connection: close: HTTP/1.1 200 OK | Server: surge | Date: DATE | Connection: close | Content-Type: text/html;charset=utf-8 | Content-Length: 6 | body b'GET /x' | closed
GET /boom: HTTP/1.1 500 Internal Server Error | Connection: close | Content-Length: 0 | body b'' | closed
Expect: the-impossible: HTTP/1.1 417 Expectation Failed | Connection: close | Content-Length: 0 | body b'' | closed
exit 0
--- onMessage saw:
GET /a
POST /post
POST /dechunked
HEAD /head
GET /chunked
POST /len
GET /response
GET /close
GET /x
GET /boom
int(0)
