--TEST--
AsyncTcpConnection with a user protocol scheme (class Protocols\Lenpfx with static input/decode/encode) against a Worker of the same protocol: the protocol property, messages split and joined by input(), encode() on send, sends before the connect completes queued in order; an unknown scheme throws
--FILE--
<?php
require __DIR__ . '/client.inc';
$server = client_start(<<<'PHP'
// "<length>:<payload>" messages.
class Lenpfx {
    public static function input(string $buffer, $connection): int {
        $colon = strpos($buffer, ':');
        return $colon === false ? 0 : $colon + 1 + (int)substr($buffer, 0, $colon);
    }
    public static function decode(string $buffer, $connection): string {
        return substr($buffer, strpos($buffer, ':') + 1);
    }
    public static function encode(mixed $data, $connection): string {
        return strlen($data) . ':' . $data;
    }
}
class_alias('Lenpfx', 'Protocols\Lenpfx');
$srv = new Worker('lenpfx://127.0.0.1:' . TEST_PORT);
$srv->onMessage = function ($c, $m) {
    note("S got $m");
    // Two answers in one write, the second split across two writes.
    $c->send('4:pong5:he', true);
    $c->send('llo', true);
};
$client = new Worker();
$client->onWorkerStart = function () {
    try {
        new AsyncTcpConnection('nosuch://127.0.0.1:1');
    } catch (RuntimeException $e) {
        note('C ' . $e->getMessage());
    }
    $c = new AsyncTcpConnection('lenpfx://127.0.0.1:' . TEST_PORT);
    note('C protocol ' . $c->protocol);
    note('C early send ' . var_export($c->send('first'), true));
    $n = 0;
    $c->onMessage = function ($c, $m) use (&$n) {
        note("C got $m");
        if (++$n === 2) { $c->close(); note('done'); }
    };
    $c->connect();
};
PHP);
echo client_events($server);
var_dump($server->stop());
?>
--EXPECT--
C AsyncTcpConnection: unknown protocol scheme 'nosuch': no class Protocols\Nosuch or Surge\Protocols\Nosuch exists (built in: tcp, text, frame, ws)
C protocol \Lenpfx
C early send NULL
S got first
C got pong
C got hello
done
int(0)
