#include "process/user_switch.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::TempDir;
using surge::testing::waitChild;

// Runs `body` in a forked child and returns the text it produced: a switch that works
// must never change this test process's own uid.
std::string inChild(const std::function<std::string()>& body) {
  int out[2];
  if (::pipe(out) != 0) return "pipe failed";
  pid_t pid = fork();
  if (pid == 0) {
    ::close(out[0]);
    std::string text = body();
    bool ok = ::write(out[1], text.data(), text.size()) == static_cast<ssize_t>(text.size());
    _exit(ok ? 0 : 1);
  }
  ::close(out[1]);
  std::string text;
  char chunk[256];
  for (;;) {
    ssize_t n = ::read(out[0], chunk, sizeof chunk);
    if (n > 0)
      text.append(chunk, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  ::close(out[0]);
  int status = waitChild(pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return text;
}

struct passwd* nobody() {
  return getpwnam("nobody");
}

// What a process reports about itself after a switch.
std::string identity(const std::string& warning) {
  std::vector<gid_t> groups(static_cast<size_t>(std::max(getgroups(0, nullptr), 0)));
  int n = getgroups(static_cast<int>(groups.size()), groups.data());
  bool rootGroup = std::find(groups.begin(), groups.begin() + std::max(n, 0), 0) !=
                   groups.begin() + std::max(n, 0);
  return "warning=" + warning + " uid=" + std::to_string(getuid()) +
         " euid=" + std::to_string(geteuid()) + " gid=" + std::to_string(getgid()) +
         " egid=" + std::to_string(getegid()) + " rootgroup=" + (rootGroup ? "yes" : "no");
}

TEST(UserSwitchTest, NothingAskedChangesNothing) {
  uid_t before = getuid();
  EXPECT_EQ(switchUser("", "", {"/nonexistent"}), "");
  EXPECT_EQ(getuid(), before);
}

TEST(UserSwitchTest, WithoutRootItWarns) {
  if (geteuid() == 0 && nobody() == nullptr) GTEST_SKIP() << "no user nobody to drop root to";
  uid_t nobodyUid = nobody() ? nobody()->pw_uid : 0;
  std::string text = inChild([&] {
    if (geteuid() == 0 && setuid(nobodyUid) != 0) return std::string("cannot drop root");
    return switchUser("nobody", "", {});
  });
  EXPECT_EQ(text, "Warning: You must have the root privileges to change uid and gid.");
}

TEST(UserSwitchTest, AnUnknownUserIsAWarning) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (without, the root warning comes first)";
  std::string text = inChild([] { return identity(switchUser("surge-no-such-user", "", {})); });
  EXPECT_TRUE(surge::testing::Contains(
      text, "warning=Warning: User surge-no-such-user not exists uid=0 euid=0 gid=0 egid=0"));
}

TEST(UserSwitchTest, AnUnknownGroupIsAWarning) {
  if (geteuid() != 0 || nobody() == nullptr) GTEST_SKIP() << "needs root and user nobody";
  std::string text =
      inChild([] { return identity(switchUser("nobody", "surge-no-such-group", {})); });
  EXPECT_TRUE(surge::testing::Contains(
      text, "warning=Warning: Group surge-no-such-group not exists uid=0 euid=0 gid=0 egid=0"));
}

TEST(UserSwitchTest, RootSwitchesToTheUserAndItsGroupsAndGivesItTheFiles) {
  if (geteuid() != 0 || nobody() == nullptr) GTEST_SKIP() << "needs root and user nobody";
  TempDir dir;
  std::string log = dir.file("surge.log");
  std::string other = dir.file("other");
  for (const std::string& path : {log, other}) {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  uid_t uid = nobody()->pw_uid;
  gid_t gid = nobody()->pw_gid;
  std::string text = inChild([&] {
    return identity(switchUser("nobody", "", {log, dir.file("missing")}));
  });
  std::string id = std::to_string(uid);
  std::string g = std::to_string(gid);
  EXPECT_EQ(text, "warning= uid=" + id + " euid=" + id + " gid=" + g + " egid=" + g +
                      " rootgroup=" + (gid == 0 ? "yes" : "no"));
  struct stat st;
  ASSERT_EQ(::stat(log.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, uid);
  EXPECT_EQ(st.st_gid, gid);
  ASSERT_EQ(::stat(other.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 0u) << "only the listed paths change owner";
}

TEST(UserSwitchTest, AGroupOverridesTheUsersOwn) {
  if (geteuid() != 0 || nobody() == nullptr) GTEST_SKIP() << "needs root and user nobody";
  struct group* root = getgrgid(0);
  ASSERT_NE(root, nullptr);
  std::string rootGroup = root->gr_name;
  uid_t uid = nobody()->pw_uid;
  std::string text = inChild([&] { return identity(switchUser("nobody", rootGroup, {})); });
  std::string id = std::to_string(uid);
  EXPECT_TRUE(surge::testing::Contains(
      text, "warning= uid=" + id + " euid=" + id + " gid=0 egid=0 rootgroup=yes"));
}

TEST(UserSwitchTest, AGroupAloneKeepsTheUser) {
  if (geteuid() != 0 || nobody() == nullptr) GTEST_SKIP() << "needs root and user nobody";
  gid_t gid = nobody()->pw_gid;
  struct group* gr = getgrgid(gid);
  if (gr == nullptr) GTEST_SKIP() << "nobody's group has no name";
  std::string name = gr->gr_name;
  std::string text = inChild([&] { return identity(switchUser("", name, {})); });
  std::string g = std::to_string(gid);
  // Root's own entry gives the uid (0) and the supplementary groups (root's).
  EXPECT_TRUE(surge::testing::Contains(text, "warning= uid=0 euid=0 gid=" + g + " egid=" + g));
}

}  // namespace
}  // namespace surge
