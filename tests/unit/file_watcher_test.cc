#include "process/file_watcher.h"

#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "process/run_command.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::TempDir;

void writeFile(const std::string& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr) << path;
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

// Waits (bounded) until the watcher has something and returns it.
std::vector<std::string> waitForChanges(FileWatcher& w) {
  for (int i = 0; i < 50; ++i) {
    pollfd p{w.fd(), POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      auto changed = w.drain();
      if (!changed.empty()) return changed;
    }
  }
  return {};
}

std::string real(const std::string& path) {
  char buf[4096];
  return ::realpath(path.c_str(), buf) ? buf : path;
}

TEST(FileWatcherTest, ReportsChangedFilesWithTheExtensionInNestedAndNewFolders) {
  TempDir dir;
  std::string root = real(dir.file(""));
  ::mkdir((root + "/app").c_str(), 0755);
  ::mkdir((root + "/.git").c_str(), 0755);
  FileWatcher w({root}, {".php"});
  EXPECT_EQ(w.watchedFolders(), 2u);  // the root and app/, not .git/

  writeFile(root + "/app/a.php", "<?php");
  writeFile(root + "/notes.txt", "x");
  writeFile(root + "/.git/b.php", "<?php");
  EXPECT_EQ(waitForChanges(w), std::vector<std::string>{root + "/app/a.php"});

  // A folder made after the start is watched too.
  ::mkdir((root + "/app/new").c_str(), 0755);
  writeFile(root + "/app/new/c.php", "<?php");
  EXPECT_EQ(waitForChanges(w), std::vector<std::string>{root + "/app/new/c.php"});

  // Renamed into place (how editors and deploy tools save) and deleted files count.
  writeFile(root + "/tmp.swp", "<?php");
  ASSERT_EQ(::rename((root + "/tmp.swp").c_str(), (root + "/app/d.php").c_str()), 0);
  EXPECT_EQ(waitForChanges(w), std::vector<std::string>{root + "/app/d.php"});
  ASSERT_EQ(::unlink((root + "/app/a.php").c_str()), 0);
  EXPECT_EQ(waitForChanges(w), std::vector<std::string>{root + "/app/a.php"});
  EXPECT_TRUE(w.takeWarnings().empty());
}

TEST(FileWatcherTest, AMissingRootThrowsWithItsName) {
  try {
    FileWatcher w({"/nonexistent/surge-watch"}, {".php"});
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot watch /nonexistent/surge-watch"),
              std::string::npos)
        << e.what();
  }
}

TEST(RunCommandTest, CapturesOutputAndStatus) {
  CommandResult r = runCommand({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, 10);
  EXPECT_TRUE(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3);
  EXPECT_EQ(r.output, "out\nerr\n");
  EXPECT_FALSE(r.timedOut);
}

TEST(RunCommandTest, AMissingProgramSaysSo) {
  CommandResult r = runCommand({"/nonexistent/program"}, 10);
  EXPECT_TRUE(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127);
  EXPECT_NE(r.output.find("cannot run /nonexistent/program"), std::string::npos) << r.output;
}

TEST(RunCommandTest, AProgramPastItsTimeIsKilled) {
  CommandResult r = runCommand({"/bin/sleep", "30"}, 0.2);
  EXPECT_TRUE(r.timedOut);
  EXPECT_TRUE(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGKILL);
}

}  // namespace
}  // namespace surge
