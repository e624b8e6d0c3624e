#include "protocol/http/response_head.h"

#include <gtest/gtest.h>

#include <string>

#include "protocol/http/request_parser.h"

namespace surge::protocol {
namespace {

constexpr std::string_view kDate = "Sun, 06 Nov 1994 08:49:37 GMT";

TEST(HttpResponseHead, DefaultsInOrder) {
  std::string out;
  HttpResponseHead head(&out, "1.1", 200, "OK");
  head.finish(kDate, true, 5);
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\nServer: surge\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            "Connection: keep-alive\r\nContent-Type: text/html;charset=utf-8\r\n"
            "Content-Length: 5\r\n\r\n");
}

TEST(HttpResponseHead, ApplicationFieldsReplaceDefaults) {
  std::string out;
  HttpResponseHead head(&out, "1.0", 404, "Gone Fishing");
  EXPECT_TRUE(head.field("content-type", "application/json"));
  EXPECT_TRUE(head.field("SERVER", "x"));
  EXPECT_TRUE(head.field("Connection", "close"));
  EXPECT_TRUE(head.field("X-A", "1"));
  EXPECT_TRUE(head.saysClose());
  head.finish(kDate, true, 0);
  EXPECT_EQ(out,
            "HTTP/1.0 404 Gone Fishing\r\ncontent-type: application/json\r\nSERVER: x\r\n"
            "Connection: close\r\nX-A: 1\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            "Content-Length: 0\r\n\r\n");
}

TEST(HttpResponseHead, ChunkedAndEventStreamHaveNoLength) {
  std::string out;
  HttpResponseHead head(&out, "1.1", 200, "OK");
  head.field("Transfer-Encoding", "chunked");
  EXPECT_TRUE(head.has(HttpResponseHead::kTransferEncoding));
  head.finish(kDate, false, 10);
  EXPECT_EQ(out.find("Content-Length"), std::string::npos);
  EXPECT_NE(out.find("Connection: close\r\n"), std::string::npos);

  HttpResponseHead sse(&out, "1.1", 200, "OK");
  sse.field("Content-Type", "text/event-stream");
  EXPECT_TRUE(sse.isEventStream());
  sse.finish(kDate, true, -1);
  EXPECT_EQ(out.find("Content-Length"), std::string::npos);
}

TEST(HttpResponseHead, FieldsThatCouldSplitTheResponseAreNeverWritten) {
  std::string out;
  HttpResponseHead head(&out, "1.1", 200, "OK");
  EXPECT_FALSE(head.field("X-A", "a\r\nSet-Cookie: evil=1"));
  EXPECT_FALSE(head.field("X-B", std::string_view("a\0b", 3)));
  EXPECT_FALSE(head.field("X-C", "a\nb"));
  EXPECT_FALSE(head.field("Bad Name", "v"));
  EXPECT_FALSE(head.field("X-D:", "v"));
  EXPECT_FALSE(head.field("", "v"));
  head.finish(kDate, true, 0);
  EXPECT_EQ(out.find("evil"), std::string::npos);
  EXPECT_EQ(out.find("X-"), std::string::npos);
  // The head still parses as one response: exactly one empty line, at the end.
  EXPECT_EQ(out.find("\r\n\r\n"), out.size() - 4);
}

TEST(HttpResponseHead, Decimal) {
  std::string out;
  appendDecimal(&out, 0);
  out.push_back(' ');
  appendDecimal(&out, 18446744073709551615ULL);
  EXPECT_EQ(out, "0 18446744073709551615");
}

}  // namespace
}  // namespace surge::protocol
