#include "process/service_launch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

extern char** environ;

namespace surge {

namespace {

// Closes every descriptor from `from` up, except `keep`: close_range where the kernel has
// it, else one by one up to the descriptor limit.
void closeFrom(int from, int keep) {
#ifdef SYS_close_range
  if (keep >= from) {
    if (keep > from && ::syscall(SYS_close_range, from, keep - 1, 0) != 0) goto slow;
    if (::syscall(SYS_close_range, keep + 1, ~0U, 0) != 0) goto slow;
  } else if (::syscall(SYS_close_range, from, ~0U, 0) != 0) {
    goto slow;
  }
  return;
slow:
#endif
  long limit = ::sysconf(_SC_OPEN_MAX);
  if (limit < 0 || limit > 65536) limit = 65536;
  for (int fd = from; fd < limit; ++fd)
    if (fd != keep) ::close(fd);
}

// What the child reports through the close-on-exec pipe when it cannot exec.
struct ChildFailure {
  int stage;  // 1: chdir, 2: execve
  int err;
};

[[noreturn]] void runChild(const std::string& program, char** argv, char** envp,
                           const std::string& cwd, int outFd, int reportFd, pid_t parent) {
  // Keep both pipes clear of 0..2, which are about to be replaced.
  if (outFd < 3) outFd = ::fcntl(outFd, F_DUPFD_CLOEXEC, 3);
  if (reportFd < 3) reportFd = ::fcntl(reportFd, F_DUPFD_CLOEXEC, 3);
  // Back to defaults first: the master ignores SIGPIPE and handles SIGTERM through a pipe,
  // and ignored signals and the mask survive exec.
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  for (int s = 1; s < NSIG; ++s) ::sigaction(s, &sa, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::setpgid(0, 0);
#ifdef __linux__
  // Its own group keeps terminal signals for the master to pass on; a master that dies
  // without stopping it (SIGKILL) must not leave it running unsupervised.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(127);
#endif
  int devNull = ::open("/dev/null", O_RDONLY);
  if (devNull >= 0 && devNull != 0) {
    ::dup2(devNull, 0);
    ::close(devNull);
  }
  ::dup2(outFd, 1);
  ::dup2(outFd, 2);
  closeFrom(3, reportFd);
  ChildFailure failure{0, 0};
  if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
    failure = {1, errno};
  } else {
    ::execve(program.c_str(), argv, envp);
    failure = {2, errno};
  }
  ssize_t ignored = ::write(reportFd, &failure, sizeof failure);
  (void)ignored;
  ::_exit(127);
}

std::vector<std::string> mergedEnvironment(const ServiceSpec& spec) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& [k, v] : spec.env) replaced = replaced || k == name;
    if (!replaced) env.push_back(std::move(entry));
  }
  for (const auto& [k, v] : spec.env) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string resolveProgram(const std::string& program, const std::string& path,
                           std::string* error) {
  auto usable = [&](const std::string& file, bool explain) {
    struct stat st;
    if (::stat(file.c_str(), &st) != 0) {
      if (explain) *error = "\"" + file + "\" does not exist: give the program's correct path";
      return false;
    }
    if (S_ISDIR(st.st_mode) || ::access(file.c_str(), X_OK) != 0) {
      if (explain)
        *error = "\"" + file + "\" is not an executable file: check its path and mode (chmod +x)";
      return false;
    }
    return true;
  };
  if (program.find('/') != std::string::npos) return usable(program, true) ? program : "";
  size_t start = 0;
  for (;;) {
    size_t colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? colon : colon - start);
    std::string file = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (usable(file, false)) return file;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  *error = "\"" + program + "\" was not found in PATH (" + path +
           "): install it, or give its full path as command[0]";
  return "";
}

ServiceLaunch launchService(const ServiceSpec& spec) {
  ServiceLaunch out;
  std::vector<std::string> env = mergedEnvironment(spec);
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const std::string& e : env)
    if (e.rfind("PATH=", 0) == 0) path = e.substr(5);
  std::string program = resolveProgram(spec.argv.at(0), path, &out.error);
  if (program.empty()) return out;

  std::vector<std::string> args = spec.argv;
  std::vector<char*> argv = pointers(args);
  std::vector<char*> envp = pointers(env);
  int output[2], report[2];
  if (::pipe2(output, O_CLOEXEC) != 0) {
    out.error = std::string("pipe failed: ") + std::strerror(errno);
    return out;
  }
  if (::pipe2(report, O_CLOEXEC) != 0) {
    out.error = std::string("pipe failed: ") + std::strerror(errno);
    ::close(output[0]);
    ::close(output[1]);
    return out;
  }
  pid_t parent = getpid();
  pid_t pid = ::fork();
  if (pid == 0) runChild(program, argv.data(), envp.data(), spec.cwd, output[1], report[1], parent);
  int forkErrno = errno;
  ::close(output[1]);
  ::close(report[1]);
  if (pid < 0) {
    ::close(output[0]);
    ::close(report[0]);
    out.error = std::string("fork failed: ") + std::strerror(forkErrno);
    return out;
  }
  ::setpgid(pid, pid);  // also here, so that a stop right after the fork reaches the group
  // Blocks only until the child has called execve: end of file means it succeeded.
  ChildFailure failure{0, 0};
  ssize_t got;
  do {
    got = ::read(report[0], &failure, sizeof failure);
  } while (got < 0 && errno == EINTR);
  ::close(report[0]);
  if (got == static_cast<ssize_t>(sizeof failure)) {
    int status;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(output[0]);
    out.error =
        failure.stage == 1
            ? "cannot change to its cwd \"" + spec.cwd + "\": " + std::strerror(failure.err) +
                  ": create the directory or fix the cwd option"
            : "cannot execute \"" + program + "\": " + std::strerror(failure.err) +
                  ": check that it is a program for this machine (a script needs a #! line)";
    return out;
  }
  ::fcntl(output[0], F_SETFL, ::fcntl(output[0], F_GETFL) | O_NONBLOCK);
  out.pid = pid;
  out.outFd = output[0];
  return out;
}

}  // namespace surge
