#pragma once

#include <string>

namespace surge {

// Detaches from the terminal: fork, setsid, fork again. Returns in the grandchild with
// the write end of a pipe; the original process waits on it and exits 0 once
// daemonStarted() was called (the daemon wrote its pid file and listens), or 1 if the
// daemon exits first, so that `start -d && stop` in a script works.
int daemonize();
void daemonStarted(int fd);

// Points stdin at /dev/null and stdout/stderr at `file` (append), e.g. Worker::$stdoutFile.
void redirectStdio(const std::string& file);

}  // namespace surge
