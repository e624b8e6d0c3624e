<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Metrics;

/**
 * A counter declared with Surge\Metrics::counter(): a total over every process of the
 * server that only goes up.
 * @not-serializable
 */
final class Counter
{
    private function __construct() {}

    /**
     * Adds $by (>= 0) to the series of $labelValues (a list in the declared order, or
     * keyed by label name).
     */
    public function inc(float|int $by = 1, array $labelValues = []): void {}

    /** The series' total over all processes (0 if it was never increased). */
    public function value(array $labelValues = []): float {}
}
