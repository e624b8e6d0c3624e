#pragma once

#include <sys/types.h>

#include <string>

namespace surge {

// The master's pid file, and the lock that keeps two starts of one server from racing.
class PidFile {
 public:
  // The pid in `path` if that process is alive (and looks like PHP/Surge), else 0.
  static pid_t readLive(const std::string& path);
  // Writes atomically (temp file + rename); throws std::runtime_error on failure.
  static void write(const std::string& path, pid_t pid);
  static void remove(const std::string& path);

  // Takes an exclusive lock on `<path>.lock`, waiting for a concurrent start to finish.
  // Returns the fd to pass to unlock().
  static int lockStart(const std::string& path);
  static void unlockStart(const std::string& path, int fd);
};

}  // namespace surge
