#include "process/exit_status.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstring>

namespace surge {

std::string signalName(int signo) {
  switch (signo) {
    case SIGHUP:
      return "SIGHUP";
    case SIGINT:
      return "SIGINT";
    case SIGQUIT:
      return "SIGQUIT";
    case SIGILL:
      return "SIGILL";
    case SIGTRAP:
      return "SIGTRAP";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGKILL:
      return "SIGKILL";
    case SIGUSR1:
      return "SIGUSR1";
    case SIGSEGV:
      return "SIGSEGV";
    case SIGUSR2:
      return "SIGUSR2";
    case SIGPIPE:
      return "SIGPIPE";
    case SIGALRM:
      return "SIGALRM";
    case SIGTERM:
      return "SIGTERM";
    case SIGCHLD:
      return "SIGCHLD";
    case SIGTSTP:
      return "SIGTSTP";
    case SIGXCPU:
      return "SIGXCPU";
    case SIGXFSZ:
      return "SIGXFSZ";
    case SIGSYS:
      return "SIGSYS";
    case SIGIO:
      return "SIGIO";
    default:
      return "signal " + std::to_string(signo);
  }
}

std::string describeExitStatus(int status) {
  if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    std::string text = "exit code " + std::to_string(code);
    switch (code) {
      case 0:
        return text + " (normal exit)";
      case 250:
        return text + " (stopped after an uncaught exception)";
      case 255:
        return text + " (PHP fatal error, see the log above)";
      default:
        return text + " (exit() or Worker::stopAll() with this code)";
    }
  }
  if (WIFSIGNALED(status)) {
    int signo = WTERMSIG(status);
    std::string text = "killed by " + signalName(signo);
    const char* what = strsignal(signo);
    if (what) text += std::string(" (") + what + ")";
    if (WCOREDUMP(status)) text += ", core dumped";
    return text;
  }
  if (WIFSTOPPED(status)) return "stopped by " + signalName(WSTOPSIG(status));
  return "unknown status " + std::to_string(status);
}

}  // namespace surge
