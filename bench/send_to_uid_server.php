<?php
// The server of bench/send_to_uid.py: text:// connections log in as a uid; "burst <uid>
// <n> <size>" makes this process call Worker::sendToUid() n times in one callback;
// "ping <uid> <payload>" sends one message. PORT, NODE, REDIS and COUNT come from the
// environment (REDIS set: Worker::$cluster).
use Surge\Worker;

$node = getenv('NODE') ?: 'a';
if (getenv('REDIS')) Worker::$cluster = ['redis' => getenv('REDIS'), 'node' => $node, 'prefix' => 'bench'];
Worker::$pidFile = sys_get_temp_dir() . "/surge-bench-uid-$node.pid";
Worker::$logFile = sys_get_temp_dir() . "/surge-bench-uid-$node.log";
$w = new Worker('text://127.0.0.1:' . getenv('PORT'));
$w->count = (int)(getenv('COUNT') ?: 2);
$w->reusePort = true;
$w->onMessage = function ($c, string $line) {
    [$cmd, $a, $b, $d] = explode(' ', $line, 4) + ['', '', '', ''];
    switch ($cmd) {
        case 'login': $c->bindUid($a); $c->send('ok ' . $c->getClientId()); break;
        case 'online': Worker::isUidOnline($a, fn($on) => $c->send($on ? 'yes' : 'no')); break;
        case 'ping': Worker::sendToUid($a, $b); break;
        case 'burst':
            $m = str_repeat('m', (int)$d);
            for ($i = 0, $n = (int)$b; $i < $n; $i++) Worker::sendToUid($a, $m);
            $c->send('done');
            break;
    }
};
Worker::runAll();
