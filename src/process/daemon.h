#pragma once

#include <string>

namespace surge {

// Detaches from the terminal: fork, setsid, fork again; the original process exits 0.
// Returns in the grandchild.
void daemonize();

// Points stdin at /dev/null and stdout/stderr at `file` (append), e.g. Worker::$stdoutFile.
void redirectStdio(const std::string& file);

}  // namespace surge
