#include "base/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace surge {

namespace {
std::string g_file;
bool g_echo = true;
long g_max_size = 10 * 1024 * 1024;
LogFormat g_format = LogFormat::kText;
LogLevel g_threshold = LogLevel::kInfo;
std::string g_worker;
// One descriptor held in reserve, so that a process that ran out of descriptors can still
// open its log file to say so (the line would be lost otherwise).
int g_reserve = -1;

int openLog() {
  // Read-write: truncateIfTooLarge() reads the file back through this descriptor.
  int fd = ::open(g_file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fd = ::open(g_file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  return fd;
}

// Keeps the log under its size cap by cutting it to its newer half, at a line boundary.
void truncateIfTooLarge(int fd) {
  struct stat st;
  if (g_max_size <= 0 || fstat(fd, &st) != 0 || st.st_size <= g_max_size) return;
  std::string content(static_cast<size_t>(st.st_size), '\0');
  if (pread(fd, content.data(), content.size(), 0) != static_cast<ssize_t>(content.size())) return;
  size_t cut = content.find('\n', content.size() / 2);
  if (cut == std::string::npos) return;
  std::string keep = content.substr(cut + 1);
  int out = ::open(g_file.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (out < 0) return;
  ssize_t ignored = ::write(out, keep.data(), keep.size());
  (void)ignored;
  ::close(out);
}
}  // namespace

void Log::configure(std::string file, bool echo) {
  g_file = std::move(file);
  g_echo = echo;
}

void Log::setEcho(bool echo) {
  g_echo = echo;
}
const std::string& Log::file() {
  return g_file;
}
void Log::setMaxFileSize(long bytes) {
  g_max_size = bytes;
}
void Log::setFormat(LogFormat format) {
  g_format = format;
}
void Log::setThreshold(LogLevel level) {
  g_threshold = level;
}
void Log::setWorkerName(std::string name) {
  g_worker = std::move(name);
}
bool Log::enabled(LogLevel level) {
  return level >= g_threshold;
}

std::string Log::formatLine(std::string_view message, long pid, long epochSeconds) {
  LogRecord record;
  record.message = message;
  record.pid = pid;
  record.epochMillis = static_cast<int64_t>(epochSeconds) * 1000;
  return LogLine::text(record);
}

void Log::write(std::string_view message) {
  write(LogLevel::kInfo, message);
}

void Log::write(LogLevel level, std::string_view message, std::string_view contextJson) {
  if (level < g_threshold) return;
  LogRecord record;
  record.level = level;
  record.message = message;
  record.contextJson = contextJson;
  record.pid = static_cast<long>(getpid());
  record.worker = g_worker;
  record.epochMillis = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  bool json = g_format == LogFormat::kJson;
  if (g_echo) {
    // Workerman echoes the message alone; a JSON log echoes its lines whole, so that a
    // foreground process in a container writes JSON to stdout.
    std::string echoed = json ? LogLine::json(record) : LogLine::textBody(record) + "\n";
    ssize_t ignored = ::write(STDOUT_FILENO, echoed.data(), echoed.size());
    (void)ignored;
  }
  if (g_file.empty() || g_file == "/dev/null") return;
  std::string line = json ? LogLine::json(record) : LogLine::text(record);
  if (g_reserve < 0) g_reserve = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int fd = openLog();
  if (fd < 0 && (errno == EMFILE || errno == ENFILE) && g_reserve >= 0) {
    ::close(g_reserve);
    g_reserve = -1;
    fd = openLog();
  }
  if (fd < 0) return;
  ssize_t ignored = ::write(fd, line.data(), line.size());
  (void)ignored;
  truncateIfTooLarge(fd);
  ::close(fd);
  if (g_reserve < 0) g_reserve = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

namespace {
void writeVa(LogLevel level, const char* format, va_list args) {
  char stack[1024];
  va_list copy;
  va_copy(copy, args);
  int n = vsnprintf(stack, sizeof stack, format, copy);
  va_end(copy);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof stack) {
    Log::write(level, std::string_view(stack, static_cast<size_t>(n)));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  vsnprintf(big.data(), big.size(), format, args);
  big.resize(static_cast<size_t>(n));
  Log::write(level, big);
}
}  // namespace

void Log::writef(const char* format, ...) {
  if (!enabled(LogLevel::kInfo)) return;
  va_list args;
  va_start(args, format);
  writeVa(LogLevel::kInfo, format, args);
  va_end(args);
}

void Log::writef(LogLevel level, const char* format, ...) {
  if (!enabled(level)) return;
  va_list args;
  va_start(args, format);
  writeVa(level, format, args);
  va_end(args);
}

}  // namespace surge
