<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * A group of worker processes serving one listening address (or none, for timers).
 * Mirrors Workerman\Worker name for name.
 */
class Worker
{
    /**
     * The Workerman API level Surge implements, for libraries that compare it with
     * version_compare() to choose between Workerman 4 and 5 behaviour.
     * @var string
     * @cvalue PHP_SURGE_WORKERMAN_API
     */
    public const VERSION = UNKNOWN;
    /**
     * Surge's own version (also the global constant SURGE_VERSION).
     * @var string
     * @cvalue PHP_SURGE_VERSION
     */
    public const SURGE_VERSION = UNKNOWN;
    /** @var int */
    public const STATUS_INITIAL = 0;
    /** @var int */
    public const STATUS_STARTING = 1;
    /** @var int */
    public const STATUS_RUNNING = 2;
    /** @var int */
    public const STATUS_SHUTDOWN = 4;
    /** @var int */
    public const STATUS_RELOADING = 8;
    /** @var int */
    public const DEFAULT_BACKLOG = 102400;

    /** Slot of this process among the worker's `count` processes (0..count-1). */
    public int $id = 0;
    public string $name = 'none';
    public int $count = 1;
    public string $user = '';
    public string $group = '';
    public bool $reloadable = true;
    public bool $reusePort = false;
    public string $transport = 'tcp';
    public ?string $protocol = null;
    /** Connections accepted by this worker in this process, id => TcpConnection. */
    public array $connections = [];
    public bool $stopping = false;
    /**
     * After about this many messages (90-100 %, so that processes do not all recycle at
     * once) a worker process is replaced by a fresh one: the replacement starts first.
     * 0: no limit.
     */
    public int $maxRequests = 0;
    /** A worker process using more PHP memory than this (bytes) is replaced. 0: no limit. */
    public int $maxMemory = 0;

    /**
     * websocket:// only: permessage-deflate (RFC 7692), off by default. `true` accepts the
     * first acceptable offer of a client with these defaults, or an array overrides them:
     * `serverMaxWindowBits` (12; 9..15), `clientMaxWindowBits` (12; asked of the client when
     * its offer allows it), `serverNoContextTakeover` / `clientNoContextTakeover` (false;
     * true frees that side's zlib state after every message), `level` (-1: zlib's default,
     * 0..9), `memLevel` (5; 1..9) and `threshold` (64: shorter messages go uncompressed).
     * zlib's memory per deflate connection: (1 << (serverMaxWindowBits + 2)) +
     * (1 << (memLevel + 9)) bytes to send (32 KiB with the defaults, created on the first
     * compressed send), about 7 KiB + (1 << clientMaxWindowBits) to receive (created on the
     * first compressed message); connections without deflate pay nothing.
     */
    public bool|array $websocketCompression = false;

