<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Metrics;

/**
 * A histogram declared with Surge\Metrics::histogram(): observations counted in buckets
 * over every process of the server.
 * @not-serializable
 */
final class Histogram
{
    private function __construct() {}

    /** Counts $value (not NaN) in the series of $labelValues. */
    public function observe(float $value, array $labelValues = []): void {}
}
