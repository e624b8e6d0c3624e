#include "core/file_watch.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/monotonic_clock.h"
#include "core/common.h"
#include "core/runtime.h"
#include "php_surge.h"
#include "process/file_watcher.h"
#include "process/run_command.h"

namespace surge::ext::watch {

namespace {

// Changes are collected until none came for this long: an editor's save, a `git checkout`
// or a deploy writes many files in a burst, and one reload should follow, not one per file.
constexpr double kSettleSeconds = 0.3;
constexpr double kLintTimeoutSeconds = 10;

std::unique_ptr<FileWatcher> g_watcher;
pid_t g_owner = 0;                // the master: a forked child must not touch the watcher
std::set<std::string> g_pending;  // changed since the last reload
double g_dueAt = 0;               // when the pending changes have settled (0: none)

double now() {
  return static_cast<double>(monotonicNs()) / 1e9;
}

std::string folderOf(const std::string& file) {
  size_t slash = file.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : file.substr(0, slash);
}

void logWarnings(const StartInfo& info) {
  for (const std::string& w : g_watcher->takeWarnings()) runtime::log(info.tag + " --watch: " + w);
}

// `php -l` on a file: "" when it parses, else PHP's message (e.g. "PHP Parse error: ...").
std::string syntaxError(const std::string& file) {
  const char* php = PG(php_binary) ? PG(php_binary) : "php";
  CommandResult r = runCommand({php, "-n", "-l", file}, kLintTimeoutSeconds);
  if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0) return "";
  std::string message;
  for (size_t start = 0; start < r.output.size();) {
    size_t end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    std::string line = r.output.substr(start, end - start);
    if (!line.empty() && line.rfind("Errors parsing", 0) != 0)
      message += (message.empty() ? "" : " ") + line;
    start = end + 1;
  }
  if (r.timedOut) return "php -l did not finish within 10 s";
  return message.empty() ? "php -l failed" : message;
}

bool loadedByMaster(const std::string& file) {
  return zend_hash_str_exists(&EG(included_files), file.data(), file.size());
}

}  // namespace

bool prepare(const CommandLine& cmd, const StartInfo& info) {
  if (!cmd.watch) return true;
  std::vector<std::string> folders = cmd.watchFolders;
  if (folders.empty()) folders.push_back(folderOf(info.file));
  try {
    g_watcher = std::make_unique<FileWatcher>(folders, std::vector<std::string>{".php"});
  } catch (const std::exception& e) {
    throwRuntime("%s --watch: %s; pass existing folders with --watch=dir,...", info.tag.c_str(),
                 e.what());
    return false;
  }
  g_owner = getpid();
  return true;
}

void attach(Supervisor& supervisor) {
  if (!g_watcher) return;
  // The supervisor closes the descriptor in each child it forks; the master owns it.
  supervisor.watchFd(g_watcher->fd(), POLLIN, [](short) {
    for (std::string& file : g_watcher->drain()) g_pending.insert(std::move(file));
    if (!g_pending.empty()) g_dueAt = now() + kSettleSeconds;
  });
}

int idleLimitMs() {
  if (!g_watcher || g_dueAt == 0 || getpid() != g_owner) return -1;
  double left = g_dueAt - now();
  return left <= 0 ? 0 : static_cast<int>(left * 1000) + 1;
}

void onIdle(Supervisor& supervisor, const StartInfo& info) {
  if (!g_watcher || g_dueAt == 0 || getpid() != g_owner || now() < g_dueAt) return;
  logWarnings(info);
  std::vector<std::string> files(g_pending.begin(), g_pending.end());
  g_pending.clear();
  g_dueAt = 0;
  // A checkout can change hundreds of files: the log line names the first few.
  constexpr size_t kNamed = 5;
  std::string names;
  for (size_t i = 0; i < files.size() && i < kNamed; ++i) names += (i == 0 ? "" : ", ") + files[i];
  if (files.size() > kNamed) names += " and " + std::to_string(files.size() - kNamed) + " more";
  bool broken = false;
  for (const std::string& file : files) {
    if (access(file.c_str(), F_OK) != 0) continue;  // deleted: nothing to check
    std::string error = syntaxError(file);
    if (error.empty()) continue;
    broken = true;
    runtime::log(info.tag + " --watch: " + file + " has an error, the workers keep running the " +
                 "code they have; fix it and save again: " + error);
  }
  if (broken) return;
  for (const std::string& file : files)
    if (loadedByMaster(file))
      runtime::log(info.tag + " --watch: " + file + " was loaded before Worker::runAll(), " +
                   "which a reload does not repeat: restart the server to apply it");
  runtime::log(info.tag + " --watch: " + names + " changed, reloading");
  supervisor.reload(false);
}

void release() {
  // In a child the descriptor is already closed by the supervisor: forget it without
  // closing a number that may be reused by now.
  if (g_watcher && getpid() != g_owner) g_watcher->forgetDescriptor();
  g_watcher.reset();
  g_pending.clear();
  g_dueAt = 0;
}

}  // namespace surge::ext::watch
