#include "process/status_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;

constexpr int64_t kStart = 1795353530;  // 2026-11-22 13:18:50 UTC

StatusBoard::ProcessView process(pid_t pid, int group, const std::string& worker,
                                 const std::string& listen, int64_t memory) {
  StatusBoard::ProcessView p;
  p.pid = pid;
  p.group = group;
  p.worker = worker;
  p.listen = listen;
  p.memory = memory;
  p.startTime = kStart;
  p.heartbeatMs = kStart * 1000 + 60000;
  return p;
}

// The data of the status output captured from Workerman 5.2.2 (reference §7.7).
StatusBoard::Snapshot referenceSnapshot() {
  StatusBoard::Snapshot s;
  s.masterPid = 21196;
  s.startTime = kStart;
  s.daemon = true;
  s.groups = {{"web", "http://127.0.0.1:18080", 2, {}, 0},
              {"none", "websocket://127.0.0.1:18081", 1, {}, 0},
              {"timer", "none", 1, {}, 0}};
  // Byte counts that print as 1.19M, 1.19M, 1.11M, 1.13M (and 4.62M in total).
  s.processes = {process(21197, 0, "web", "http://127.0.0.1:18080", 1247806),
                 process(21200, 0, "web", "http://127.0.0.1:18080", 1247806),
                 process(21201, 1, "none", "websocket://127.0.0.1:18081", 1163920),
                 process(21202, 2, "timer", "none", 1184891)};
  s.processes[0].totalRequests = 1;
  s.processes[1].totalRequests = 1;
  s.processes[3].timers = 1;
  return s;
}

StatusContext referenceContext() {
  StatusContext ctx;
  ctx.versionLine = "Workerman/5.2.2         PHP/8.2.36 (JIT off)          Linux/6.18.44-fc-v595";
  ctx.nowMs = kStart * 1000 + 60500;
  ctx.loadAverage = std::array<double, 3>{2.73, 1.15, 0.44};
  ctx.eventLoop = "select";
  return ctx;
}

TEST(StatusReportTest, ReproducesWorkermansCapturedLayout) {
  // Given Workerman's data and labels, the text is the captured one byte for byte.
  const char* expected =
      "Start worker in DAEMON mode.\n"
      "---------------------------------------------------GLOBAL "
      "STATUS---------------------------------------------------------\n"
      "Workerman/5.2.2         PHP/8.2.36 (JIT off)          Linux/6.18.44-fc-v595\n"
      "start time:2026-11-22 13:18:50   run 0 days 0 hours   load average: 2.73, 1.15, 0.44\n"
      "3 workers    4 processes\n"
      "name         event-loop     exit_status     exit_count\n"
      "web          select         0               0               \n"
      "none         select         0               0               \n"
      "timer        select         0               0               \n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "pid\tmemory  listening                   name     connections send_fail timers  "
      "total_request qps    status\n"
      "21197\t1.19M   http://127.0.0.1:18080      web      0           0         0       1      "
      "       0      [idle]\n"
      "21200\t1.19M   http://127.0.0.1:18080      web      0           0         0       1      "
      "       0      [idle]\n"
      "21201\t1.11M   websocket://127.0.0.1:18081 none     0           0         0       0      "
      "       0      [idle]\n"
      "21202\t1.13M   none                        timer    0           0         1       0      "
      "       0      [idle]\n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "Summary\t4.62M   -                           -        0           0         1       2      "
      "       0      [Summary] \n";
  EXPECT_EQ(renderStatus(referenceSnapshot(), referenceContext()), expected);
}

