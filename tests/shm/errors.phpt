--TEST--
Shared memory: wrong use of Table, Atomic and Lock throws exceptions that say what to do, and never corrupts or truncates
--FILE--
<?php
use Surge\{Table, Atomic, Lock};
function attempt(string $what, callable $fn) {
    try {
        $r = $fn();
        echo "$what: no exception (", var_export($r, true), ")\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$t = new Table(3);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 5);
$size = $t->getMemorySize();
attempt('set before create', fn() => $t->set('a', ['n' => 1]));
attempt('get before create', fn() => $t->get('a'));
attempt('duplicate column', fn() => $t->column('n', Table::TYPE_FLOAT));
attempt('bad type', fn() => $t->column('x', 9));
attempt('string without size', fn() => $t->column('x', Table::TYPE_STRING));
var_dump($t->create(), $t->getMemorySize() === $size, $t->getSize());
attempt('create twice', fn() => $t->create());
attempt('column after create', fn() => $t->column('late', Table::TYPE_INT));
attempt('oversized string', fn() => $t->set('a', ['s' => '123456']));
var_dump($t->exists('a'));
$t->set('a', ['s' => '12345']);
var_dump($t->get('a', 's'));
attempt('unknown column in set', fn() => $t->set('a', ['nope' => 1]));
attempt('unknown column in get', fn() => $t->get('a', 'nope'));
attempt('unknown column in incr', fn() => $t->incr('a', 'nope'));
attempt('incr a string', fn() => $t->incr('a', 's'));
attempt('long key', fn() => $t->set(str_repeat('k', Table::MAX_KEY_LENGTH + 1), ['n' => 1]));
attempt('longest key', fn() => $t->set(str_repeat('k', Table::MAX_KEY_LENGTH), ['n' => 1]));
attempt('empty key', fn() => $t->get(''));
attempt('third row', fn() => $t->set('c', ['n' => 3]));
attempt('full', fn() => $t->set('d', ['n' => 4]));
attempt('full incr', fn() => $t->incr('d', 'n'));
var_dump(count($t), $t->get('a'));
attempt('update when full', fn() => $t->set('c', ['n' => 33]));
var_dump($t->del('c'), $t->set('d', ['n' => 4]), $t->get('d', 'n'));
attempt('size 0', fn() => new Table(0));
attempt('clone', fn() => clone $t);
$l = new Lock();
var_dump($l->lock());
attempt('relock', fn() => $l->lock());
var_dump($l->trylock(), $l->unlock(), $l->unlock());
attempt('bad lock type', fn() => new Lock(42));
$a = new Atomic(1);
attempt('wakeup 0', fn() => $a->wakeup(0));
var_dump($a->wait(0), $a->wait(0.001), $a->cmpset(0, 5), $a->wait(1), $a->get());
?>
--EXPECT--
set before create: RuntimeException: Surge\Table: the table is not created yet: call create() first
get before create: RuntimeException: Surge\Table: the table is not created yet: call create() first
duplicate column: RuntimeException: Surge\Table: column "n" is declared twice
bad type: ValueError: Surge\Table::column(): Argument #2 ($type) must be Table::TYPE_INT, Table::TYPE_FLOAT or Table::TYPE_STRING
string without size: RuntimeException: Surge\Table: string column "x" needs a size between 1 and 1048576 bytes, got 0
bool(true)
bool(true)
int(3)
create twice: RuntimeException: Surge\Table: the table is created already: call create() once
column after create: RuntimeException: Surge\Table: cannot add column "late": the table is created already; declare every column before create()
oversized string: RuntimeException: Surge\Table: the value for column "s" is 6 bytes long, the column holds 5: declare the column larger (nothing was cut)
bool(false)
string(5) "12345"
unknown column in set: RuntimeException: Surge\Table: unknown column "nope" (the columns are: n, s)
unknown column in get: RuntimeException: Surge\Table: unknown column "nope" (the columns are: n, s)
unknown column in incr: RuntimeException: Surge\Table: unknown column "nope" (the columns are: n, s)
incr a string: RuntimeException: Surge\Table: column "s" is a string: incr() and decr() need a TYPE_INT or TYPE_FLOAT column
long key: RuntimeException: Surge\Table: the key is 64 bytes long, at most 63 are allowed: use a shorter key (or a hash of it)
longest key: no exception (true)
empty key: RuntimeException: Surge\Table: the key must not be empty
third row: no exception (true)
full: RuntimeException: Surge\Table: the table is full (3 rows): give a larger size to new Table(), or del() rows you no longer need
full incr: RuntimeException: Surge\Table: the table is full (3 rows): give a larger size to new Table(), or del() rows you no longer need
int(3)
array(2) {
  ["n"]=>
  int(0)
  ["s"]=>
  string(5) "12345"
}
update when full: no exception (true)
bool(true)
bool(true)
int(4)
size 0: ValueError: Surge\Table::__construct(): Argument #1 ($size) must be between 1 and 1073741824 (the number of rows)
clone: Error: Trying to clone an uncloneable object of class Surge\Table
bool(true)
relock: RuntimeException: Surge\Lock: this process holds the lock already: call unlock() first
bool(false)
bool(true)
bool(false)
bad lock type: ValueError: Surge\Lock::__construct(): Argument #1 ($type) must be Lock::MUTEX or Lock::RWLOCK
wakeup 0: ValueError: Surge\Atomic::wakeup(): Argument #1 ($count) must be at least 1
bool(true)
bool(false)
bool(true)
bool(false)
int(5)
