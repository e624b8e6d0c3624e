#include "protocol/text/text_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace surge::protocol {
namespace {

constexpr size_t kMax = 1024 * 1024;

std::string describe(const FrameResult& r) {
  switch (r.status) {
    case FrameStatus::kNeedMore:
      return "need-more";
    case FrameStatus::kComplete:
      return "complete(" + std::to_string(r.length) + ")";
    case FrameStatus::kError:
      return std::string("error(") + (r.error ? r.error : "null") + ")";
  }
  return "?";
}

TEST(TextCodecTest, EmptyBufferNeedsMore) {
  FrameResult r = TextCodec::frame(std::string_view(), kMax);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  EXPECT_EQ(r.length, 0u);
  EXPECT_EQ(r.error, nullptr);

  size_t scanned = 0;
  r = TextCodec::frame(std::string_view(), kMax, &scanned);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  EXPECT_EQ(scanned, 0u);

  std::string empty;
  EXPECT_EQ(TextCodec::frame(empty, kMax).status, FrameStatus::kNeedMore);
}

TEST(TextCodecTest, IncompleteLineNeedsMore) {
  FrameResult r = TextCodec::frame("hello", kMax);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  r = TextCodec::frame("hello\r", kMax);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
}

TEST(TextCodecTest, CompleteLineHasExactLength) {
  FrameResult r = TextCodec::frame("hello\n", kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete) << describe(r);
  EXPECT_EQ(r.length, 6u);
  EXPECT_EQ(r.error, nullptr);

  r = TextCodec::frame("\n", kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 1u);

  r = TextCodec::frame("hello\r\n", kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 7u);
}

TEST(TextCodecTest, OnlyTheFirstLineIsFramed) {
  std::string buffer = "one\ntwo\r\nthree\n\npartial";
  std::vector<std::string> payloads;
  std::string_view rest = buffer;
  for (;;) {
    FrameResult r = TextCodec::frame(rest, kMax);
    if (r.status != FrameStatus::kComplete) {
      EXPECT_EQ(r.status, FrameStatus::kNeedMore);
      break;
    }
    payloads.emplace_back(TextCodec::payload(rest.substr(0, r.length)));
    rest.remove_prefix(r.length);
  }
  EXPECT_EQ(payloads, (std::vector<std::string>{"one", "two", "three", ""}));
  EXPECT_EQ(rest, "partial");
}

TEST(TextCodecTest, PayloadDropsTrailingCrAndLf) {
  EXPECT_EQ(TextCodec::payload("abc\n"), "abc");
  EXPECT_EQ(TextCodec::payload("abc\r\n"), "abc");
  EXPECT_EQ(TextCodec::payload("abc\r\r\n"), "abc");
  EXPECT_EQ(TextCodec::payload("\r\n"), "");
  EXPECT_EQ(TextCodec::payload("\n"), "");
  EXPECT_EQ(TextCodec::payload(""), "");
  // Inner \r stays; only the trailing run is dropped.
  EXPECT_EQ(TextCodec::payload("a\rb\r\n"), "a\rb");
  EXPECT_EQ(TextCodec::payload(" spaced \n"), " spaced ");
}

TEST(TextCodecTest, CarriageReturnInsideAPayloadDoesNotEndALine) {
  FrameResult r = TextCodec::frame("a\rb\rc", kMax);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  r = TextCodec::frame("a\rb\rc\r\nnext", kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 7u);
  EXPECT_EQ(TextCodec::payload(std::string_view("a\rb\rc\r\nnext").substr(0, r.length)), "a\rb\rc");
}

TEST(TextCodecTest, BinaryBytesAreFine) {
  std::string line("a\0b\xff\x80", 5);
  line += '\n';
  FrameResult r = TextCodec::frame(line, kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 6u);
}

TEST(TextCodecTest, LineExactlyAtMaxPackageSizeIsAccepted) {
  const size_t max = 16;
  std::string line(max - 1, 'x');
  line += '\n';  // 16 bytes including the newline
  FrameResult r = TextCodec::frame(line, max);
  ASSERT_EQ(r.status, FrameStatus::kComplete) << describe(r);
  EXPECT_EQ(r.length, max);

  // More bytes after it do not matter.
  r = TextCodec::frame(line + "more bytes beyond the limit", max);
  ASSERT_EQ(r.status, FrameStatus::kComplete) << describe(r);
  EXPECT_EQ(r.length, max);
}

TEST(TextCodecTest, LineOneByteOverMaxPackageSizeIsAnError) {
  const size_t max = 16;
  std::string line(max, 'x');
  line += '\n';  // 17 bytes
  FrameResult r = TextCodec::frame(line, max);
  ASSERT_EQ(r.status, FrameStatus::kError) << describe(r);
  ASSERT_NE(r.error, nullptr);
  EXPECT_STREQ(r.error, "line longer than maxPackageSize");
}

TEST(TextCodecTest, UnterminatedInputReachingTheLimitIsAnError) {
  const size_t max = 16;
  // max - 1 bytes without a newline may still become a line of exactly max bytes.
  EXPECT_EQ(TextCodec::frame(std::string(max - 1, 'x'), max).status, FrameStatus::kNeedMore);
  // max bytes without a newline can only become a longer line.
  FrameResult r = TextCodec::frame(std::string(max, 'x'), max);
  ASSERT_EQ(r.status, FrameStatus::kError);
  EXPECT_STREQ(r.error, "line longer than maxPackageSize");
  EXPECT_EQ(TextCodec::frame(std::string(max + 100, 'x'), max).status, FrameStatus::kError);
}

TEST(TextCodecTest, TinyLimits) {
  EXPECT_EQ(TextCodec::frame("\n", 1).status, FrameStatus::kComplete);
  EXPECT_EQ(TextCodec::frame("a\n", 1).status, FrameStatus::kError);
  EXPECT_EQ(TextCodec::frame("a", 1).status, FrameStatus::kError);
  // A zero limit rejects everything, even an empty buffer.
  EXPECT_EQ(TextCodec::frame("", 0).status, FrameStatus::kError);
  EXPECT_EQ(TextCodec::frame("\n", 0).status, FrameStatus::kError);
}

TEST(TextCodecTest, ScannedHintIsUpdated) {
  size_t scanned = 0;
  FrameResult r = TextCodec::frame("abc", kMax, &scanned);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  EXPECT_EQ(scanned, 3u);
  r = TextCodec::frame("abcdef", kMax, &scanned);
  EXPECT_EQ(r.status, FrameStatus::kNeedMore);
  EXPECT_EQ(scanned, 6u);
  r = TextCodec::frame("abcdef\nxyz", kMax, &scanned);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 7u);
  EXPECT_EQ(scanned, 0u);  // reset for the bytes after the message
}

