/* The HTTP access log of a worker process (Worker::$accessLog, $accessLogFormat): lines
 * formatted into a buffer (src/protocol/http/access_log_line.h) and written with one
 * O_APPEND write per flush — a second after the first buffered line, past 64 KiB, on
 * reload and at exit — so the loop never waits on the file per request and processes
 * sharing the file never split each other's lines. The response path calls answered()
 * and refused() only while on() is true. */
#ifndef SURGE_EXT_HTTP_ACCESS_LOG_H
#define SURGE_EXT_HTTP_ACCESS_LOG_H

#include <cstdint>
#include <string_view>

#include "php.h"

namespace surge {
class EventLoop;
}

namespace surge::ext {

struct ConnectionObject;
struct PendingRequest;

namespace access_log {

extern bool g_on;
inline bool on() {
  return g_on;
}

// Runs once in a worker process, before its worker starts: opens the worker's access log
// if it has one.
void startInProcess(zend_object* worker, EventLoop& loop);
// The reload signal: flushes, then opens the file again by its name (logrotate moved it).
void reopen();
// Writes what is buffered now.
void flush();
// The end of the process (request shutdown): flushes and closes.
void shutdown();

// A response to `req` was handed to the connection. `head`: the response head as sent
// (status and Content-Length are read from it), or status/bodyBytes given directly.
void answered(ConnectionObject* c, const PendingRequest& req, std::string_view head);
void answered(ConnectionObject* c, const PendingRequest& req, int status, uint64_t bodyBytes);
// The core answered an error without PHP (400/408/413/431/...); `bytes`: what the client
// sent, from the request line on (may be empty or not a request at all).
void refused(ConnectionObject* c, int status, std::string_view bytes);

// runAll(): throws and returns false when a worker's accessLogFormat is not one of
// 'combined', 'common', 'json'.
bool validateWorkers();

}  // namespace access_log
}  // namespace surge::ext

#endif
