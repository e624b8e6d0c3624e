--TEST--
Tasks: results reach $done in the calling worker process, in order and with their task ids; every type serialize() handles round-trips; onTask gets ($data, $taskId, $srcWorkerId, $worker) in a process of its own
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class Point { public function __construct(public int $x = 0, public array $tags = []) {} }
$w = new Worker();
$w->name = 'calc';
$w->taskCount = 1;
$w->onTask = function (mixed $data, int $taskId, int $srcWorkerId, Worker $worker) {
    return ['data' => $data, 'taskId' => $taskId, 'src' => $srcWorkerId, 'pid' => getmypid(),
            'worker' => $worker->name, 'workerId' => $worker->id];
};
$w->onWorkerStart = function (Worker $worker) {
    $values = [42, -1.5, "bin\0\xff\n", true, false, null, [1, 'a' => [2, 3]], new Point(7, ['x']), PHP_INT_MAX, ''];
    $me = getmypid();
    $seen = [];
    foreach ($values as $i => $value) {
        $id = $worker->task($value, function (mixed $result, int $taskId) use ($value, $me, &$seen, $values) {
            $same = is_object($value) ? $result['data'] == $value && $result['data'] instanceof Point : $result['data'] === $value;
            $seen[] = $taskId;
            Worker::log(sprintf('done %d same=%s taskId=%d src=%d other_pid=%s worker=%s workerId=%d caller=%s',
                $taskId, $same ? 'yes' : 'no', $result['taskId'], $result['src'],
                $result['pid'] !== $me ? 'yes' : 'no', $result['worker'], $result['workerId'],
                getmypid() === $me ? 'same' : 'other'));
            if (count($seen) === count($values)) {
                Worker::log('order ' . implode(',', $seen));
            }
        });
        Worker::log("queued $i as $id");
    }
    // Without a callback: fire and forget.
    Worker::log('no callback: ' . var_export($worker->task('x'), true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('order ');
foreach ($server->logMessages() as $line) {
    if (preg_match('/^(queued|done|order|no callback)/', $line)) echo $line, "\n";
}
var_dump($server->stop());
?>
--EXPECT--
queued 0 as 1
queued 1 as 2
queued 2 as 3
queued 3 as 4
queued 4 as 5
queued 5 as 6
queued 6 as 7
queued 7 as 8
queued 8 as 9
queued 9 as 10
no callback: 11
done 1 same=yes taskId=1 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 2 same=yes taskId=2 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 3 same=yes taskId=3 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 4 same=yes taskId=4 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 5 same=yes taskId=5 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 6 same=yes taskId=6 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 7 same=yes taskId=7 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 8 same=yes taskId=8 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 9 same=yes taskId=9 src=0 other_pid=yes worker=calc workerId=0 caller=same
done 10 same=yes taskId=10 src=0 other_pid=yes worker=calc workerId=0 caller=same
order 1,2,3,4,5,6,7,8,9,10
int(0)
