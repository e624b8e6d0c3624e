#pragma once

#include <sys/types.h>

#include <string>

#include "process/service_spec.h"

namespace surge {

// Starts one run of a service: fork + execve, with stdout and stderr on one pipe whose
// read end (non-blocking, close-on-exec) the caller watches. The program gets no other
// descriptor of the master (its listening sockets, the status board, pipes), the default
// disposition of every signal, an empty signal mask, /dev/null as stdin, and its own
// process group, so that a stop can signal it together with what it started.
struct ServiceLaunch {
  pid_t pid = 0;      // 0: not started, see error
  int outFd = -1;     // the output pipe's read end
  std::string error;  // why it could not start, with what to do
};

ServiceLaunch launchService(const ServiceSpec& spec);

// The program argv[0] names: itself when it has a '/', otherwise the first executable
// file of that name in `path`; an explanation in *error when there is none.
std::string resolveProgram(const std::string& program, const std::string& path, std::string* error);

}  // namespace surge
