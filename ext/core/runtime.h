/* The state of the current process as the binding sees it: master or worker, its event
 * loop, the Worker objects it knows, the counters of ConnectionInterface::$statistics,
 * and how it stops. */
#ifndef SURGE_EXT_RUNTIME_H
#define SURGE_EXT_RUNTIME_H

#include <string>
#include <string_view>
#include <vector>

#include "core/common.h"
#include "base/log_line.h"

namespace surge {
class EventLoop;
}

namespace surge::ext::runtime {

// Worker::STATUS_* values.
enum Status : int { kInitial = 0, kStarting = 1, kRunning = 2, kShutdown = 4, kReloading = 8 };

int status();
void setStatus(int status);

// The event loop of this worker process, or nullptr in the master (before runAll()).
EventLoop* loop();
// Creates this process's loop (once, in a worker process).
EventLoop& createLoop();
// The loop, or a \RuntimeException naming `api` when called outside a worker process.
EventLoop* requireLoop(const char* api);
// requireLoop(), except that before runAll() the loop is created: timers and watchers
// added then run in a plain script's EventLoop::run() or in the master.
EventLoop* loopForTimers(const char* api);
// In a worker process (not the master, not a plain script).
bool inWorkerProcess();
// In a new worker process: drops the master's loop (and what it holds) without touching it.
void forgetInheritedLoop();

// Every Worker constructed in this process, in order (holds a reference to each).
std::vector<zend_object*>& workers();
void addWorker(zend_object* worker);
// In a worker process: drops every Worker but `keep` (and those created later).
void keepOnlyWorker(zend_object* keep);
// At request shutdown: closes connections still open (without callbacks) and drops the
// references this process holds, so every object is freed.
void releaseAll();

// exit() was called inside a callback: stop dispatching PHP and let the loop return so
// the pending exit completes.
void beginExit();
bool exiting();

// Stops this worker process: onWorkerStop, stop accepting, close connections (all of
// them, or wait for them to close when graceful), then leave the loop with `code`.
void requestStop(int code, bool graceful);
bool stopping();
bool gracefulStop();
int exitCode();
// The pipe to the master (set in a worker process).
void setControlFd(int fd);
// Asks the master to start a fresh process for this one and then retire this one.
void requestReplacement();

// A stop does not finish (the loop keeps running) between holdStop() and its releaseStop():
// work queued to the loop that may still accept connections.
void holdStop();
void releaseStop();

// Called when a connection closes, so that a stop can finish when none are left.
void connectionClosed();
size_t openConnections();
void connectionOpened();

// Worker::log(): one info line to the log file (Worker::$logFile) and, unless daemonized,
// stdout. With a level (dropped below Worker::$logLevel) and a context (a JSON object or "").
void log(std::string_view message);
void log(LogLevel level, std::string_view message, std::string_view contextJson = {});

enum class Stat { kConnectionCount, kTotalRequest, kThrowException, kSendFail };
void statAdd(Stat which, zend_long delta);
void initStatistics();

zend_long nextConnectionId();

// The start file (the script run by `php`), its base name and folder.
std::string startFile();

}  // namespace surge::ext::runtime

#endif
