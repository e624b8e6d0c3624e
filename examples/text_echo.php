<?php
// A newline-delimited echo server: `php examples/text_echo.php start`, then
// `nc 127.0.0.1 5678` and type lines.
use Surge\Worker;
use Surge\Timer;

$w = new Worker('text://127.0.0.1:5678');
$w->name  = 'echo';
$w->count = 2;
$w->onWorkerStart = function (Worker $w) { Timer::add(10, fn() => Worker::log("tick {$w->id}")); };
$w->onConnect = fn($c) => $c->send("hello {$c->id}");
$w->onMessage = function ($c, string $line) { $c->send(strtoupper($line)); };
$w->onClose   = fn($c) => Worker::log("bye {$c->id}");
Worker::runAll();
