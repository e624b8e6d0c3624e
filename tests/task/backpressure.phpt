--TEST--
Tasks: a busy pool holds at most 4 tasks per task process; beyond taskQueueLimit waiting tasks task() returns false, and every accepted task is answered
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->taskCount = 1;
$w->taskQueueLimit = 3;
$w->onTask = function ($data) {
    // Busy until the caller has given all its tasks below: nothing is answered meanwhile.
    while ($data > 0 && !file_exists(TEST_DIR . '/go')) usleep(1000);
    return $data * 2;
};
$w->onWorkerStart = function (Worker $worker) {
    // Wait until the task process took a first task, so the window is known: 4 places on the
    // one task process + 3 waiting = 7 accepted at most, then false.
    $worker->task(0, function () use ($worker) {
        $accepted = [];
        $results = [];
        $refused = 0;
        for ($i = 1; $i <= 12; $i++) {
            $id = $worker->task($i, function ($r, $taskId) use (&$results, &$accepted) {
                $results[$taskId] = $r;
                if (count($results) === count($accepted)) {
                    ksort($results);
                    Worker::log('answered ' . json_encode(array_values($results)));
                }
            });
            if ($id === false) $refused++; else $accepted[$id] = $i;
        }
        Worker::log(sprintf('accepted %d refused %d', count($accepted), $refused));
        touch(TEST_DIR . '/go');
        // Room again once the pool drained: accepted.
        Timer::add(0.01, function () use ($worker, &$results, &$accepted) {
            static $done = false;
            if ($done || count($results) < count($accepted)) return;
            $done = true;
            Worker::log('after drain: ' . var_export(is_int($worker->task(99)), true));
        });
    });
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('after drain');
foreach ($server->logMessages() as $line) {
    if (preg_match('/^(accepted|answered|after)/', $line)) echo $line, "\n";
}
var_dump($server->stop());
?>
--EXPECT--
accepted 7 refused 5
answered [2,4,6,8,10,12,14]
after drain: true
int(0)