TEST(StatusReportTest, BusyRowsExitStatisticsAndWideValues) {
  StatusBoard::Snapshot s;
  s.masterPid = 100;
  s.startTime = kStart;
  s.daemon = false;
  s.groups = {{"api", "http://0.0.0.0:8080", 2, {{0, 3}, {64000, 1}}, 0},
              {"background-jobs", "none", 1, {}, 2}};
  s.processes = {process(101, 0, "api", "http://0.0.0.0:8080", 0),
                 process(102, 0, "api", "http://0.0.0.0:8080", 3 * 1048576 + 524288),
                 process(103, 1, "background-jobs", "none", 1048576 * 1000)};
  s.processes[0].connections = 12;
  s.processes[0].totalRequests = 123456789012345;  // wider than the 13-column default
  s.processes[0].qps = 950;
  s.processes[0].sendFail = 1;
  s.processes[1].connections = 3;
  s.processes[1].totalRequests = 5;
  s.processes[1].qps = 50;
  s.processes[1].timers = 2;
  // Heartbeats relative to nowMs: 1000 ms old is still idle, 1001 ms is busy, never is busy.
  StatusContext ctx;
  ctx.versionLine = "Surge/0.1.0             PHP/8.3.0 (JIT off)           Linux/6.1.0";
  ctx.nowMs = (kStart + 2 * 86400 + 5 * 3600 + 59 * 60) * 1000;
  ctx.utcOffsetSeconds = 3600;
  s.processes[0].heartbeatMs = ctx.nowMs - 1000;
  s.processes[1].heartbeatMs = ctx.nowMs - 1001;
  s.processes[2].heartbeatMs = 0;
  EXPECT_FALSE(isBusy(s.processes[0], ctx));
  EXPECT_TRUE(isBusy(s.processes[1], ctx));

  const char* expected =
      "Start worker in DEBUG mode.\n"
      "---------------------------------------------------GLOBAL "
      "STATUS---------------------------------------------------------\n"
      "Surge/0.1.0             PHP/8.3.0 (JIT off)           Linux/6.1.0\n"
      "start time:2026-11-22 14:18:50   run 2 days 5 hours   load average: -, -, -\n"
      "2 workers    3 processes\n"
      "name                event-loop     exit_status     exit_count\n"
      "api                 libevent       0               3               \n"
      "api                 libevent       64000           1               \n"
      "background-jobs     libevent       other           2               \n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "pid\tmemory   listening           name            connections send_fail timers  "
      "total_request   qps    status\n"
      "101\t0.00M    http://0.0.0.0:8080 api             12          1         0       "
      "123456789012345 950    [idle]\n"
      "102\t3.50M    http://0.0.0.0:8080 api             3           0         2       "
      "5               50     [busy]\n"
      "103\t1000.00M none                background-jobs 0           0         0       "
      "0               0      [busy]\n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "Summary\t1003.50M -                   -               15          1         2       "
      "123456789012350 1000   [Summary] \n";
  EXPECT_EQ(renderStatus(s, ctx), expected);
}

TEST(StatusReportTest, BarsGrowWithTheTable) {
  StatusBoard::Snapshot s;
  s.startTime = kStart;
  std::string listen = "websocket://[2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:65535";
  s.groups = {{"w", listen, 1, {}, 0}};
  s.processes = {process(7, 0, "w", listen, 0)};
  StatusContext ctx;
  ctx.nowMs = kStart * 1000;
  std::string text = renderStatus(s, ctx);
  std::string row = "7\t0.00M   " + listen + " w        0           0         0       0      " +
                    "       0      [idle]";
  EXPECT_TRUE(Contains(text, "\n" + row + "\n"));
  // The widest line is the summary: "Summary" and "[Summary] " are 10 bytes longer than
  // this row's "7" and "[idle]".
  std::string bar =
      std::string(51, '-') + "PROCESS STATUS" + std::string(row.size() + 10 - 65, '-');
  EXPECT_GT(row.size() + 10, 121u);
  EXPECT_TRUE(Contains(text, "\n" + bar + "\n"));
  // No process at all: the summary is all zeros.
  s.processes.clear();
  EXPECT_TRUE(Contains(renderStatus(s, ctx), "1 workers    0 processes\n"));
  EXPECT_TRUE(Contains(renderStatus(s, ctx), "Summary\t0.00M "));
}

