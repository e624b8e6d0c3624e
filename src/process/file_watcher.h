#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace surge {

// Watches folders, recursively, for changed files with given extensions (`start --watch`):
// inotify on every folder below the roots (hidden ones such as .git skipped), with folders
// created later added as they appear. The master polls fd() and calls drain() when it is
// readable; drain() returns the paths that were written, created, moved or deleted since.
class FileWatcher {
 public:
  // Throws std::runtime_error when inotify is unavailable or a root cannot be watched (the
  // message says which folder and why). Folders below a root that cannot be watched (the
  // inotify watch limit) are reported by warnings(), not thrown.
  FileWatcher(const std::vector<std::string>& roots, std::vector<std::string> extensions);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  int fd() const { return fd_; }
  // Reads every pending event without blocking. Paths are absolute, each once, sorted.
  std::vector<std::string> drain();
  // What could not be watched, one line each (taken: the next call returns only new ones).
  std::vector<std::string> takeWarnings();
  // In a forked child whose copy of the descriptor was closed by someone else: the
  // destructor must not close that number again.
  void forgetDescriptor() { fd_ = -1; }
  size_t watchedFolders() const { return folders_.size(); }

 private:
  // `found`: for a folder that appeared while watching, the wanted files already in it.
  void addTree(const std::string& folder, bool root, std::set<std::string>* found = nullptr);
  bool wanted(const std::string& name) const;

  int fd_ = -1;
  std::vector<std::string> extensions_;
  std::map<int, std::string> folders_;  // watch descriptor -> folder
  std::vector<std::string> warnings_;
};

}  // namespace surge
