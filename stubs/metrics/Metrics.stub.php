<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * Application metrics shared by every process of the server: declare them in the start
 * file before Worker::runAll(), update them from any worker (atomics in shared memory, no
 * lock, no message to the master), and read them all at once in the Prometheus text
 * format with render().
 *
 * Label values are given to inc()/set()/observe() either as a list in the order the label
 * names were declared (['GET', '200']) or keyed by label name (['method' => 'GET',
 * 'code' => 200]); strings, ints, floats and bools are accepted.
 */
final class Metrics
{
    /**
     * Series (a metric with one combination of label values) the server can hold in all.
     * Read when Worker::runAll() starts (or at the first update in a script without it).
     */
    public static int $maxSeries = 1000;

    private function __construct() {}

    /**
     * A counter: a total that only goes up (name it ..._total). Declaring the same name
     * again the same way returns an equivalent object; declaring it otherwise throws.
     */
    public static function counter(string $name, string $help, array $labelNames = []): Metrics\Counter {}

    /**
     * A gauge: a value that goes up and down.
     */
    public static function gauge(string $name, string $help, array $labelNames = []): Metrics\Gauge {}

    /**
     * A histogram: counts observations in buckets by upper bound (ascending, finite; the
     * +Inf bucket is added). null: Prometheus's defaults, .005 to 10 (seconds).
     */
    public static function histogram(string $name, string $help, array $labelNames = [], ?array $buckets = null): Metrics\Histogram {}

    /** Every declared metric in the Prometheus text exposition format (0.0.4). */
    public static function render(): string {}
}