    /**
     * Connections of this worker one process holds at most. At the limit the process stops
     * accepting (new clients wait in the kernel's accept queue, or are taken by another
     * process of the worker) and accepts again as soon as one closes; nothing is accepted
     * and then dropped. 0 (the default): no limit of its own, as in Workerman, whose
     * applications hold many long-lived connections per process; the descriptor limit
     * (`ulimit -n`) still applies, and accept() failing with EMFILE pauses accepting for
     * 100 ms at a time with one log line.
     */
    public int $maxConnections = 0;
    /**
     * http:// only: requests of one connection handed to onMessage and not answered yet (an
     * application that answers later, from a timer or an asynchronous client). At the limit
     * the connection's further pipelined requests are neither read nor dispatched until an
     * answer is sent. The same back-pressure applies while the connection's answers wait
     * for the socket at or above its maxSendBufferSize (a client that does not read):
     * HTTP answers are never dropped for a full send buffer, reading stops instead, as
     * nginx does. 0: no limit. Default 100.
     */
    public int $maxPendingRequests = 100;
    /**
     * Bytes of incomplete messages (partial input) all connections of a worker process may
     * hold together; maxPackageSize bounds each message, this bounds their sum. Past it the
     * connections holding the most are refused with their protocol's error (HTTP 413,
     * WebSocket close 1009, other protocols: onError($connection, 3, ...) and a logged
     * close) until the sum fits, so the other clients go on. Read when the process starts.
     * 0: no limit. Default 256 MiB.
     */
    public int $maxInputMemory = 268435456;
    /*
     * Timeouts of the connections this worker accepts, in seconds (int or float; 0 turns
     * one off; a negative value makes run()/listen() throw). Read when the worker starts
     * listening and again after onWorkerStart, so set them before or in onWorkerStart.
     */
    /**
     * http:// and the websocket:// handshake: the whole request head (request line and
     * header lines) must arrive within this time from the connection's first byte or
     * accept (nginx's client_header_timeout). A connection that sent part of a head gets
     * `408 Request Timeout` and is closed; one that sent nothing is closed without an
     * answer (the way clients and proxies retry safely).
     */
    public float|int $headerTimeout = 60;
    /**
     * http:// only: the longest pause between two reads of a request body (nginx's
     * client_body_timeout); then `408 Request Timeout` and close.
     */
    public float|int $bodyTimeout = 60;
    /**
     * http:// only: how long a keep-alive connection may wait for its next request once
     * every answer was sent (nginx's keepalive_timeout); then it is closed, only ever
     * between requests.
     */
    public float|int $keepAliveTimeout = 75;
    /**
     * tcp, text, frame, user protocols and websocket:// after the handshake: a connection
     * from which nothing was received for this long is closed (a WebSocket one with close
     * code 1001). Off by default: chat and game servers keep quiet connections on purpose.
     */
    public float|int $idleTimeout = 0;
    /**
     * The heartbeat of GatewayWorker, natively, on every protocol but http:// (websocket://
     * after the handshake). 0: off. With `pingNotResponseLimit` N > 0 a peer that sent
     * nothing for N intervals is closed (websocket://: close code 1001), and a silent peer
     * is pinged every interval, half an interval into its silence: with `pingData`, that
     * string is sent as a message; without it, websocket:// sends a ping frame (browsers
     * answer it with a pong, which counts as an answer) and the other protocols send
     * nothing (the client must send its own heartbeat). With N = 0 nobody is closed and
     * `pingData`, if set, is sent to every peer that was silent for an interval.
     * Untyped, because a Worker subclass may declare them itself (GatewayWorker's Gateway
     * does, and runs its own heartbeat): a subclass that redeclares any of the three turns
     * this native heartbeat off for its workers.
     * @var float|int
     */
    public $pingInterval = 0;
    /** @var int */
    public $pingNotResponseLimit = 0;
    /** @var string */
    public $pingData = '';
    /**
     * The event-loop driver of this worker's processes, overriding Worker::$eventLoopClass
     * (see there).
     */
    public ?string $eventLoop = null;

    /**
     * Task workers: this many task processes run onTask for the tasks the Worker's worker
     * processes give with task(). 0 (the default): none. They are a supervised group of
     * their own (shown by `status`, replaced when they die, reloaded with the others) and
     * run no other callback of the Worker.
     */
    public int $taskCount = 0;
    /**
     * Tasks one worker process keeps waiting while every task process is busy; beyond it
     * task() returns false. 0: task() returns false whenever no task process has room.
     */
    public int $taskQueueLimit = 1024;
    /**
     * In a task process: `function (mixed $data, int $taskId, int $srcWorkerId, Worker
     * $worker): mixed` for each task; its return value is the result the caller's callback
     * gets. An exception is logged here and the caller gets a Surge\TaskError.
     * @var callable|null
     */
    public $onTask = null;

