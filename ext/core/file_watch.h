/* `php start.php start --watch[=dir,...]`: the master watches .php files (inotify) and,
 * once the changes have settled, checks the changed files with `php -l` and reloads the
 * workers, or logs the syntax error and leaves the old workers serving. */
#ifndef SURGE_EXT_FILE_WATCH_H
#define SURGE_EXT_FILE_WATCH_H

#include "core/run_all_internal.h"

namespace surge::ext::watch {

using process::StartInfo;

// Master, before the pid file and the banner: starts watching if the command line asks
// for it. False (an exception thrown) when a folder cannot be watched.
bool prepare(const CommandLine& cmd, const StartInfo& info);
// Master: hands the watcher's descriptor to the supervisor's poll loop.
void attach(Supervisor& supervisor);
// Master: the longest the supervisor may sleep before onIdle() is due (-1: no limit).
int idleLimitMs();
// Master, after every wake-up: reloads (or reports) once the changes have settled.
void onIdle(Supervisor& supervisor, const StartInfo& info);
// Master, at stop and in every child: releases the watcher.
void release();

}  // namespace surge::ext::watch

#endif
