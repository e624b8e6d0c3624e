#include "http/access_log.h"

#include "base/monotonic_clock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "core/connection_object.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "event/timer.h"
#include "http/http_connection_state.h"
#include "net/connection.h"
#include "php_surge.h"
#include "protocol/http/access_log_line.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"

namespace surge::ext::access_log {

bool g_on = false;

namespace {

constexpr size_t kFlushBytes = 64 * 1024;
constexpr double kFlushSeconds = 1.0;

struct State {
  zend_object* worker = nullptr;  // only this worker's requests are logged
  std::string path;
  protocol::AccessLogFormat format = protocol::AccessLogFormat::kCombined;
  int fd = -1;
  std::string buffer;
  Timer* timer = nullptr;  // armed while lines wait (no wake-ups when idle)
};
State* g_state = nullptr;  // allocated in the one worker process that logs

std::string_view propertyString(zend_object* obj, const char* name) {
  zval rv;
  zval* v = zend_read_property(obj->ce, obj, name, strlen(name), 1, &rv);
  if (v == nullptr || Z_TYPE_P(v) != IS_STRING) return {};
  return std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v));
}

bool openFile() {
  g_state->fd = ::open(g_state->path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (g_state->fd >= 0) return true;
  runtime::log(LogLevel::kError, "worker[" + workerNameOf(g_state->worker) +
                                     "] cannot open its access log " + g_state->path + ": " +
                                     std::strerror(errno) + "; requests are not logged until " +
                                     "a reload opens it again");
  return false;
}

void onTimer(void*) {
  flush();
}

int64_t epochMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Adds one line; the first line of a batch arms the flush timer.
void add(ConnectionObject* c, protocol::AccessLogEntry& e) {
  std::string ip;
  if (c->conn) {
    ip = c->conn->peerAddress().ip();
    e.remoteAddr = ip;
  }
  e.epochMillis = epochMillis();
  bool wasEmpty = g_state->buffer.empty();
  protocol::appendAccessLogLine(g_state->buffer, g_state->format, e);
  if (g_state->buffer.size() >= kFlushBytes) {
    flush();
  } else if (wasEmpty && g_state->timer && !g_state->timer->active()) {
    g_state->timer->start(kFlushSeconds, false);
  }
}

bool logs(ConnectionObject* c) {
  return g_state && g_state->fd >= 0 && c->worker == g_state->worker;
}

}  // namespace

void startInProcess(zend_object* worker, EventLoop& loop) {
  std::string_view path = propertyString(worker, "accessLog");
  if (path.empty()) return;
  auto format = protocol::parseAccessLogFormat(propertyString(worker, "accessLogFormat"));
  g_state = new State();
  g_state->worker = worker;
  g_state->path.assign(path);
  g_state->format = format.value_or(protocol::AccessLogFormat::kCombined);
  g_state->timer = new Timer(loop, &onTimer, nullptr);
  g_on = openFile();
}

void flush() {
  if (g_state == nullptr || g_state->buffer.empty()) return;
  if (g_state->timer) g_state->timer->stop();
  const std::string& b = g_state->buffer;
  size_t done = 0;
  while (g_state->fd >= 0 && done < b.size()) {
    ssize_t n = ::write(g_state->fd, b.data() + done, b.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a full disk loses this batch, not the process
    done += static_cast<size_t>(n);
  }
  g_state->buffer.clear();
}

void reopen() {
  if (g_state == nullptr) return;
  flush();
  if (g_state->fd >= 0) ::close(g_state->fd);
  g_state->fd = -1;
  g_on = openFile();
}

void shutdown() {
  if (g_state == nullptr) return;
  flush();
  if (g_state->fd >= 0) ::close(g_state->fd);
  delete g_state->timer;  // the loop lives until the process exits
  delete g_state;
  g_state = nullptr;
  g_on = false;
}

void answered(ConnectionObject* c, const PendingRequest& req, std::string_view head) {
  if (!logs(c)) return;
  // "HTTP/1.1 200 OK\r\n...Content-Length: 12\r\n": the status, and the body's length
  // (0 for a streamed body: its chunks are not counted).
  int status = 0;
  if (head.size() >= 12) {
    for (size_t i = 9; i < 12; ++i) status = status * 10 + (head[i] - '0');
  }
  uint64_t bytes = 0;
  size_t at = head.find("\r\nContent-Length: ");
  size_t end = head.find("\r\n\r\n");
  if (at != std::string_view::npos && at < end) {
    for (size_t i = at + 18; i < head.size() && head[i] >= '0' && head[i] <= '9'; ++i)
      bytes = bytes * 10 + static_cast<uint64_t>(head[i] - '0');
  }
  if (req.isHead || status == 304 || status == 204) bytes = 0;
  answered(c, req, status, bytes);
}

void answered(ConnectionObject* c, const PendingRequest& req, int status, uint64_t bodyBytes) {
  if (!logs(c)) return;
  protocol::AccessLogEntry e;
  if (req.buffer) protocol::scanRequestHead({ZSTR_VAL(req.buffer), ZSTR_LEN(req.buffer)}, &e);
  e.status = status;
  e.bodyBytes = req.isHead ? 0 : bodyBytes;
  if (req.receivedNs > 0)
    e.durationSeconds = static_cast<double>(monotonicNs() - req.receivedNs) / 1e9;
  add(c, e);
}

void refused(ConnectionObject* c, int status, std::string_view bytes) {
  if (!logs(c)) return;
  protocol::AccessLogEntry e;
  // Only the request line: what follows it may not be a head at all.
  size_t eol = bytes.find('\n');
  protocol::scanRequestHead(bytes.substr(0, eol == std::string_view::npos ? bytes.size() : eol),
                            &e);
  e.status = status;
  add(c, e);
}

bool validateWorkers() {
  for (zend_object* w : runtime::workers()) {
    std::string_view format = propertyString(w, "accessLogFormat");
    if (protocol::parseAccessLogFormat(format)) continue;
    zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                            "Worker[%s]->accessLogFormat is '%.*s'; set it to 'combined', "
                            "'common' or 'json'",
                            workerNameOf(w).c_str(), static_cast<int>(format.size()),
                            format.data());
    return false;
  }
  return true;
}

}  // namespace surge::ext::access_log
