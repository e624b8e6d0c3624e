#include "process/pid_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace surge {

pid_t PidFile::readLive(const std::string& path) {
  std::ifstream in(path);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return 0;
  if (pid == getpid()) return 0;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return 0;
  std::ifstream cmd("/proc/" + std::to_string(pid) + "/cmdline");
  if (cmd) {
    std::stringstream text;
    text << cmd.rdbuf();
    std::string s = text.str();
    if (s.find("php") == std::string::npos && s.find("Surge") == std::string::npos &&
        s.find("surge") == std::string::npos)
      return 0;
  }
  return static_cast<pid_t>(pid);
}

void PidFile::write(const std::string& path, pid_t pid) {
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot save the pid to " + path + ": " + std::strerror(errno));
  std::string text = std::to_string(pid);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot save the pid to " + path + ": " + std::strerror(errno));
  }
}

void PidFile::remove(const std::string& path) {
  ::unlink(path.c_str());
}

int PidFile::lockStart(const std::string& path) {
  std::string lock = path + ".lock";
  for (;;) {
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + lock + ": " + std::strerror(errno));
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
    // unlockStart() unlinks the file: a start that waited on it now holds a lock on a
    // deleted file, which a later start (creating a new file) would not see. Only a lock
    // on the file that is still at the path counts.
    struct stat held, current;
    if (::fstat(fd, &held) == 0 && ::stat(lock.c_str(), &current) == 0 &&
        held.st_dev == current.st_dev && held.st_ino == current.st_ino)
      return fd;
    ::close(fd);
  }
}

void PidFile::unlockStart(const std::string& path, int fd) {
  if (fd < 0) return;
  ::unlink((path + ".lock").c_str());
  ::flock(fd, LOCK_UN);
  ::close(fd);
}

}  // namespace surge
