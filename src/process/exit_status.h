// src/process owns everything about processes: the command line, the pid file, the
// daemon fork, and the master that forks and supervises the worker processes.
#pragma once

#include <string>

namespace surge {

// Describes a wait() status in words: "exit code 255 (PHP fatal error)", "killed by
// SIGSEGV (segmentation fault)".
std::string describeExitStatus(int status);

// "SIGTERM", "SIGSEGV", ... or "signal N".
std::string signalName(int signo);

}  // namespace surge
