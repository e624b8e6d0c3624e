#include "core/status.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/common.h"
#include "core/connection_object.h"
#include "event/event_loop.h"
#include "event/signal_watcher.h"
#include "event/timer.h"
#include "net/connection.h"
#include "net/io_totals.h"
#include "metrics/http_metrics.h"
#include "process/pid_file.h"
#include "process/service_status.h"
#include "process/status_report.h"
#include "core/runtime.h"
#include "core/timers.h"
#include "core/worker_object.h"
#include "task/task_pool.h"

namespace surge::ext::status {

namespace {
StatusBoard* g_board = nullptr;
StatusBoard::Counters* g_counters = nullptr;
Timer* g_heartbeat = nullptr;
SignalWatcher* g_dumpSignal = nullptr;
SignalWatcher* g_statusSignal = nullptr;
int64_t g_qpsSince = 0;
int64_t g_qpsBase = 0;
constexpr double kPublishPeriod = 0.5;
int64_t g_lastTickUs = 0;  // CLOCK_MONOTONIC of the publishing timer's last run

void output(const std::string& text) {
  PHPWRITE(text.data(), text.size());
}

std::string dumpPath(const std::string& statusFile, pid_t pid) {
  return statusFile + ".connections." + std::to_string(pid);
}

void publish(void*) {
  StatusBoard::Counters* c = g_counters;
  if (c == nullptr) return;
  int64_t now = realtimeMs();
  c->heartbeatMs.store(now, std::memory_order_relaxed);
  c->memory.store(static_cast<int64_t>(zend_memory_usage(false)), std::memory_order_relaxed);
  c->peakMemory.store(static_cast<int64_t>(zend_memory_peak_usage(false)),
                      std::memory_order_relaxed);
  c->connections.store(static_cast<int64_t>(runtime::openConnections()), std::memory_order_relaxed);
  c->timers.store(static_cast<int64_t>(timerCount()), std::memory_order_relaxed);
  int64_t total = c->totalRequests.load(std::memory_order_relaxed);
  if (g_qpsSince == 0) {
    g_qpsSince = now;
    g_qpsBase = total;
  } else if (now - g_qpsSince >= 1000) {
    c->qps.store((total - g_qpsBase) * 1000 / (now - g_qpsSince), std::memory_order_relaxed);
    g_qpsSince = now;
    g_qpsBase = total;
  }
}

int64_t monotonicUs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// The publishing timer: how much later than its period it runs is the event loop's lag
// (time spent in callbacks and PHP code that kept the loop from its timers).
void tick(void*) {
  int64_t now = monotonicUs();
  if (g_counters != nullptr && g_lastTickUs != 0) {
    int64_t late = now - g_lastTickUs - static_cast<int64_t>(kPublishPeriod * 1e6);
    g_counters->loopLagUs.store(late > 0 ? late : 0, std::memory_order_relaxed);
  }
  g_lastTickUs = now;
  publish(nullptr);
}

std::string shortProtocol(zval* protocol, const std::string& transport) {
  if (Z_TYPE_P(protocol) != IS_STRING || Z_STRLEN_P(protocol) == 0) return transport;
  std::string name(Z_STRVAL_P(protocol), Z_STRLEN_P(protocol));
  size_t slash = name.rfind('\\');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// SIGIO: writes one line per open connection of this process next to the status file.
void dumpConnections(int, void*) {
  if (g_board == nullptr) return;
  zval* all =
      zend_read_static_property(tcp_connection_ce, "connections", sizeof("connections") - 1, 1);
  std::string text;
  if (all) {
    ZVAL_DEREF(all);
    zval* entry;
    if (Z_TYPE_P(all) == IS_ARRAY) {
      ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(all), entry) {
        if (Z_TYPE_P(entry) != IS_OBJECT ||
            !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce))
          continue;
        ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
        if (c->conn == nullptr) continue;
        ConnectionRow row;
        row.pid = getpid();
        row.worker = c->worker ? workerNameOf(c->worker) : "none";
        row.id = static_cast<uint64_t>(slotLong(&c->std, connection_props.id, 0));
        zval* transport = slot(&c->std, connection_props.transport);
        row.transport = Z_TYPE_P(transport) == IS_STRING ? Z_STRVAL_P(transport) : "tcp";
        row.protocol = shortProtocol(slot(&c->std, connection_props.protocol), row.transport);
        row.ipv4 = c->conn->family() == AF_INET;
        row.ipv6 = c->conn->family() == AF_INET6;
        row.recvQ = c->conn->pendingInput();
        row.sendQ = c->conn->pendingOutput();
        row.bytesRead = c->conn->bytesRead();
        row.bytesWritten = c->conn->bytesWritten();
        switch (c->conn->state()) {
          case Connection::State::kOpen:
            row.status = "ESTABLISHED";
            break;
          case Connection::State::kClosing:
            row.status = "CLOSING";
            break;
          case Connection::State::kEnding:
            row.status = "ENDING";
            break;
          case Connection::State::kClosed:
            row.status = "CLOSED";
            break;
        }
        row.local = c->conn->localAddress().toString();
        row.remote = c->conn->peerAddress().toString();
        text += formatConnectionLine(row);
      }
      ZEND_HASH_FOREACH_END();
    }
  }
  std::string path = dumpPath(g_board->path(), getpid());
  std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::trunc);
  out << text;
  out.close();
  std::rename(tmp.c_str(), path.c_str());
}

