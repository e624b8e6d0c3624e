#pragma once

#include <string>
#include <vector>

namespace surge {

// Workerman's user/group switch for a worker process: with `user` and/or `group` set,
// takes that user's uid and the group's gid (the user's own group when `group` is empty,
// root's entry when only `group` is set) with the user's supplementary groups, after
// giving them the files the process must keep using (`chownPaths`: its log file, its
// Unix socket file). Needs root; the master never calls it, so it keeps root to bind
// privileged ports and to signal its children.
//
// Returns the warning to log, in Workerman's words, or "" when the switch was done or
// nothing was asked for. A warning means the process still runs as before.
std::string switchUser(const std::string& user, const std::string& group,
                       const std::vector<std::string>& chownPaths);

}  // namespace surge
