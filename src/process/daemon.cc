#include "process/daemon.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace surge {

void daemonize() {
  umask(0);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) _exit(0);
  if (setsid() < 0) throw std::runtime_error(std::string("setsid failed: ") + std::strerror(errno));
  pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) _exit(0);
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
