#pragma once

#include <string>
#include <string_view>

namespace surge {

// The process-wide log sink. Every line gets the Workerman layout
// `Y-m-d H:i:s pid:<pid> <message>`; it is appended to the log file (O_APPEND, one write
// per line, so lines from the master and its children never interleave) and echoed to
// standard output unless the process runs as a daemon.
class Log {
 public:
  static void configure(std::string file, bool echo);
  static void setEcho(bool echo);
  static const std::string& file();
  static void setMaxFileSize(long bytes);

  static void write(std::string_view message);
  // printf-style convenience for the core's own messages.
  static void writef(const char* format, ...) __attribute__((format(printf, 1, 2)));

  // Formats one line (with trailing newline) without writing it; used by tests.
  static std::string formatLine(std::string_view message, long pid, long epochSeconds);
};

}  // namespace surge
