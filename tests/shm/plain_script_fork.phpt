--TEST--
Shared memory: in a plain script, Table and Atomic are shared with pcntl_fork() children, and each process unmaps the memory when its last reference goes
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
use Surge\{Table, Atomic};
function vmSize(): int {
    preg_match('/VmSize:\s+(\d+) kB/', file_get_contents('/proc/self/status'), $m);
    return (int)$m[1] * 1024;
}
$before = vmSize();
$t = new Table(100000);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 100);
$t->create();
var_dump(vmSize() - $before >= $t->getMemorySize());
$done = new Atomic();
$kids = [];
for ($k = 0; $k < 2; $k++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < 10000; $i++) {
            $t->incr('sum', 'n', 2);
            $t->set("child$k-" . ($i % 10), ['s' => str_repeat('x', 100)]);
        }
        $done->add();
        exit(0);
    }
    $kids[] = $pid;
}
foreach ($kids as $pid) pcntl_waitpid($pid, $status);
var_dump($done->get(), $t->get('sum', 'n'), count($t), strlen($t->get('child1-9', 's')));
$copy = $t;       // a second reference to the same object: still mapped
unset($t);
var_dump($copy->get('sum', 'n'));
unset($copy);     // the last one: unmapped
var_dump(vmSize() - $before < 1 << 20);
?>
--EXPECT--
bool(true)
int(2)
int(40000)
int(21)
int(100)
int(40000)
bool(true)