    /** @var callable|null */
    public $onWorkerStart = null;
    /** @var callable|null */
    public $onWorkerStop = null;
    /** @var callable|null */
    public $onWorkerReload = null;
    /** @var callable|null */
    public $onConnect = null;
    /** @var callable|null */
    public $onMessage = null;
    /** @var callable|null */
    public $onClose = null;
    /** @var callable|null */
    public $onError = null;
    /** @var callable|null */
    public $onBufferFull = null;
    /** @var callable|null */
    public $onBufferDrain = null;
    /**
     * websocket:// only: `function(TcpConnection $c, Request $request)` once the opening
     * handshake is read, before the 101 answer. May close the connection to refuse it, add
     * header lines to the answer with `$c->headers` (a sub-protocol, for instance) and set
     * `$c->websocketType`. Connections copy it at accept.
     * @var callable|null
     */
    public $onWebSocketConnect = null;
    /**
     * websocket:// only: `function(TcpConnection $c, Request $request)` once the 101 answer
     * was sent.
     * @var callable|null
     */
    public $onWebSocketConnected = null;
    /**
     * websocket:// only: `function(TcpConnection $c, int $code, string $reason)` when the
     * peer sends a close frame (code 1005 if it gave none). The close is answered and the
     * connection closed afterwards unless the callback closed it itself.
     * @var callable|null
     */
    public $onWebSocketClose = null;
    /**
     * websocket:// only: `function(TcpConnection $c, string $data)` for each ping; when set,
     * no pong is sent automatically.
     * @var callable|null
     */
    public $onWebSocketPing = null;
    /**
     * websocket:// only: `function(TcpConnection $c, string $data)` for each pong.
     * @var callable|null
     */
    public $onWebSocketPong = null;

    /**
     * http:// workers: a file each request is logged to ('combined', 'common' or 'json',
     * see accessLogFormat), written in batches (every second, every 64 KiB and at exit)
     * with O_APPEND, and opened again on reload (logrotate). null: no access log.
     */
    public ?string $accessLog = null;
    public string $accessLogFormat = 'combined';

    public static bool $daemonize = false;
    public static string $stdoutFile = '/dev/null';
    public static string $pidFile = '';
    public static string $statusFile = '';
    public static string $logFile = '';
    public static int $logFileMaxSize = 10485760;
    /**
     * 'text': Workerman's `Y-m-d H:i:s pid:N message` lines (a level tag when not info,
     * the context as JSON after the message). 'json': one JSON object per line with time,
     * level, pid, worker, message and context.
     */
    public static string $logFormat = 'text';
    /** Lines below this level are dropped: 'debug', 'info', 'notice', 'warning' or 'error'. */
    public static string $logLevel = 'info';
    public static float|int $stopTimeout = 2;
    /**
     * Prometheus endpoint served by the master process, e.g. 'http://127.0.0.1:9100'
     * (GET /metrics); '' (the default) serves none.
     */
    public static string $metricsListen = '';
    public static string $command = '';
    /** @var callable|null */
    public static $onMasterReload = null;
    /** @var callable|null */
    public static $onMasterStop = null;
    /** @var callable|null */
    public static $onWorkerExit = null;
    /**
     * One of Workerman's driver names (Select, Event, Ev, Fiber, Swoole, Swow, in
     * Surge\Events\ or Workerman\Events\). Every driver runs on Surge's own loop;
     * Fiber, Swoole and Swow also run each callback in a Fiber of its own. null: Event.
     */
    public static ?string $eventLoopClass = null;
    /** In a worker process: its event loop (what getEventLoop() returns). */
    public static ?\Surge\Events\EventInterface $globalEvent = null;
    /**
     * Entries of the directory behind send-to-anyone, shared by every process of this
     * server: each connection of a non-HTTP worker, uid binding and group membership takes
     * one. Address space is reserved up front (about 100 bytes an entry); memory is used only as entries come.
     */
    public static int $directoryCapacity = 1000000;
    /**
     * Send-to-anyone across nodes through Redis:
     * ['redis' => 'tcp://127.0.0.1:6379', 'node' => 'a', 'prefix' => 'surge'].
     * 'node' names this server in client ids (default: the host name) and must be unique
     * in the cluster. null: this machine only.
     */
    public static ?array $cluster = null;

