--TEST--
Worker::$cluster: three nodes on one Redis; a uid on another node, a group spread over all three (with an exclusion), a client by id, cluster-wide queries; a node killed drops out; Redis restarted mid-test is reconnected to and the presence published again
--SKIPIF--
<?php if (trim((string)shell_exec('command -v redis-server')) === '') die('skip redis-server is not installed'); ?>
--FILE--
<?php
require __DIR__ . '/../http/session.inc';
require __DIR__ . '/chat_server.inc';
$redis = RedisTestServer::start();
$nodes = [];
foreach (['a' => 2, 'b' => 1, 'c' => 2] as $name => $count) {
    $nodes[$name] = TestServer::start(chat_server('text://127.0.0.1:\' . TEST_PORT . \'',
        ['redis' => "tcp://127.0.0.1:{$redis->port}", 'node' => $name], $count));
}
function client(TestServer $node) {
    $s = $node->connect();
    stream_set_timeout($s, 10);
    return [$s, substr(say($s, 'whoami'), 3)];
}
[$a, $aId] = client($nodes['a']);
[$b, $bId] = client($nodes['b']);
[$c, $cId] = client($nodes['c']);
echo "client ids name their node: ", implode(' ', array_map(fn($id) => explode(':', $id)[0], [$aId, $bId, $cId])), "\n";
echo "c: ", preg_replace('/ .*/', '', say($c, 'login carol')), "\n";
// Every process of every node heartbeats into Redis: wait until a sees all five.
wait_for(fn() => say($a, 'ask all - cluster') === 'answer 3' ?: null, 'three clients cluster-wide');
echo "a sees carol online in the cluster: ", say($a, 'ask isUidOnline carol cluster'), "\n";
echo "a sees carol online on its node: ", say($a, 'ask isUidOnline carol'), "\n";
echo "a: ids of carol: ", say($a, 'ask ids carol cluster') === 'answer ' . json_encode([$cId]) ? 'c' : 'wrong', "\n";

/** Sends $line from $from until $to receives $expect (a subscription may still be on its way). */
function until_received($from, $to, string $line, string $expect): string {
    return wait_for(function () use ($from, $to, $line, $expect) {
        fwrite($from, "$line\n");
        read_line($from); // "sent"
        stream_set_timeout($to, 0, 300000);
        $got = read_line($to);
        stream_set_timeout($to, 10);
        return $got === $expect ? $got : null;
    }, "\"$expect\" to arrive", 20);
}
echo "c got: ", until_received($a, $c, 'touid carol hello-carol', 'hello-carol'), "\n";
echo "a: ", say($a, "toclient $cId direct"), "\n";
echo "c got: ", read_line($c), "\n";

foreach (['a' => $a, 'b' => $b, 'c' => $c] as $n => $s) echo "$n: ", say($s, 'join room'), "\n";
wait_for(fn() => say($b, 'ask groupCount room cluster') === 'answer 3' ?: null, 'the room to have 3 members cluster-wide');
// The sender, a member itself, gets it in place before its answer.
echo "b: ", say($b, 'togroup room all-hands'), " then ", read_line($b), "\n";
echo "a got: ", read_line($a), "\n";
echo "c got: ", read_line($c), "\n";
// Left out on another node: c's next line is the marker sent after it.
echo "a: ", say($a, "togroup room not-for-c $cId"), " then ", read_line($a), "\n";
echo "b got: ", read_line($b), "\n";
echo "a: ", say($a, "toclient $cId marker"), "\n";
echo "c got: ", read_line($c), "\n";
echo "a: room ids: ", say($a, 'ask groupIds room cluster') === 'answer ' . json_encode((function ($x) { sort($x); return $x; })([$aId, $bId, $cId])) ? 'a b c' : 'wrong', "\n";
echo "a: isOnline b: ", say($a, "ask isOnline $bId cluster"), "\n";

// Node b dies at once (master and worker, SIGKILL): within a few seconds it is out.
$nodes['b']->kill();
echo "room after b died: ", wait_for(fn() => ($r = say($a, 'ask groupCount room cluster')) === 'answer 2' ? $r : null, 'b to drop out', 20), "\n";
echo "a: isOnline b: ", say($a, "ask isOnline $bId cluster"), "\n";

// Redis goes away: a message for another node is dropped and counted, then Redis comes
// back empty on the same port; the nodes reconnect, subscribe and publish their presence.
$redis->stop();
echo "a: ", say($a, 'touid carol lost-while-down'), "\n";
$nodes['a']->waitForLog('dropped while Redis', 15);
echo "a logged the drop\n";
$redis = RedisTestServer::start([], $redis->port);
echo "c got: ", until_received($a, $c, 'touid carol after-restart', 'after-restart'), "\n";
echo "room after the restart: ", wait_for(fn() => ($r = say($a, 'ask groupCount room cluster')) === 'answer 2' ? $r : null, 'presence to be published again', 20), "\n";
foreach (['a', 'c'] as $n) $nodes[$n]->stop();
echo "a logged: ", preg_match('/cluster: Redis at 127\.0\.0\.1:\d+ is unreachable/', $nodes['a']->log()) ? 'unreachable' : 'nothing', "\n";
?>
--EXPECT--
client ids name their node: a b c
c: ok
a sees carol online in the cluster: answer true
a sees carol online on its node: answer false
a: ids of carol: c
c got: hello-carol
a: sent true
c got: direct
a: joined room
b: joined room
c: joined room
b: all-hands then sent
a got: all-hands
c got: all-hands
a: not-for-c then sent
b got: not-for-c
a: sent true
c got: marker
a: room ids: a b c
a: isOnline b: answer true
room after b died: answer 2
a: isOnline b: answer false
a: sent
a logged the drop
c got: after-restart
room after the restart: answer 2
a logged: unreachable
