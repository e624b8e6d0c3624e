#include "protocol/http/access_log_line.h"

#include <stdlib.h>
#include <time.h>

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "test_support.h"

namespace surge::protocol {
namespace {

class AccessLogLineTest : public ::testing::Test {
 protected:
  void SetUp() override { tz_.set("UTC"); }
  static AccessLogEntry entry(std::string_view raw) {
    AccessLogEntry e;
    scanRequestHead(raw, &e);
    e.remoteAddr = "10.0.0.1";
    e.status = 200;
    e.bodyBytes = 1234;
    e.epochMillis = 971185536000;  // 2000-10-10 13:45:36 UTC
    return e;
  }
  static std::string line(AccessLogFormat format, const AccessLogEntry& e) {
    std::string out;
    appendAccessLogLine(out, format, e);
    return out;
  }

  surge::testing::ScopedTimeZone tz_;
};

TEST_F(AccessLogLineTest, CombinedAndCommonAsApacheWritesThem) {
  AccessLogEntry e = entry(
      "GET /apache_pb.gif?a=1 HTTP/1.1\r\nHost: x\r\nReferer: http://example.com/start\r\n"
      "User-Agent: Mozilla/4.08 [en] (Win98; I ;Nav)\r\n\r\nbody");
  EXPECT_EQ(line(AccessLogFormat::kCombined, e),
            "10.0.0.1 - - [10/Oct/2000:13:45:36 +0000] \"GET /apache_pb.gif?a=1 HTTP/1.1\" 200 "
            "1234 \"http://example.com/start\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"\n");
  EXPECT_EQ(line(AccessLogFormat::kCommon, e),
            "10.0.0.1 - - [10/Oct/2000:13:45:36 +0000] \"GET /apache_pb.gif?a=1 HTTP/1.1\" 200 "
            "1234\n");
}

TEST_F(AccessLogLineTest, MissingFieldsAreDashes) {
  AccessLogEntry e;
  e.status = 408;
  e.epochMillis = 971185536000;
  EXPECT_EQ(line(AccessLogFormat::kCombined, e),
            "- - - [10/Oct/2000:13:45:36 +0000] \"-\" 408 0 \"-\" \"-\"\n");
}

TEST_F(AccessLogLineTest, TextFormatsEscapeQuotesBackslashesAndControlBytes) {
  // The entry's fields are views into the request: it must outlive them.
  const std::string raw(
      "GET /a\"b\\c\x01\x7f\xc3\xa9 HTTP/1.1\r\nUser-Agent: evil\" 200 \"x\r\n"
      "referer:\t http://r/\x1b[31m \r\n\r\n");
  AccessLogEntry e = entry(raw);
  std::string out = line(AccessLogFormat::kCombined, e);
  EXPECT_EQ(out,
            "10.0.0.1 - - [10/Oct/2000:13:45:36 +0000] \"GET /a\\\"b\\\\c\\x01\\x7F\\xC3\\xA9 "
            "HTTP/1.1\" 200 1234 \"http://r/\\x1B[31m\" \"evil\\\" 200 \\\"x\"\n");
  EXPECT_EQ(out.find('\n'), out.size() - 1);
}

TEST_F(AccessLogLineTest, HeaderNamesMatchInAnyCaseAndOnlyInTheHead) {
  AccessLogEntry e = entry("GET / HTTP/1.0\nUSER-AGENT: curl\n\nReferer: body-not-head\n");
  EXPECT_EQ(e.userAgent, "curl");
  EXPECT_TRUE(e.referer.empty());
  EXPECT_EQ(e.protocol, "HTTP/1.0");
}

TEST_F(AccessLogLineTest, JsonHasTheFieldsAndEscapes) {
  AccessLogEntry e = entry("POST /x?q=\"1\" HTTP/1.1\r\nUser-Agent: a\x02z\r\n\r\n");
  e.durationSeconds = 0.25;
  EXPECT_EQ(line(AccessLogFormat::kJson, e),
            "{\"time\":\"2000-10-10T13:45:36.000+00:00\",\"remote_addr\":\"10.0.0.1\","
            "\"request\":\"POST /x?q=\\\"1\\\" HTTP/1.1\",\"method\":\"POST\","
            "\"path\":\"/x?q=\\\"1\\\"\",\"protocol\":\"HTTP/1.1\",\"status\":200,"
            "\"body_bytes_sent\":1234,\"user_agent\":\"a\\u0002z\",\"duration\":0.250000}\n");
}

TEST_F(AccessLogLineTest, JsonDurationIsNullWhenUnknownElseMicroseconds) {
  AccessLogEntry e = entry("BAD");
  std::string out = line(AccessLogFormat::kJson, e);
  EXPECT_NE(out.find("\"duration\":null}"), std::string::npos) << out;
  for (auto [seconds, text] :
       std::initializer_list<std::pair<double, const char*>>{{0, "0.000000"},
                                                             {0.0000014, "0.000001"},
                                                             {1.5, "1.500000"},
                                                             {12.0000006, "12.000001"}}) {
    e.durationSeconds = seconds;
    out.clear();
    appendAccessLogLine(out, AccessLogFormat::kJson, e);
    EXPECT_NE(out.find(std::string("\"duration\":") + text + "}"), std::string::npos) << out;
  }
  EXPECT_NE(out.find("\"request\":\"BAD\",\"method\":\"\""), std::string::npos) << out;
}

TEST_F(AccessLogLineTest, VeryLongFieldsAreCut) {
  std::string raw = "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n";
  std::string out = line(AccessLogFormat::kCommon, entry(raw));
  EXPECT_LT(out.size(), 8300u);
  EXPECT_NE(out.find("aaa...\" 200"), std::string::npos);
}

TEST_F(AccessLogLineTest, FormatNames) {
  EXPECT_EQ(parseAccessLogFormat("combined"), AccessLogFormat::kCombined);
  EXPECT_EQ(parseAccessLogFormat("common"), AccessLogFormat::kCommon);
  EXPECT_EQ(parseAccessLogFormat("json"), AccessLogFormat::kJson);
  EXPECT_FALSE(parseAccessLogFormat("nginx").has_value());
}

}  // namespace
}  // namespace surge::protocol