    public function __construct(?string $socketName = null, array $socketContext = []) {}

    /** Parses the command line, then starts, stops or inspects the server. */
    public static function runAll(): void {}

    /** In a worker process: stops it (the master starts a fresh one). */
    public static function stopAll(int $code = 0, mixed $log = ''): void {}

    public function listen(): void {}

    public function unlisten(): void {}

    public function pauseAccept(): void {}

    public function resumeAccept(): void {}

    public function getSocketName(): string {}

    /** Runs in each worker process: listens, calls onWorkerStart, then accepts. */
    public function run(): void {}

    public function stop(bool $force = true): void {}

    public static function log(\Stringable|string $msg, bool $decorated = false): void {}

    public static function safeEcho(string $msg, bool $decorated = false): void {}

    public static function getAllWorkers(): array {}

    /**
     * The event loop of this process as an object: Worker::$globalEvent in a worker
     * process; elsewhere a loop object whose run() runs a loop of its own.
     */
    public static function getEventLoop(): \Surge\Events\EventInterface {}

    public static function getStatus(): int {}

    public static function isRunning(): bool {}

    public static function getGracefulStop(): bool {}

    /**
     * In a worker process of this Worker (taskCount > 0): runs onTask($data, ...) in one of
     * its task processes (the least busy) and then, in this process,
     * `$done(mixed $result, int $taskId)`; $result is a Surge\TaskError when the task has no
     * result (onTask threw, or its task process died). $data and the result cross with
     * serialize(): a closure throws \InvalidArgumentException. Returns the task id
     * (1, 2, ... per process), or false when taskQueueLimit tasks already wait.
     */
    public function task(mixed $data, ?callable $done = null): int|false {}

    /**
     * websocket:// workers: sends $message to every connection of this worker in this
     * process whose handshake is complete (or to those listed by id in $connectionIds),
     * except those listed in $exceptIds. The frame is encoded once (once per
     * websocketType) and every connection queues the same bytes. A connection whose send
     * buffer is full gets onBufferFull and misses this message only. Returns the number
     * of connections the message was written or queued to.
     */
    public function broadcast(string $message, ?array $connectionIds = null, ?array $exceptIds = null): int {}

    /**
     * Sends a message to one connection of any process (or node), encoded for its
     * protocol. False when the client is known to be gone.
     */
    public static function sendToClient(string $clientId, string $message): bool {}

    /** Sends a message to every connection bound to the uid (or to any of the uids). */
    public static function sendToUid(int|string|array $uid, string $message): void {}

    /** Sends a message to every member of the group(s), but those in $excludeClientIds. */
    public static function sendToGroup(int|string|array $group, string $message, array $excludeClientIds = []): void {}

    /** Sends a message to every connection of every non-HTTP worker, but those excluded. */
    public static function sendToAll(string $message, array $excludeClientIds = []): void {}

    /** Closes a connection of any process (or node), after sending $message if given. */
    public static function closeClient(string $clientId, ?string $message = null): bool {}

    /**
     * The queries below answer for this node at once; with a callback they return null and
     * the callback gets the answer for the whole cluster (Worker::$cluster) once Redis
     * answered, or this node's answer at once without a cluster.
     */
    public static function isOnline(string $clientId, ?callable $callback = null): ?bool {}

    public static function isUidOnline(int|string $uid, ?callable $callback = null): ?bool {}

    public static function getClientIdsByUid(int|string $uid, ?callable $callback = null): ?array {}

    public static function getClientIdsByGroup(int|string $group, ?callable $callback = null): ?array {}

    public static function getClientCountByGroup(int|string $group, ?callable $callback = null): ?int {}

    public static function getAllClientCount(?callable $callback = null): ?int {}

    /** The uids bound on this node. */
    public static function getAllUids(): array {}

    /** The groups with members on this node. */
    public static function getAllGroups(): array {}
}
