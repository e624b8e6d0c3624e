#include "base/log.h"

#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::readFile;
using surge::testing::TempDir;

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Runs `fn` with standard output redirected into a pipe and returns what it wrote.
template <typename Fn>
std::string captureStdout(Fn fn) {
  std::fflush(stdout);
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  int saved = ::dup(STDOUT_FILENO);
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[1]);
  fn();
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  return out;
}

// Log settings are process-wide: every test starts from "no file, no echo" and leaves
// the defaults behind.
class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { Log::configure("", false); }
  void TearDown() override {
    Log::setMaxFileSize(10 * 1024 * 1024);
    Log::configure("", true);
  }
  void useUtc() { tz_.set("UTC"); }

  surge::testing::ScopedTimeZone tz_;
};

TEST_F(LogTest, FormatLineLayout) {
  useUtc();
  EXPECT_EQ(Log::formatLine("hello", 42, 0), "1970-01-01 00:00:00 pid:42 hello\n");
  EXPECT_EQ(Log::formatLine("Workerman[start.php] start in DEBUG mode", 12345, 1700000000),
            "2023-11-14 22:13:20 pid:12345 Workerman[start.php] start in DEBUG mode\n");
  EXPECT_EQ(Log::formatLine("x", 1, 951782400), "2000-02-29 00:00:00 pid:1 x\n");
}

TEST_F(LogTest, FormatLineUsesLocalTime) {
  setenv("TZ", "UTC-2", 1);  // POSIX sign convention: two hours east of UTC
  tzset();
  EXPECT_EQ(Log::formatLine("m", 7, 0), "1970-01-01 02:00:00 pid:7 m\n");
}

TEST_F(LogTest, FormatLineTrimsWhitespaceAroundTheMessage) {
  useUtc();
  EXPECT_EQ(Log::formatLine("  \t\r\nmessage body\r\n\n \t", 9, 0),
            "1970-01-01 00:00:00 pid:9 message body\n");
  // Inner whitespace and newlines stay.
  EXPECT_EQ(Log::formatLine("a  b\nc", 9, 0), "1970-01-01 00:00:00 pid:9 a  b\nc\n");
  EXPECT_EQ(Log::formatLine(" \n ", 9, 0), "1970-01-01 00:00:00 pid:9 \n");
  EXPECT_EQ(Log::formatLine("", 9, 0), "1970-01-01 00:00:00 pid:9 \n");
}

TEST_F(LogTest, WriteAppendsFormattedLinesToTheFile) {
  TempDir dir;
  std::string path = dir.file("surge.log");
  Log::configure(path, false);
  EXPECT_EQ(Log::file(), path);
  Log::write("first line");
  Log::write("  second line \n");
  Log::writef("third %d %s", 3, "done");

  std::vector<std::string> lines = splitLines(readFile(path));
  ASSERT_EQ(lines.size(), 3u);
  std::regex layout("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} pid:" + std::to_string(getpid()) +
                    " (.*)$");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(lines[0], m, layout)) << lines[0];
  EXPECT_EQ(m[1], "first line");
  ASSERT_TRUE(std::regex_match(lines[1], m, layout)) << lines[1];
  EXPECT_EQ(m[1], "second line");
  ASSERT_TRUE(std::regex_match(lines[2], m, layout)) << lines[2];
  EXPECT_EQ(m[1], "third 3 done");
  EXPECT_EQ(readFile(path).back(), '\n');
}

TEST_F(LogTest, WriteAppendsToAnExistingFile) {
  TempDir dir;
  std::string path = dir.file("existing.log");
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("old content\n", f);
    std::fclose(f);
  }
  Log::configure(path, false);
  Log::write("new");
  std::vector<std::string> lines = splitLines(readFile(path));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "old content");
  EXPECT_TRUE(Contains(lines[1], " pid:" + std::to_string(getpid()) + " new"));
}

TEST_F(LogTest, WritefHandlesMessagesLongerThanItsStackBuffer) {
  TempDir dir;
  std::string path = dir.file("long.log");
  Log::configure(path, false);
  std::string big(5000, 'z');
  Log::writef("<%s>", big.c_str());
  std::string content = readFile(path);
  EXPECT_TRUE(Contains(content, "<" + big + ">\n"));
}

TEST_F(LogTest, EchoOffWritesNothingToStdout) {
  TempDir dir;
  std::string path = dir.file("quiet.log");
  Log::configure(path, false);
  std::string out = captureStdout([] { Log::write("not echoed"); });
  EXPECT_EQ(out, "");
  EXPECT_TRUE(Contains(readFile(path), "not echoed"));
}

TEST_F(LogTest, EchoOnWritesTheTrimmedMessageToStdout) {
  TempDir dir;
  std::string path = dir.file("echo.log");
  Log::configure(path, true);
  std::string out = captureStdout([] { Log::write("  echoed message\n"); });
  EXPECT_EQ(out, "echoed message\n");
  EXPECT_TRUE(Contains(readFile(path), "echoed message\n"));

  Log::setEcho(false);
  out = captureStdout([] { Log::write("silent"); });
  EXPECT_EQ(out, "");
}

TEST_F(LogTest, NoFileAndDevNullWriteNothing) {
  std::string out = captureStdout([] {
    Log::configure("", false);
    Log::write("nowhere");
    Log::configure("/dev/null", false);
    Log::write("nowhere either");
  });
  EXPECT_EQ(out, "");
}

TEST_F(LogTest, UnwritableFileIsIgnored) {
  Log::configure("/nonexistent-dir-surge/x.log", false);
  Log::write("dropped");  // must not throw or crash
  SUCCEED();
}

TEST_F(LogTest, FileIsCutToItsNewerHalfWhenOverTheCap) {
  TempDir dir;
  std::string path = dir.file("capped.log");
  Log::configure(path, false);
  Log::setMaxFileSize(1000);
  for (int i = 0; i < 200; ++i) Log::writef("line number %03d with some padding", i);
  std::string content = readFile(path);
  EXPECT_LE(content.size(), 1000u + 100u);
  std::vector<std::string> lines = splitLines(content);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(Contains(lines.back(), "line number 199 with some padding"));
  // Cut at a line boundary: every remaining line is whole.
  std::regex layout(
      "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} pid:\\d+ line number \\d{3} with some padding$");
  for (const std::string& line : lines) EXPECT_TRUE(std::regex_match(line, layout)) << line;
  EXPECT_EQ(content.back(), '\n');
}

}  // namespace
}  // namespace surge
