#include "process/connections_dump.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;

TEST(StatusReportTest, ByteFormat) {
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
