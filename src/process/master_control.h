#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

namespace surge {

// What stopRunningMaster() found and did; the caller reports it in its own words.
enum class StopOutcome {
  kNotRunning,  // the pid file names no live master: nothing was signalled
  kStopped,     // the master was signalled and is gone
  kTimedOut,    // a forced stop was signalled, but the master still runs after the timeout
};

// `php start.php stop [-g]`: signals the master named in `pidFile` (SIGQUIT when graceful,
// else SIGINT) and waits for it to be gone. A forced stop gives up after `timeoutSeconds`;
// a graceful one waits as long as the master takes to finish its connections, as
// Workerman's does. `beforeSignal` runs once the master was found, just before it is
// signalled, so that a line logged there comes before whatever the master logs.
StopOutcome stopRunningMaster(const std::string& pidFile, bool graceful, double timeoutSeconds,
                              const std::function<void(pid_t)>& beforeSignal = {});

// Whether `pid` still runs. A zombie (exited, not yet reaped by its parent) counts as
// gone: the stopping command is not the master's parent and could otherwise wait forever.
bool processAlive(pid_t pid);

}  // namespace surge
