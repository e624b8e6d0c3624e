<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * An external program the master keeps running beside the workers (RoadRunner's service
 * plugin): started with the workers, its stdout and stderr logged line by line as
 * `service[name:pid] line`, started again with a doubling delay when it exits (as
 * `restart` says), stopped with SIGTERM (SIGKILL after `stopTimeout`) when the server
 * stops, shown by `status` and `status --json`. A reload does not restart it.
 *
 * Declare it in the start file before Worker::runAll(). Options:
 * - `command` (array, required): the program and its arguments, run without a shell,
 *   e.g. ['/usr/bin/redis-server', '--port', '6380']; a bare name is looked up in PATH.
 * - `env` (array name => value): added to the environment the master inherited.
 * - `cwd` (string): the directory it runs in (default: the master's).
 * - `restart` ('always' by default, 'on-failure': only after a non-zero exit or a signal,
 *   'never').
 * - `backoff` (array): `initial` (0.1 s) delay before a restart, doubling up to `max` (10 s)
 *   while it keeps exiting; a run of at least `reset` seconds (10) starts over at `initial`.
 * - `stopTimeout` (float): seconds between SIGTERM and SIGKILL on stop (default:
 *   Worker::$stopTimeout).
 * @not-serializable
 */
final class Service
{
    public readonly string $name;

    public function __construct(string $name, array $options) {}
}