TEST(StatusReportTest, MemoryAndByteFormats) {
  EXPECT_EQ(formatMemory(0), "0.00M");
  EXPECT_EQ(formatMemory(1247806), "1.19M");
  EXPECT_EQ(formatMemory(2 * 1048576), "2.00M");
  EXPECT_EQ(formatMemory(5242), "0.00M");
  EXPECT_EQ(formatMemory(5243), "0.01M");

  EXPECT_EQ(formatBytes(0), "0B");
  EXPECT_EQ(formatBytes(140), "140B");
  EXPECT_EQ(formatBytes(1023), "1023B");
  EXPECT_EQ(formatBytes(1024), "1.0KB");
  EXPECT_EQ(formatBytes(1536), "1.5KB");
  EXPECT_EQ(formatBytes(1024 * 1024 - 52), "1023.9KB");
  // 1023.96KB would round to "1024.0KB": the next unit says it better.
  EXPECT_EQ(formatBytes(1024 * 1024 - 40), "1.0MB");
  EXPECT_EQ(formatBytes(1024 * 1024 - 1), "1.0MB");
  EXPECT_EQ(formatBytes(1024 * 1024), "1.0MB");
  EXPECT_EQ(formatBytes(10 * 1024 * 1024 + 100 * 1024), "10.1MB");
  EXPECT_EQ(formatBytes(1024ull * 1024 * 1024 - 1), "1.0GB");
  EXPECT_EQ(formatBytes(1024ull * 1024 * 1024), "1.0GB");
  EXPECT_EQ(formatBytes(1024ull * 1024 * 1024 * 1024), "1.0TB");
  EXPECT_EQ(formatBytes(5000ull * 1024 * 1024 * 1024 * 1024), "5000.0TB");
}

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
      "{\"version\":\"Workerman/5.2.2         PHP/8.2.36 (JIT off)          "
      "Linux/6.18.44-fc-v595\",\"start_time\":1795353530,\"master_pid\":21196,\"daemon\":true,"
      "\"load_average\":[2.73,1.15,0.44],\"workers\":["
      "{\"name\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"count\":2,\"exits\":["
      "{\"status\":0,\"count\":2},{\"status\":65280,\"count\":1}],\"other_exits\":0},"
      "{\"name\":\"none\",\"listen\":\"websocket://127.0.0.1:18081\",\"count\":1,\"exits\":[],"
      "\"other_exits\":0},"
      "{\"name\":\"timer\",\"listen\":\"none\",\"count\":1,\"exits\":[],\"other_exits\":0}],"
      "\"processes\":["
      "{\"pid\":21197,\"worker\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"memory\":1247806,"
      "\"peak_memory\":2000000,\"rss\":0,\"connections\":0,\"send_fail\":0,\"timers\":0,\"total_"
      "request\":1,"
      "\"qps\":4,\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21200,\"worker\":\"web\",\"listen\":\"http://127.0.0.1:18080\",\"memory\":1247806,"
      "\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"timers\":0,\"total_"
      "request\":1,"
      "\"qps\":0,\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21201,\"worker\":\"none\",\"listen\":\"websocket://127.0.0.1:18081\","
      "\"memory\":1163920,\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"timers\":"
      "0,"
      "\"total_request\":0,\"qps\":0,\"started\":1795353530,\"status\":\"idle\"},"
      "{\"pid\":21202,\"worker\":\"timer\",\"listen\":\"none\",\"memory\":1184891,"
      "\"peak_memory\":0,\"rss\":0,\"connections\":0,\"send_fail\":0,\"timers\":1,\"total_"
      "request\":0,"
      "\"qps\":0,\"started\":1795353530,\"status\":\"busy\"}]}\n";
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

ConnectionRow sampleConnection() {
  ConnectionRow r;
  r.pid = 21201;
  r.worker = "none";
  r.id = 1;
  r.transport = "tcp";
  r.protocol = "Websocket";
  r.ipv4 = true;
  r.ipv6 = false;
  r.recvQ = 0;
  r.sendQ = 0;
  r.bytesRead = 140;
  r.bytesWritten = 155;
  r.status = "ESTABLISHED";
  r.local = "127.0.0.1:18081";
  r.remote = "127.0.0.1:58108";
  return r;
}

TEST(StatusReportTest, ConnectionLineRoundTrip) {
  ConnectionRow r = sampleConnection();
  std::string line = formatConnectionLine(r);
  EXPECT_EQ(line,
            "21201\tnone\t1\ttcp\tWebsocket\t1\t0\t0\t0\t140\t155\tESTABLISHED\t127.0.0.1:18081\t"
            "127.0.0.1:58108\n");
  ConnectionRow back;
  ASSERT_TRUE(parseConnectionLine(line, &back));
  EXPECT_EQ(back, r);
  line.pop_back();  // without its newline too
  ASSERT_TRUE(parseConnectionLine(line, &back));
  EXPECT_EQ(back, r);

  // Names with the separator, newlines and the escape character survive on one line.
  r.worker = "tab\there\nnew\\line\r\\t";
  r.protocol = "";
  r.remote = "\\";
  r.id = UINT64_MAX;
  r.bytesWritten = UINT64_MAX;
  r.ipv4 = false;
  r.ipv6 = true;
  line = formatConnectionLine(r);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_TRUE(Contains(line, "\ttab\\there\\nnew\\\\line\\r\\\\t\t"));
  ASSERT_TRUE(parseConnectionLine(line, &back));
  EXPECT_EQ(back, r);
}

