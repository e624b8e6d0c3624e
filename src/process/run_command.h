#pragma once

#include <string>
#include <vector>

namespace surge {

// Runs a short program to its end and captures what it printed (stdout and stderr
// together): the master uses it for `php -l` before a --watch reload. It blocks the caller;
// a program still running after `timeoutSeconds` is killed.
struct CommandResult {
  // Raw wait() status: exit status 127 when the program could not be started (then
  // `output` says why), -1 when there was no program.
  int status = -1;
  std::string output;
  bool timedOut = false;
};

CommandResult runCommand(const std::vector<std::string>& argv, double timeoutSeconds);

}  // namespace surge
