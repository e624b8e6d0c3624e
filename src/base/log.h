#pragma once

#include <string>
#include <string_view>

#include "base/log_line.h"

namespace surge {

// The process-wide log sink. Every line gets the Workerman layout
// `Y-m-d H:i:s pid:<pid> <message>` (or one JSON object with LogFormat::kJson, see
// LogLine); lines below the threshold level are dropped. A line is appended to the log file
// (O_APPEND, one write per line, so lines from the master and its children never interleave) and
// echoed to standard output unless the process runs as a daemon.
class Log {
 public:
  static void configure(std::string file, bool echo);
  static void setEcho(bool echo);
  static const std::string& file();
  static void setMaxFileSize(long bytes);
  static void setFormat(LogFormat format);
  static void setThreshold(LogLevel level);
  // The worker this process serves (shown in JSON lines); empty in the master.
  static void setWorkerName(std::string name);
  static bool enabled(LogLevel level);

  // An info line (Workerman's Worker::log()).
  static void write(std::string_view message);
  // `contextJson` is a JSON object or empty.
  static void write(LogLevel level, std::string_view message, std::string_view contextJson = {});
  // printf-style convenience for the core's own messages.
  static void writef(const char* format, ...) __attribute__((format(printf, 1, 2)));
  static void writef(LogLevel level, const char* format, ...) __attribute__((format(printf, 2, 3)));

  // Formats one line (with trailing newline) without writing it; used by tests.
  static std::string formatLine(std::string_view message, long pid, long epochSeconds);
};

}  // namespace surge
