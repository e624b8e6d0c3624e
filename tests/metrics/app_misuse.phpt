--TEST--
Application metrics: wrong declarations and updates throw exceptions that say what is expected
--FILE--
<?php
use Surge\Metrics;

Metrics::$maxSeries = 3;
function attempt(string $what, callable $fn): void
{
    try {
        $fn();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

attempt('bad name', fn() => Metrics::counter('9lives', 'x'));
attempt('reserved prefix', fn() => Metrics::gauge('surge_connections', 'x'));
attempt('bad label', fn() => Metrics::counter('app_a_total', 'x', ['ok', 'not-ok']));
attempt('label twice', fn() => Metrics::counter('app_a_total', 'x', ['a', 'a']));
attempt('label not a string', fn() => Metrics::counter('app_a_total', 'x', [1]));
attempt('le on a histogram', fn() => Metrics::histogram('app_h', 'x', ['le']));
attempt('histogram suffix', fn() => Metrics::histogram('app_h_count', 'x'));
attempt('buckets not ascending', fn() => Metrics::histogram('app_h', 'x', [], [1, 0.5]));
attempt('bucket +Inf', fn() => Metrics::histogram('app_h', 'x', [], [1, INF]));
attempt('bucket not a number', fn() => Metrics::histogram('app_h', 'x', [], ['1']));
attempt('no buckets', fn() => Metrics::histogram('app_h', 'x', [], []));

$orders = Metrics::counter('app_orders_total', 'Orders.', ['method', 'code']);
attempt('same again', fn() => var_dump(Metrics::counter('app_orders_total', 'Orders.', ['method', 'code']) == $orders));
attempt('other type', fn() => Metrics::gauge('app_orders_total', 'Orders.', ['method', 'code']));
attempt('other help', fn() => Metrics::counter('app_orders_total', 'Other.', ['method', 'code']));
attempt('other labels', fn() => Metrics::counter('app_orders_total', 'Orders.', ['code']));
attempt('sample name taken', fn() => Metrics::counter('app_h_sum', 'x') && Metrics::histogram('app_h', 'x'));

attempt('negative', fn() => $orders->inc(-1, ['GET', 200]));
attempt('infinite', fn() => $orders->inc(INF, ['GET', 200]));
attempt('no labels', fn() => $orders->inc());
attempt('too many', fn() => $orders->inc(1, ['GET', 200, 'x']));
attempt('unknown name', fn() => $orders->inc(1, ['method' => 'GET', 'status' => 200]));
attempt('missing name', fn() => $orders->inc(1, ['method' => 'GET']));
attempt('mixed', fn() => $orders->inc(1, ['GET', 'code' => 200]));
attempt('null value', fn() => $orders->inc(1, ['GET', null]));
attempt('value without labels', fn() => $orders->value());
attempt('too long', fn() => $orders->inc(1, ['GET', str_repeat('x', 600)]));
$h = Metrics::histogram('app_latency_seconds', 'Latency.');
attempt('NaN', fn() => $h->observe(NAN));
attempt('new', fn() => new Surge\Metrics\Counter());
attempt('clone', fn() => clone $orders);

// Three series fit (Metrics::$maxSeries = 3): the histogram's and two of the counter's.
$h->observe(0.2);
$orders->inc(1, ['GET', 200]);
$orders->inc(1, ['method' => 'POST', 'code' => '200']);
attempt('full', fn() => $orders->inc(1, ['PUT', 200]));
$orders->inc(2, ['code' => 200, 'method' => 'GET']);  // an existing series still counts
echo 'GET 200: ', $orders->value(['GET', '200']), "\n";
attempt('more buckets after the first update', fn() => Metrics::histogram('app_big', 'x', [], range(1, 20)));
?>
--EXPECT--
bad name: InvalidArgumentException: Surge\Metrics: invalid metric name '9lives': use letters, digits, '_' and ':', not starting with a digit (e.g. 'app_orders_total')
reserved prefix: InvalidArgumentException: Surge\Metrics: metric name 'surge_connections': the prefix 'surge_' is reserved for the server's own metrics; use your application's
bad label: InvalidArgumentException: Surge\Metrics: metric 'app_a_total': invalid label name 'not-ok': use letters, digits and '_', not starting with a digit or '__' (e.g. 'method')
label twice: InvalidArgumentException: Surge\Metrics: metric 'app_a_total': label 'a' is named twice
label not a string: InvalidArgumentException: Surge\Metrics: label names must be strings, got int
le on a histogram: InvalidArgumentException: Surge\Metrics: histogram 'app_h': the label 'le' is reserved for bucket bounds; rename it
histogram suffix: InvalidArgumentException: Surge\Metrics: histogram name 'app_h_count' ends with _count, which its samples add: name it without the suffix
buckets not ascending: InvalidArgumentException: Surge\Metrics: histogram 'app_h': bucket bounds must be strictly ascending, but 0.5 follows 1
bucket +Inf: InvalidArgumentException: Surge\Metrics: histogram 'app_h': bucket bounds must be finite numbers (the +Inf bucket is always added)
bucket not a number: InvalidArgumentException: Surge\Metrics: histogram buckets must be numbers, got string
no buckets: InvalidArgumentException: Surge\Metrics: histogram 'app_h': give 1 to 64 bucket bounds (or null for the defaults)
bool(true)
same again: no exception
other type: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' is already declared as a counter with help 'Orders.' and labels (method, code); declare it the same way each time, or use another name for the gauge with help 'Orders.' and labels (method, code)
other help: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' is already declared as a counter with help 'Orders.' and labels (method, code); declare it the same way each time, or use another name for the counter with help 'Other.' and labels (method, code)
other labels: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' is already declared as a counter with help 'Orders.' and labels (method, code); declare it the same way each time, or use another name for the counter with help 'Orders.' and labels (code)
sample name taken: InvalidArgumentException: Surge\Metrics: metric 'app_h' would write samples named 'app_h_sum' as the counter 'app_h_sum' does; choose another name
negative: InvalidArgumentException: Surge\Metrics: counter 'app_orders_total' can only go up: inc() needs a finite amount >= 0, got -1 (use a gauge for values that go down)
infinite: InvalidArgumentException: Surge\Metrics: counter 'app_orders_total' can only go up: inc() needs a finite amount >= 0, got +Inf (use a gauge for values that go down)
no labels: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' expects 2 label values (method, code), got 0: give them in this order, or keyed by label name
too many: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' expects 2 label values (method, code), got 3: give them in this order, or keyed by label name
unknown name: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' has no label 'status'; its labels are: method, code
missing name: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' needs a value for label 'code' (its labels are: method, code)
mixed: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total': give the label values either as a list in the declared order (method, code) or keyed by label name, not mixed
null value: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total': the value of label 'code' must be a string, int, float or bool, got null
value without labels: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total' expects 2 label values (method, code), got 0: give them in this order, or keyed by label name
too long: InvalidArgumentException: Surge\Metrics: metric 'app_orders_total': label values too long (607 bytes with their lengths, at most 488); use short values from a small set
NaN: InvalidArgumentException: Surge\Metrics: histogram 'app_latency_seconds': observe() needs a number, got NaN
new: Error: Call to private Surge\Metrics\Counter::__construct() from global scope
clone: Error: Trying to clone an uncloneable object of class Surge\Metrics\Counter
full: RuntimeException: Surge\Metrics: metric 'app_orders_total': all 3 series are taken (a series is a metric with one combination of label values); raise Surge\Metrics::$maxSeries before Worker::runAll(), or use labels with fewer distinct values (not ids or full URLs)
GET 200: 3
more buckets after the first update: RuntimeException: Surge\Metrics: histogram 'app_big' has 20 buckets, but the metrics were already in use with room for 11: declare it before the first update
