#include "process/file_watcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>

namespace surge {

namespace {

constexpr uint32_t kFileEvents =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF;

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

FileWatcher::FileWatcher(const std::vector<std::string>& roots, std::vector<std::string> extensions)
    : extensions_(std::move(extensions)) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0)
    throw std::runtime_error(std::string("cannot watch files: inotify_init1: ") +
                             std::strerror(errno));
  try {
    for (const std::string& root : roots) addTree(root, true);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileWatcher::wanted(const std::string& name) const {
  for (const std::string& ext : extensions_)
    if (endsWith(name, ext)) return true;
  return extensions_.empty();
}

void FileWatcher::addTree(const std::string& folder, bool root, std::set<std::string>* found) {
  char resolved[PATH_MAX];
  if (::realpath(folder.c_str(), resolved) == nullptr) {
    if (root) throw std::runtime_error("cannot watch " + folder + ": " + std::strerror(errno));
    return;  // gone again already
  }
  std::string path = resolved;
  int wd = inotify_add_watch(fd_, path.c_str(), kFileEvents | IN_ONLYDIR);
  if (wd < 0) {
    std::string why = std::strerror(errno);
    if (errno == ENOSPC)
      why +=
          " (the inotify watch limit: raise fs.inotify.max_user_watches, or name fewer "
          "folders with --watch=dir,...)";
    if (root) throw std::runtime_error("cannot watch " + path + ": " + why);
    warnings_.push_back("cannot watch " + path + ": " + why);
    return;
  }
  if (folders_.count(wd)) return;  // the same folder through another path (a symlink)
  folders_[wd] = path;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;  // ".", "..", and hidden folders such as .git
    std::string child = path + "/" + entry->d_name;
    struct stat st;
    bool isDir =
        entry->d_type == DT_DIR ||
        (entry->d_type == DT_UNKNOWN && ::stat(child.c_str(), &st) == 0 && S_ISDIR(st.st_mode));
    if (isDir)
      addTree(child, false, found);
    else if (found && wanted(entry->d_name))
      found->insert(child);
  }
  ::closedir(dir);
}

std::vector<std::string> FileWatcher::drain() {
  std::set<std::string> changed;
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;  // EAGAIN: nothing more for now
    for (ssize_t off = 0; off < n;) {
      auto* ev = reinterpret_cast<inotify_event*>(buf + off);
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      if (ev->mask & IN_Q_OVERFLOW) {
        warnings_.push_back("too many file changes at once: some were not seen");
        continue;
      }
      auto it = folders_.find(ev->wd);
      if (it == folders_.end()) continue;
      if (ev->mask & (IN_IGNORED | IN_DELETE_SELF)) {
        if (ev->mask & IN_IGNORED) folders_.erase(it);
        continue;
      }
      if (ev->len == 0) continue;
      std::string name = ev->name;
      std::string path = it->second + "/" + name;
      if (ev->mask & IN_ISDIR) {
        // A new folder (created or moved in) is watched too, and the files already in it
        // (written before its watch existed) count as changed.
        if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && name[0] != '.')
          addTree(path, false, &changed);
        continue;
      }
      if (wanted(name)) changed.insert(path);
    }
  }
  return {changed.begin(), changed.end()};
}

std::vector<std::string> FileWatcher::takeWarnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

}  // namespace surge
