--TEST--
Send to anyone on one machine: uids, groups (with exclusions), everyone, one client and closeClient() reach connections in other worker processes; queries see all processes; a killed process takes its uids and groups with it
--FILE--
<?php
require __DIR__ . '/../helper.inc';
require __DIR__ . '/chat_server.inc';
$server = TestServer::start(chat_server('text://127.0.0.1:' . '\' . TEST_PORT . \''));
[[$a, $aId], [$b, $bId]] = clients_in_processes($server, 2);
// c: a second connection, in whichever process.
$c = $server->connect();
$cId = substr(say($c, 'whoami'), 3);
echo "ids differ by process: ", var_export(explode(':', $aId)[1] !== explode(':', $bId)[1], true), "\n";

echo "a: ", preg_replace('/ .*/', '', say($a, 'login alice')), "\n";
echo "b: ", preg_replace('/ .*/', '', say($b, 'login bob')), "\n";
echo "c: ", preg_replace('/ .*/', '', say($c, 'login bob')), "\n";
echo "c: ", say($c, 'uid'), "\n";

// To a uid held in two connections, one of them in the other process.
echo "a: ", say($a, 'touid bob hello-bob'), "\n";
echo "b got: ", read_line($b), "\n";
echo "c got: ", read_line($c), "\n";
echo "a asks isUidOnline bob: ", say($a, 'ask isUidOnline bob'), "\n";
$ids = json_decode(substr(say($a, 'ask ids bob'), 7));
$expected = [$bId, $cId];
sort($expected);
echo "ids of bob are b and c: ", var_export($ids === $expected, true), "\n";
echo "a asks isUidOnline nobody: ", say($a, 'ask isUidOnline nobody'), "\n";

// Groups, with an exclusion: c sends to the room but a is left out; a's next line is
// the marker sent after it, so a got nothing in between.
echo "a: ", say($a, 'join room'), "\n";
echo "b: ", say($b, 'join room'), "\n";
echo "b: ", say($b, 'join lobby'), "\n";
echo "b: ", say($b, 'groups'), "\n";
echo "c asks groupCount room: ", say($c, 'ask groupCount room'), "\n";
echo "c: ", say($c, "togroup room to-the-room $aId"), "\n";
echo "b got: ", read_line($b), "\n";
echo "c: ", say($c, "toclient $aId marker"), "\n";
echo "a got: ", read_line($a), "\n";
// Two groups in one call: b is in both but gets the message once.
// A sender among the recipients gets the message before its answer: delivered in place.
echo "a: ", say($a, 'togroup room,lobby twice'), " then ", read_line($a), "\n";
echo "b got: ", read_line($b), "\n";
echo "b: ", say($b, "toclient $bId marker2"), " then ", read_line($b), "\n";
echo "b: ", say($b, 'leave room'), "\n";
echo "a asks groupIds room is a only: ", var_export(json_decode(substr(say($a, 'ask groupIds room'), 7)) === [$aId], true), "\n";

// Everyone, but b.
fwrite($c, "toall everyone $bId\n");
$got = [read_line($c), read_line($c)];
sort($got);
echo "c got: ", implode(' | ', $got), "\n";
echo "a got: ", read_line($a), "\n";
echo "b: ", say($b, "toclient $bId marker3"), " then ", read_line($b), "\n";
echo "all: ", say($a, 'ask all'), "\n";

// closeClient() with a last message, across processes.
echo "a: ", say($a, "kick $cId bye"), "\n";
echo "c got: ", read_line($c), "\n";
echo "c closed: ", var_export(wait_closed($c), true), "\n";
echo "bob still online (b): ", say($a, 'ask isUidOnline bob'), "\n";
echo "a: ", say($a, "toclient $cId gone?"), "\n";
echo "isOnline c: ", say($a, "ask isOnline $cId"), "\n";

// A process killed with SIGKILL: what it held disappears with it.
$bPid = (int)explode(':', $bId)[1];
posix_kill($bPid, SIGKILL);
echo "bob offline after the kill: ", wait_for(fn() => say($a, 'ask isUidOnline bob') === 'answer false' ? 'yes' : null, 'bob to go offline'), "\n";
echo "lobby empty: ", say($a, 'ask groupCount lobby'), "\n";
echo "a: ", say($a, "toclient $bId anyone?"), "\n";

// Misuse.
echo "a: ", say($a, 'login ' . str_repeat('x', 65)), "\n";
$server->stop();
// The process this test killed is logged at level error; nothing else may be.
$unexpected = preg_grep('/error|exception/i', preg_grep('/killed by SIGKILL/', explode("\n", $server->log()), PREG_GREP_INVERT));
echo "log has no errors: ", var_export($unexpected === [], true), "\n";
?>
--EXPECT--
ids differ by process: true
a: ok
b: ok
c: ok
c: uid 'bob'
a: sent
b got: hello-bob
c got: hello-bob
a asks isUidOnline bob: answer true
ids of bob are b and c: true
a asks isUidOnline nobody: answer false
a: joined room
b: joined room
b: joined lobby
b: groups room,lobby
c asks groupCount room: answer 2
c: sent
b got: to-the-room
c: sent true
a got: marker
a: twice then sent
b got: twice
b: marker2 then sent true
b: left room
a asks groupIds room is a only: true
c got: everyone | sent
a got: everyone
b: marker3 then sent true
all: answer 3
a: kicked true
c got: bye
c closed: true
bob still online (b): answer true
a: sent false
isOnline c: answer false
bob offline after the kill: yes
lobby empty: answer 0
a: sent false
a: ValueError: Surge\Connection\TcpConnection::bindUid(): Argument #1 ($uid) must be 1 to 64 bytes long
log has no errors: true
