#include "process/status_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "test_support.h"
#include "status_report_fixtures.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::referenceContext;
using surge::testing::referenceSnapshot;

// A minimal JSON syntax checker: enough to prove the output parses.
class JsonChecker {
 public:
  explicit JsonChecker(const std::string& text) : s_(text) {}
  bool valid() {
    skip();
    if (!value()) return false;
    skip();
    return i_ == s_.size();
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool literal(const char* word) {
    std::string w = word;
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }
  bool value() {
    skip();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }
  bool object() {
    ++i_;
    skip();
    if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
    for (;;) {
      skip();
      if (!string()) return false;
      skip();
      if (i_ >= s_.size() || s_[i_++] != ':') return false;
      if (!value()) return false;
      skip();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '}') return ++i_, true;
      if (s_[i_++] != ',') return false;
    }
  }
  bool array() {
    ++i_;
    skip();
    if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
    for (;;) {
      if (!value()) return false;
      skip();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ']') return ++i_, true;
      if (s_[i_++] != ',') return false;
    }
  }
  bool string() {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    for (++i_; i_ < s_.size(); ++i_) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        char e = s_[i_];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k)
            if (++i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_])))
              return false;
        } else if (std::string("\"\\/bfnrt").find(e) == std::string::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool number() {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.'))
      ++i_;
    return i_ > start;
  }
  const std::string& s_;
  size_t i_ = 0;
};

TEST(StatusReportTest, JsonHasTheSameData) {
  StatusBoard::Snapshot s = referenceSnapshot();
  s.groups[0].exits = {{0, 2}, {65280, 1}};
  s.processes[0].peakMemory = 2000000;
  s.processes[0].qps = 4;
  StatusContext ctx = referenceContext();
  s.processes[3].heartbeatMs = ctx.nowMs - 5000;
  std::string json = renderStatusJson(s, ctx);
  const char* expected =
      "{\"schema_version\":1,\"version\":\"Workerman/5.2.2         PHP/8.2.36 (JIT off)          "
      "Linux/6.18.44-fc-v595\",\"start_time\":1795353530,\"master_pid\":21196,\"daemon\":true,"
      "\"load_average\":[2.73,1.15,0.44],\"workers\":["
      "{\"name\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"count\":2,\"exits\":["
      "{\"status\":0,\"count\":2},{\"status\":65280,\"count\":1}],\"other_exits\":0},"
      "{\"name\":\"none\",\"listen\":\"websocket://127.0.0.1:18081\",\"count\":1,\"exits\":[],"
      "\"other_exits\":0},"
      "{\"name\":\"timer\",\"listen\":\"none\",\"count\":1,\"exits\":[],\"other_exits\":0}],"
      "\"processes\":["
      "{\"pid\":21197,\"worker\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"memory\":1247806,"
      "\"peak_memory\":2000000,\"rss\":0,\"connections\":0,\"send_fail\":0,\"protocol_errors\":0,"
      "\"timers\":0,\"total_"
      "request\":1,"
      "\"qps\":4,\"bytes_received\":0,\"bytes_sent\":0,\"exceptions\":0,\"loop_lag_us\":0,"
      "\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21200,\"worker\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"memory\":1247806,"
      "\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"protocol_errors\":0,"
      "\"timers\":0,\"total_"
      "request\":1,"
      "\"qps\":0,\"bytes_received\":0,\"bytes_sent\":0,\"exceptions\":0,\"loop_lag_us\":0,"
      "\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21201,\"worker\":\"none\",\"listen\":\"websocket://127.0.0.1:18081\","
      "\"memory\":1163920,\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"protocol_"
      "errors\":0,\"timers\":"
      "0,"
      "\"total_request\":0,\"qps\":0,\"bytes_received\":0,\"bytes_sent\":0,\"exceptions\":0,\"loop_"
      "lag_us\":0,\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21202,\"worker\":\"timer\",\"listen\":\"none\",\"memory\":1184891,"
      "\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"protocol_errors\":0,"
      "\"timers\":1,\"total_"
      "request\":0,"
      "\"qps\":0,\"bytes_received\":0,\"bytes_sent\":0,\"exceptions\":0,\"loop_lag_us\":0,"
      "\"started\":1795353530,\"status\":\"busy\"}]}\n";
  EXPECT_EQ(json, expected);
  EXPECT_TRUE(JsonChecker(json).valid());

  // Hostile names stay valid JSON; no load average is null.
  s.groups[1].name = "quote\" back\\ nl\n tab\t bell\x07 del\x7f bad\xff utf8-\xC3\xA9";
  s.processes[2].worker = s.groups[1].name;
  ctx.loadAverage.reset();
  json = renderStatusJson(s, ctx);
  EXPECT_TRUE(JsonChecker(json).valid()) << json;
  EXPECT_TRUE(Contains(json, "\"load_average\":null"));
  EXPECT_TRUE(Contains(
      json, "\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007 del\\u007f bad\\ufffd utf8-\xC3\xA9\""));
  EXPECT_FALSE(JsonChecker("{\"a\":\"x\ny\"}").valid());  // the checker does check
}

TEST(StatusReportTest, JsonErrorCarriesTheSchemaVersion) {
  std::string json = renderStatusJsonError("Surge[a.php] not run");
  EXPECT_EQ(json, "{\"schema_version\":1,\"error\":\"Surge[a.php] not run\"}\n");
  EXPECT_TRUE(JsonChecker(json).valid());
}

TEST(StatusReportTest, JsonStringKeepsOnlyValidUtf8) {
  EXPECT_EQ(jsonString(""), "\"\"");
  EXPECT_EQ(jsonString("plain / text"), "\"plain / text\"");
  EXPECT_EQ(jsonString(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
  EXPECT_EQ(jsonString("\b\f\r"), "\"\\b\\f\\r\"");
  EXPECT_EQ(jsonString("\xE2\x82\xAC \xF0\x9F\x98\x80"), "\"\xE2\x82\xAC \xF0\x9F\x98\x80\"");
  EXPECT_EQ(jsonString("\xE2\x82"), "\"\\ufffd\\ufffd\"");                        // cut short
  EXPECT_EQ(jsonString("\xC0\xAF"), "\"\\ufffd\\ufffd\"");                        // overlong '/'
  EXPECT_EQ(jsonString("\xED\xA0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");             // a surrogate
  EXPECT_EQ(jsonString("\xF4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // > U+10FFFF
  EXPECT_EQ(jsonString("\x80z"), "\"\\ufffdz\"");
}

}  // namespace
}  // namespace surge