// The supervised services' state, which the master keeps beside the board (none: empty).
std::vector<ServiceView> readServices(const std::string& statusFile) {
  std::ifstream in(statusFile + ".services");
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return parseServiceFile(text.str());
}

bool masterRunning(const std::string& pidFile) {
  return PidFile::readLive(pidFile) != 0;
}
}  // namespace

int64_t residentBytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  long pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return static_cast<int64_t>(resident) * sysconf(_SC_PAGESIZE);
}

std::unique_ptr<StatusBoard> createBoard(const std::string& path, bool daemon) {
  std::vector<StatusBoard::GroupSpec> groups;
  for (zend_object* obj : runtime::workers())
    groups.push_back({workerNameOf(obj), workerSocketNameOf(obj),
                      static_cast<int>(slotLong(obj, worker_props.count, 1))});
  task::addBoardGroups(&groups);
  try {
    return StatusBoard::create(path, groups, getpid(), time(nullptr), daemon);
  } catch (const std::exception& e) {
    runtime::log(LogLevel::kWarning,
                 std::string("Warning: no status board, `status` will not work: ") + e.what());
    return nullptr;
  }
}

void childStarted(StatusBoard* board, int group, pid_t pid) {
  if (board == nullptr) return;
  int slot = board->freeSlot(group);
  if (slot >= 0) board->assign(group, slot, pid, time(nullptr));
}

void childExited(StatusBoard* board, int group, pid_t pid, int status) {
  if (board == nullptr) return;
  board->recordExit(group, status);
  for (int s = 0; s < board->slotCount(group); ++s)
    if (board->pidAt(group, s) == pid) board->release(group, s);
}

void startPublishing(StatusBoard* board, int group) {
  if (board == nullptr) return;
  // The master assigns the slot right after fork(): wait (briefly) until it has.
  pid_t self = getpid();
  for (int attempt = 0; attempt < 1000 && g_counters == nullptr; ++attempt) {
    for (int s = 0; s < board->slotCount(group); ++s)
      if (board->pidAt(group, s) == self) g_counters = &board->counters(group, s);
    if (g_counters == nullptr) usleep(1000);
  }
  if (g_counters == nullptr) return;
  g_board = board;
  IoTotals::bind(&g_counters->bytesReceived, &g_counters->bytesSent);
  metrics::workerStarted(g_counters);
  EventLoop* loop = runtime::loop();
  // Twice a second, so that a process stuck in PHP for a second shows [busy].
  g_heartbeat = new Timer(*loop, &tick, nullptr);
  g_heartbeat->start(kPublishPeriod, true);
  tick(nullptr);
  g_dumpSignal = new SignalWatcher(*loop, SIGIO, &dumpConnections, nullptr);
  // Workerman's status request (SIGIOT) needs no answer here: publish at once.
  g_statusSignal = new SignalWatcher(
      *loop, SIGIOT, [](int, void*) { publish(nullptr); }, nullptr);
}

