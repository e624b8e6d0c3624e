<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Events;

/*
 * The names of Workerman's event-loop drivers, accepted by Worker::$eventLoopClass and
 * $worker->eventLoop. All run on Surge's own loop (libevent); the name only chooses how
 * callbacks run: Fiber, Swoole and Swow run every callback in a Fiber of its own (so
 * Timer::sleep() and fiber-based channels suspend it instead of blocking the process),
 * the others call callbacks directly. Neither ext-swoole nor ext-swow is used.
 */

class Select extends EventLoop
{
}

class Event extends EventLoop
{
}

class Ev extends EventLoop
{
}

class Fiber extends EventLoop
{
}

class Swoole extends EventLoop
{
}

class Swow extends EventLoop
{
}
