#include "process/daemon.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace surge {

int daemonize() {
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  umask(0);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) {
    ::close(ready[1]);
    char byte = 0;
    ssize_t n;
    do {
      n = ::read(ready[0], &byte, 1);
    } while (n < 0 && errno == EINTR);
    _exit(n == 1 ? 0 : 1);
  }
  ::close(ready[0]);
  if (setsid() < 0) throw std::runtime_error(std::string("setsid failed: ") + std::strerror(errno));
  pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) _exit(0);
  return ready[1];
}

void daemonStarted(int fd) {
  if (fd < 0) return;
  char byte = 1;
  ssize_t ignored = ::write(fd, &byte, 1);
  (void)ignored;
  ::close(fd);
}

void redirectStdio(const std::string& file) {
  int in = ::open("/dev/null", O_RDONLY);
  if (in >= 0) {
    dup2(in, STDIN_FILENO);
    if (in > STDERR_FILENO) ::close(in);
  }
  int out = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (out < 0) out = ::open("/dev/null", O_WRONLY);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    if (out > STDERR_FILENO) ::close(out);
  }
}

}  // namespace surge