StatusBoard::Counters* counters() {
  return g_counters;
}

int statusCommand(const std::string& tag, const std::string& statusFile, const std::string& pidFile,
                  const std::string& versionLine, bool live, bool json) {
  for (bool first = true;; first = false) {
    if (!masterRunning(pidFile)) {
      output(json ? renderStatusJsonError(tag + " not run") : tag + " not run\n");
      return first ? 1 : 0;
    }
    std::unique_ptr<StatusBoard> board;
    try {
      board = StatusBoard::open(statusFile);
    } catch (const std::exception& e) {
      output(json ? renderStatusJsonError(tag + " status: " + e.what())
                  : tag + " status: " + e.what() + "\n");
      return 1;
    }
    StatusContext ctx;
    ctx.versionLine = versionLine;
    ctx.nowMs = realtimeMs();
    ctx.loadAverage = systemLoadAverage();
    ctx.utcOffsetSeconds = localUtcOffset(ctx.nowMs / 1000);
    StatusBoard::Snapshot snapshot = board->snapshot();
    for (auto& process : snapshot.processes) process.rss = residentBytes(process.pid);
    std::vector<ServiceView> services = readServices(statusFile);
    if (json) {
      output(addServicesToStatusJson(renderStatusJson(snapshot, ctx), services) + "\n");
      return 0;
    }
    std::string table =
        renderStatus(snapshot, ctx) + renderServicesTable(services, ctx.utcOffsetSeconds);
    if (!live) {
      output(table);
      return 0;
    }
    output("\033[H\033[2J\033(B\033[m" + table + "Press Ctrl+C to quit.\n");
    php_output_flush();
    sleep(1);
  }
}

int connectionsCommand(const std::string& tag, const std::string& statusFile,
                       const std::string& pidFile) {
  if (!masterRunning(pidFile)) {
    output(tag + " not run\n");
    return 1;
  }
  std::unique_ptr<StatusBoard> board;
  try {
    board = StatusBoard::open(statusFile);
  } catch (const std::exception& e) {
    output(tag + " connections: " + e.what() + "\n");
    return 1;
  }
  std::vector<pid_t> pids;
  for (const auto& p : board->snapshot().processes) {
    ::unlink(dumpPath(statusFile, p.pid).c_str());
    if (::kill(p.pid, SIGIO) == 0) pids.push_back(p.pid);
  }
  // Each worker answers from its event loop; one stuck in PHP code cannot: wait a
  // bounded time and list what arrived.
  std::vector<ConnectionRow> rows;
  std::vector<pid_t> silent;
  for (pid_t pid : pids) {
    std::string path = dumpPath(statusFile, pid);
    int waited = 0;
    while (::access(path.c_str(), F_OK) != 0 && waited < 2000) {
      usleep(10000);
      waited += 10;
    }
    std::ifstream in(path);
    if (!in) {
      silent.push_back(pid);
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    for (ConnectionRow& row : parseConnectionLines(text.str())) rows.push_back(std::move(row));
    ::unlink(path.c_str());
  }
  output(renderConnections(rows));
  for (pid_t pid : silent)
    output("worker process " + std::to_string(pid) + " did not answer (busy in PHP code?)\n");
  return 0;
}

}  // namespace surge::ext::status
