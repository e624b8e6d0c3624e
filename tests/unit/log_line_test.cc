#include "base/log_line.h"

#include <stdlib.h>
#include <time.h>

#include <gtest/gtest.h>

#include <string>

#include "base/json_string.h"
#include "base/log.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::readFile;
using surge::testing::TempDir;

// Lines are formatted in local time: each test picks a zone and restores the old one.
class LogLineTest : public ::testing::Test {
 protected:
  void SetUp() override { zone("UTC"); }
  void TearDown() override {
    Log::configure("", true);
    Log::setFormat(LogFormat::kText);
    Log::setThreshold(LogLevel::kInfo);
    Log::setWorkerName("");
  }
  void zone(const char* tz) { tz_.set(tz); }
  static LogRecord record(LogLevel level, std::string_view message, std::string_view context = {},
                          std::string_view worker = {}) {
    LogRecord r;
    r.level = level;
    r.message = message;
    r.contextJson = context;
    r.worker = worker;
    r.pid = 42;
    r.epochMillis = 1700000000123;  // 2023-11-14 22:13:20.123 UTC
    return r;
  }

  surge::testing::ScopedTimeZone tz_;
};

TEST_F(LogLineTest, InfoTextLineIsWorkermansLayoutByteForByte) {
  EXPECT_EQ(LogLine::text(record(LogLevel::kInfo, "  hello\n")),
            "2023-11-14 22:13:20 pid:42 hello\n");
}

TEST_F(LogLineTest, OtherLevelsAndContextAreTaggedInText) {
  EXPECT_EQ(LogLine::text(record(LogLevel::kWarning, "careful", "{\"k\":\"v\"}")),
            "2023-11-14 22:13:20 pid:42 [warning] careful {\"k\":\"v\"}\n");
  EXPECT_EQ(LogLine::textBody(record(LogLevel::kError, "boom")), "[error] boom");
  EXPECT_EQ(LogLine::textBody(record(LogLevel::kInfo, "plain", "{\"a\":1}")), "plain {\"a\":1}");
}

TEST_F(LogLineTest, JsonLineHasEveryFieldAndNullWorkerInTheMaster) {
  EXPECT_EQ(LogLine::json(record(LogLevel::kInfo, "started")),
            "{\"time\":\"2023-11-14T22:13:20.123+00:00\",\"level\":\"info\",\"pid\":42,"
            "\"worker\":null,\"message\":\"started\"}\n");
  EXPECT_EQ(LogLine::json(record(LogLevel::kNotice, "m", "{\"n\":1}", "web")),
            "{\"time\":\"2023-11-14T22:13:20.123+00:00\",\"level\":\"notice\",\"pid\":42,"
            "\"worker\":\"web\",\"message\":\"m\",\"context\":{\"n\":1}}\n");
}

TEST_F(LogLineTest, JsonEscapesQuotesControlBytesAndInvalidUtf8) {
  std::string message = "a\"b\\c\nd\te\x01 f\x7f \xff \xc3\xa9";
  std::string line = LogLine::json(record(LogLevel::kError, message, {}, "w\"1"));
  EXPECT_NE(line.find("\"message\":\"a\\\"b\\\\c\\nd\\te\\u0001 f\\u007f \\ufffd \xc3\xa9\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("\"worker\":\"w\\\"1\""), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line whatever the message holds
}

TEST_F(LogLineTest, Rfc3339TimeCarriesTheLocalOffset) {
  zone("UTC-2");  // POSIX sign convention: two hours east
  EXPECT_EQ(LogLine::rfc3339Millis(1700000000123), "2023-11-15T00:13:20.123+02:00");
  zone("<-0530>5:30");
  EXPECT_EQ(LogLine::rfc3339Millis(5), "1969-12-31T18:30:00.005-05:30");
}

TEST_F(LogLineTest, LevelAndFormatNames) {
  EXPECT_EQ(parseLogLevel("warning"), LogLevel::kWarning);
  EXPECT_EQ(parseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_FALSE(parseLogLevel("WARN").has_value());
  EXPECT_FALSE(parseLogLevel("").has_value());
  EXPECT_STREQ(logLevelName(LogLevel::kNotice), "notice");
  EXPECT_EQ(parseLogFormat("json"), LogFormat::kJson);
  EXPECT_FALSE(parseLogFormat("xml").has_value());
}

TEST_F(LogLineTest, SinkDropsLinesBelowTheThresholdAndWritesJson) {
  TempDir dir;
  std::string file = dir.path() + "/app.log";
  Log::configure(file, false);
  Log::setFormat(LogFormat::kJson);
  Log::setThreshold(LogLevel::kWarning);
  Log::setWorkerName("web");
  Log::write("info is dropped");
  Log::writef(LogLevel::kNotice, "notice %d is dropped", 1);
  Log::write(LogLevel::kError, "kept", "{\"id\":7}");
  std::string content = readFile(file);
  EXPECT_EQ(content.find("dropped"), std::string::npos) << content;
  EXPECT_NE(content.find("\"level\":\"error\""), std::string::npos) << content;
  EXPECT_NE(content.find("\"worker\":\"web\",\"message\":\"kept\",\"context\":{\"id\":7}}\n"),
            std::string::npos)
      << content;
  EXPECT_TRUE(Log::enabled(LogLevel::kError));
  EXPECT_FALSE(Log::enabled(LogLevel::kInfo));
}

TEST_F(LogLineTest, AppendJsonStringMatchesJsonString) {
  std::string out = "x=";
  appendJsonString(out, "q\"");
  EXPECT_EQ(out, "x=" + jsonString("q\""));
}

}  // namespace
}  // namespace surge
