<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Metrics;

/**
 * A gauge declared with Surge\Metrics::gauge(). inc()/dec() from several processes add
 * up; set() replaces the value for all of them (the last writer wins), so set a gauge
 * from one process only, or give each process its own label value.
 * @not-serializable
 */
final class Gauge
{
    private function __construct() {}

    public function set(float|int $value, array $labelValues = []): void {}

    public function inc(float|int $by = 1, array $labelValues = []): void {}

    public function dec(float|int $by = 1, array $labelValues = []): void {}

    /** The series' current value (0 if it was never changed). */
    public function value(array $labelValues = []): float {}
}
