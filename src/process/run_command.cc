#include "process/run_command.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "base/monotonic_clock.h"
#include "process/service_launch.h"

namespace surge {

CommandResult runCommand(const std::vector<std::string>& argv, double timeoutSeconds) {
  CommandResult result;
  if (argv.empty()) {
    result.output = "no program given";
    return result;
  }
  // Started as a service's run is (no inherited descriptors or signal state, output on one
  // pipe); a program that cannot start reads as `sh` would report it: exit status 127.
  ServiceSpec spec;
  spec.argv = argv;
  ServiceLaunch launch = launchService(spec);
  if (launch.pid == 0) {
    result.status = W_EXITCODE(127, 0);
    result.output = "cannot run " + argv[0] + ": " + launch.error + "\n";
    return result;
  }
  int64_t deadlineNs = monotonicNs() + static_cast<int64_t>(timeoutSeconds * 1e9);
  char buf[4096];
  for (;;) {
    int64_t leftNs = deadlineNs - monotonicNs();
    if (leftNs <= 0) {
      result.timedOut = true;
      ::kill(launch.pid, SIGKILL);
      break;
    }
    pollfd p{launch.outFd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(leftNs / 1000000) + 1) <= 0) continue;
    ssize_t got = ::read(launch.outFd, buf, sizeof buf);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) break;  // EOF: the program (and whatever inherited the pipe) is done
    if (result.output.size() < (1u << 20)) result.output.append(buf, static_cast<size_t>(got));
  }
  ::close(launch.outFd);
  int status = 0;
  while (::waitpid(launch.pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = status;
  return result;
}

}  // namespace surge
