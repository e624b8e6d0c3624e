#include "process/master_control.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "process/pid_file.h"

namespace surge {

bool processAlive(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (stat && std::getline(stat, text)) {
    // The state follows the command name in parentheses, which may itself hold ')'.
    size_t close = text.rfind(')');
    if (close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z')
      return false;
  }
  return true;
}

StopOutcome stopRunningMaster(const std::string& pidFile, bool graceful, double timeoutSeconds,
                              const std::function<void(pid_t)>& beforeSignal) {
  pid_t pid = PidFile::readLive(pidFile);
  if (pid == 0) return StopOutcome::kNotRunning;
  if (beforeSignal) beforeSignal(pid);
  ::kill(pid, graceful ? SIGQUIT : SIGINT);
  for (double waited = 0; processAlive(pid); waited += 0.01) {
    if (!graceful && waited >= timeoutSeconds) return StopOutcome::kTimedOut;
    usleep(10000);
  }
  return StopOutcome::kStopped;
}

}  // namespace surge
