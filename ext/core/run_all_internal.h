/* What ext/run_all.cc (the command line), ext/master_process.cc (the master) and
 * ext/worker_process.cc (each worker process) share. Internal to those three files. */
#ifndef SURGE_EXT_RUN_ALL_INTERNAL_H
#define SURGE_EXT_RUN_ALL_INTERNAL_H

#include <sys/types.h>

#include <string>

#include "process/command_line.h"
#include "process/supervisor.h"

namespace surge {
class StatusBoard;
}

namespace surge::ext::process {

struct StartInfo {
  std::string file;  // absolute path of the start script
  std::string base;  // its file name
  std::string tag;   // "Surge[start.php]"
  std::string pidFile;
};

// Worker's static properties, read when needed: a hook may have changed them.
std::string staticString(const char* name);
double stopTimeout();

void output(const std::string& text);
// Ends the script with `code` once runAll() returns (the PHP way to exit from C).
void exitWith(int code);
void setProcessTitle(const std::string& title);

// "Surge/x.y  PHP/x.y  Linux/release", the banner's and the status command's first line.
std::string versionLine();

// `start` and `restart` once the command line is handled: the master, until it stops;
// in a forked worker process this returns only when that process is done.
void runMaster(const StartInfo& info, const CommandLine& cmd, bool daemon, bool libraryMode);

// A worker process, forked by the supervisor with its `role`.
void runChild(const Supervisor::ChildRole& role, pid_t masterPid, StatusBoard* board);

}  // namespace surge::ext::process

#endif
