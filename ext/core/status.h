/* The status board as the binding uses it: the master keeps one slot per worker
 * process, each worker publishes its counters there twice a second, and the `status`
 * and `connections` commands read it from another process. */
#ifndef SURGE_EXT_STATUS_H
#define SURGE_EXT_STATUS_H

#include <sys/types.h>

#include <memory>
#include <string>

#include "process/status_board.h"

namespace surge::ext::status {

// Master: the board for every Worker of this script (nullptr, after a logged warning,
// if the file cannot be created: the server runs anyway, only `status` is blind).
std::unique_ptr<StatusBoard> createBoard(const std::string& path, bool daemon);
void childStarted(StatusBoard* board, int group, pid_t pid);
void childExited(StatusBoard* board, int group, pid_t pid, int status);

// Worker: finds its slot, then publishes its counters from a timer and answers SIGIO
// with a dump of its connections.
void startPublishing(StatusBoard* board, int group);
// Resident set size of a process in bytes, from /proc (0 when unknown).
int64_t residentBytes(pid_t pid);
// Counters the hot path adds to (null outside a worker with a board).
StatusBoard::Counters* counters();

// `php start.php status [-d] [--json]` and `php start.php connections`; return the exit code.
int statusCommand(const std::string& tag, const std::string& statusFile, const std::string& pidFile,
                  const std::string& versionLine, bool live, bool json);
int connectionsCommand(const std::string& tag, const std::string& statusFile,
                       const std::string& pidFile);

}  // namespace surge::ext::status

#endif