TEST(TextCodecTest, StaleScannedHintBeyondTheBufferIsIgnored) {
  size_t scanned = 100;  // e.g. the buffer shrank after consuming a message
  FrameResult r = TextCodec::frame("ab\ncd", kMax, &scanned);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 3u);
  EXPECT_EQ(scanned, 0u);
}

// Feeds `stream` one byte at a time, framing with and without the hint after every
// byte, and checks that both agree at every step; returns the framed messages.
std::vector<std::string> feedByteByByte(const std::string& stream, size_t max, bool* sawError) {
  std::vector<std::string> messages;
  std::string buffer;
  size_t scanned = 0;
  *sawError = false;
  for (char c : stream) {
    buffer.push_back(c);
    for (;;) {
      FrameResult full = TextCodec::frame(buffer, max);
      FrameResult hinted = TextCodec::frame(buffer, max, &scanned);
      EXPECT_EQ(full.status, hinted.status) << "at buffer '" << buffer << "'";
      EXPECT_EQ(full.length, hinted.length);
      if (hinted.status == FrameStatus::kNeedMore) {
        EXPECT_EQ(scanned, buffer.size());
        break;
      }
      if (hinted.status == FrameStatus::kError) {
        *sawError = true;
        return messages;
      }
      EXPECT_LE(hinted.length, buffer.size());
      messages.push_back(buffer.substr(0, hinted.length));
      buffer.erase(0, hinted.length);
      if (buffer.empty()) break;
    }
  }
  return messages;
}

TEST(TextCodecTest, ScannedHintMatchesFullScanWhenBytesArriveOneAtATime) {
  bool error = false;
  std::vector<std::string> messages =
      feedByteByByte("first line\r\nsecond\n\nthird has \r inside\r\nunterminated", kMax, &error);
  EXPECT_FALSE(error);
  EXPECT_EQ(messages, (std::vector<std::string>{"first line\r\n", "second\n", "\n",
                                                "third has \r inside\r\n"}));
}

TEST(TextCodecTest, ScannedHintMatchesFullScanUpToTheLimit) {
  const size_t max = 8;
  bool error = false;
  // "1234567\n" is exactly 8 bytes; "12345678" reaches the limit without a newline.
  std::vector<std::string> messages = feedByteByByte("abc\n1234567\nxy\n12345678\n", max, &error);
  EXPECT_TRUE(error);
  EXPECT_EQ(messages, (std::vector<std::string>{"abc\n", "1234567\n", "xy\n"}));
}

TEST(TextCodecTest, ScannedHintWithPiecesOfVaryingSize) {
  std::string stream;
  for (int i = 0; i < 200; ++i)
    stream += std::string(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26)) +
              (i % 3 ? "\n" : "\r\n");
  std::vector<std::string> expected;
  {
    std::string_view rest = stream;
    while (true) {
      FrameResult r = TextCodec::frame(rest, kMax);
      if (r.status != FrameStatus::kComplete) break;
      expected.emplace_back(rest.substr(0, r.length));
      rest.remove_prefix(r.length);
    }
  }
  ASSERT_EQ(expected.size(), 200u);
  for (size_t step : {1u, 2u, 3u, 7u, 64u, 1000u}) {
    std::vector<std::string> got;
    std::string buffer;
    size_t scanned = 0;
    for (size_t pos = 0; pos < stream.size(); pos += step) {
      buffer.append(stream, pos, step);
      for (;;) {
        FrameResult r = TextCodec::frame(buffer, kMax, &scanned);
        ASSERT_NE(r.status, FrameStatus::kError);
        if (r.status == FrameStatus::kNeedMore) break;
        got.push_back(buffer.substr(0, r.length));
        buffer.erase(0, r.length);
      }
    }
    EXPECT_EQ(got, expected) << "step " << step;
    EXPECT_TRUE(buffer.empty());
  }
}

TEST(TextCodecTest, TrailerIsNewline) {
  EXPECT_EQ(TextCodec::kTrailer, "\n");
}

}  // namespace
}  // namespace surge::protocol
