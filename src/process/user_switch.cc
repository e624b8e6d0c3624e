#include "process/user_switch.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace surge {

std::string switchUser(const std::string& user, const std::string& group,
                       const std::vector<std::string>& chownPaths) {
  if (user.empty() && group.empty()) return "";
  if (geteuid() != 0) return "Warning: You must have the root privileges to change uid and gid.";
  struct passwd* pw = user.empty() ? getpwuid(geteuid()) : getpwnam(user.c_str());
  if (pw == nullptr) return "Warning: User " + user + " not exists";
  gid_t gid = pw->pw_gid;
  if (!group.empty()) {
    struct group* gr = getgrnam(group.c_str());
    if (gr == nullptr) return "Warning: Group " + group + " not exists";
    gid = gr->gr_gid;
  }
  // Best effort, as Workerman's: a file that cannot be given away shows up later as a
  // write that fails, which says more than a warning here would.
  for (const std::string& path : chownPaths) {
    int ignored = chown(path.c_str(), pw->pw_uid, gid);
    (void)ignored;
  }
  if (setgid(gid) != 0 || initgroups(pw->pw_name, gid) != 0 || setuid(pw->pw_uid) != 0)
    return "Warning: change gid or uid fail.";
  return "";
}

}  // namespace surge
