#include "base/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace surge {

namespace {
std::string g_file;
bool g_echo = true;
long g_max_size = 10 * 1024 * 1024;
// One descriptor held in reserve, so that a process that ran out of descriptors can still
// open its log file to say so (the line would be lost otherwise).
int g_reserve = -1;

int openLog() {
  // Read-write: truncateIfTooLarge() reads the file back through this descriptor.
  int fd = ::open(g_file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fd = ::open(g_file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  return fd;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
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

std::string Log::formatLine(std::string_view message, long pid, long epochSeconds) {
  time_t t = static_cast<time_t>(epochSeconds);
  struct tm tm_local;
  localtime_r(&t, &tm_local);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm_local);
  std::string line;
  std::string_view body = trim(message);
  line.reserve(body.size() + 48);
  line.append(stamp).append(" pid:").append(std::to_string(pid)).append(" ");
  line.append(body).append("\n");
  return line;
}

void Log::write(std::string_view message) {
  std::string_view body = trim(message);
  if (g_echo) {
    std::string echoed(body);
    echoed.push_back('\n');
    ssize_t ignored = ::write(STDOUT_FILENO, echoed.data(), echoed.size());
    (void)ignored;
  }
  if (g_file.empty() || g_file == "/dev/null") return;
  std::string line =
      formatLine(body, static_cast<long>(getpid()), static_cast<long>(time(nullptr)));
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

void Log::writef(const char* format, ...) {
  char stack[1024];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(stack, sizeof stack, format, args);
  va_end(args);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof stack) {
    write(std::string_view(stack, static_cast<size_t>(n)));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  va_start(args, format);
  vsnprintf(big.data(), big.size(), format, args);
  va_end(args);
  big.resize(static_cast<size_t>(n));
  write(big);
}

}  // namespace surge
