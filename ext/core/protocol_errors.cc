#include "core/protocol_errors.h"

#include <time.h>

#include <string>

#include "base/log_throttle.h"
#include "core/runtime.h"
#include "core/status.h"
#include "event/event_loop.h"
#include "event/timer.h"

namespace surge::ext::protocol_errors {

namespace {

LogThrottle g_throttle(kLogBurst, static_cast<int64_t>(kLogWindowSeconds * 1000));
// Fires at the end of a window that suppressed lines; lives on this process's loop. A
// plain pointer, freed by finish(): a static destructor would run after the loop is gone.
Timer* g_summary = nullptr;

int64_t monotonicMs() {
  struct timespec ts {};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void writeSummary() {
  int64_t n = g_throttle.takeSuppressed();
  if (n == 0) return;
  runtime::log(LogLevel::kNotice, std::to_string(n) + " more protocol error" + (n == 1 ? "" : "s") +
                                      " suppressed (at most " + std::to_string(kLogBurst) +
                                      " logged per " +
                                      std::to_string(static_cast<int>(kLogWindowSeconds)) +
                                      " s; `status` counts them all)");
}

void onSummaryDue(void*) {
  writeSummary();
}

// The summary of the current window is written when it ends, even if no further error
// comes to start the next one.
void scheduleSummary() {
  if (g_summary && g_summary->active()) return;
  EventLoop* loop = runtime::loop();
  if (loop == nullptr) return;  // no loop (master): finish() writes it
  if (g_summary == nullptr) g_summary = new Timer(*loop, &onSummaryDue, nullptr);
  double wait = static_cast<double>(g_throttle.windowEndMs() - monotonicMs()) / 1000.0;
  g_summary->start(wait > 0 ? wait : 0, false);
}

}  // namespace

void count() {
  if (StatusBoard::Counters* board = status::counters())
    board->protocolErrors.fetch_add(1, std::memory_order_relaxed);
}

void log(std::string_view line) {
  count();
  int64_t now = monotonicMs();
  // A window that ended with suppressed lines is summed up before the next one's lines.
  if (g_throttle.suppressed() > 0 && now >= g_throttle.windowEndMs()) writeSummary();
  if (g_throttle.admit(now)) {
    runtime::log(LogLevel::kNotice, line);
    return;
  }
  scheduleSummary();
}

void finish() {
  writeSummary();
  delete g_summary;
  g_summary = nullptr;
}

}  // namespace surge::ext::protocol_errors