TEST(StatusReportTest, ConnectionLineRejectsMalformedLines) {
  ConnectionRow untouched = sampleConnection();
  ConnectionRow r = untouched;
  std::string good = formatConnectionLine(sampleConnection());
  EXPECT_FALSE(parseConnectionLine("", &r));
  EXPECT_FALSE(parseConnectionLine("garbage", &r));
  EXPECT_FALSE(parseConnectionLine(good.substr(0, good.find("\t127.0.0.1:58108")), &r));
  EXPECT_FALSE(parseConnectionLine(good.substr(0, good.size() - 1) + "\textra\n", &r));
  EXPECT_FALSE(parseConnectionLine("x" + good, &r));                      // pid not a number
  EXPECT_FALSE(parseConnectionLine("-1" + good.substr(5), &r));           // negative pid
  EXPECT_FALSE(parseConnectionLine("99999999999" + good.substr(5), &r));  // not a pid
  EXPECT_FALSE(parseConnectionLine(good.substr(0, good.size() - 1) + "\n\n", &r));
  std::string badFlag = good;
  badFlag.replace(badFlag.find("\t1\t0\t"), 5, "\t2\t0\t");
  EXPECT_FALSE(parseConnectionLine(badFlag, &r));
  std::string badEscape = good;
  badEscape.replace(badEscape.find("none"), 4, "no\\qe");
  EXPECT_FALSE(parseConnectionLine(badEscape, &r));
  std::string danglingEscape = good;
  danglingEscape.insert(danglingEscape.size() - 1, "\\");
  EXPECT_FALSE(parseConnectionLine(danglingEscape, &r));
  EXPECT_EQ(r, untouched);

  // A dump: bad lines and an unfinished last line are skipped.
  ConnectionRow second = sampleConnection();
  second.id = 2;
  std::string dump = good + "garbage\n" + formatConnectionLine(second) + "\n" + good.substr(0, 20);
  std::vector<ConnectionRow> rows = parseConnectionLines(dump);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], sampleConnection());
  EXPECT_EQ(rows[1], second);
  EXPECT_TRUE(parseConnectionLines("").empty());
}

TEST(StatusReportTest, RendersConnectionsInWorkermansLayout) {
  ConnectionRow wide = sampleConnection();
  wide.pid = 7;
  wide.worker = "a-very-long-worker-name";
  wide.id = 123;
  wide.transport = "ssl";
  wide.protocol = "Surge\\Protocols\\Http";
  wide.ipv4 = false;
  wide.ipv6 = true;
  wide.recvQ = 1536;
  wide.sendQ = 3 * 1024 * 1024;
  wide.bytesRead = 5ull * 1024 * 1024 * 1024;
  wide.bytesWritten = 1023;
  wide.status = "CLOSING";
  wide.local = "[::1]:443";
  wide.remote = "[::1]:50000";
  const char* expected =
      "--------------------------------------------------------------------- SURGE CONNECTION "
      "STATUS "
      "------------------------------------------------------------------------------------\n"
      "PID      Worker          CID       Trans   Protocol        ipv4   ipv6   Recv-Q       "
      "Send-Q       Bytes-R      Bytes-W       Status         Local Address          Foreign "
      "Address\n"
      "21201    none            1         tcp     Websocket        1      0     0B           "
      "0B           140B         155B          ESTABLISHED    127.0.0.1:18081        "
      "127.0.0.1:58108       \n"
      "7        a-very-long-wo  123       ssl     Surge\\Protocols  0      1     1.5KB        "
      "3.0MB        5.0GB        1023B         CLOSING        [::1]:443              "
      "[::1]:50000           \n";
  EXPECT_EQ(renderConnections({sampleConnection(), wide}), expected);

  // The header alone when there is nothing to show.
  std::string empty = renderConnections({});
  EXPECT_EQ(empty.substr(0, empty.find('\n')).size(), 178u);
  EXPECT_EQ(std::count(empty.begin(), empty.end(), '\n'), 2);

  // A long IPv6 address widens its column (and the bar) instead of running into the next.
  ConnectionRow v6 = sampleConnection();
  v6.local = "[2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:65535";  // 46 characters
  std::string text = renderConnections({v6});
  EXPECT_TRUE(Contains(text, "ESTABLISHED    " + v6.local + " 127.0.0.1:58108"));
  EXPECT_EQ(text.substr(0, text.find('\n')).size(), 178u + 46 - 22);
}

}  // namespace
}  // namespace surge
