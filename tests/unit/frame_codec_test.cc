#include "protocol/frame/frame_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace surge::protocol {
namespace {

constexpr size_t kMax = 1024 * 1024;

// A whole frame: header + payload.
std::string encode(std::string_view payload) {
  char header[FrameCodec::kHeaderSize];
  EXPECT_TRUE(FrameCodec::header(payload.size(), header));
  std::string out(header, sizeof header);
  out.append(payload);
  return out;
}

std::string rawHeader(uint32_t total) {
  std::string h(4, '\0');
  h[0] = static_cast<char>(total >> 24);
  h[1] = static_cast<char>(total >> 16);
  h[2] = static_cast<char>(total >> 8);
  h[3] = static_cast<char>(total);
  return h;
}

TEST(FrameCodecTest, FewerThanFourBytesNeedMore) {
  EXPECT_EQ(FrameCodec::frame(std::string_view(), kMax).status, FrameStatus::kNeedMore);
  EXPECT_EQ(FrameCodec::frame(std::string("\0", 1), kMax).status, FrameStatus::kNeedMore);
  EXPECT_EQ(FrameCodec::frame(std::string("\0\0", 2), kMax).status, FrameStatus::kNeedMore);
  EXPECT_EQ(FrameCodec::frame(std::string("\0\0\0", 3), kMax).status, FrameStatus::kNeedMore);
  // Even a header that will turn out invalid needs four bytes to be judged.
  EXPECT_EQ(FrameCodec::frame(std::string("\xff\xff\xff", 3), kMax).status, FrameStatus::kNeedMore);
}

TEST(FrameCodecTest, HeaderRoundTrip) {
  for (size_t payload : {size_t{0}, size_t{1}, size_t{255}, size_t{256}, size_t{65535},
                         size_t{65536}, size_t{0x01020304}, size_t{UINT32_MAX - 4}}) {
    char h[FrameCodec::kHeaderSize];
    ASSERT_TRUE(FrameCodec::header(payload, h)) << payload;
    const auto* p = reinterpret_cast<const unsigned char*>(h);
    uint64_t total = (uint64_t{p[0]} << 24) | (uint64_t{p[1]} << 16) | (uint64_t{p[2]} << 8) | p[3];
    EXPECT_EQ(total, payload + 4) << payload;
    // frame() reads back the same length (as needMore, since no payload follows, unless empty).
    FrameResult r = FrameCodec::frame(std::string_view(h, 4), UINT32_MAX);
    if (payload == 0) {
      ASSERT_EQ(r.status, FrameStatus::kComplete);
      EXPECT_EQ(r.length, 4u);
    } else {
      EXPECT_EQ(r.status, FrameStatus::kNeedMore) << payload;
    }
  }
}

TEST(FrameCodecTest, HeaderIsBigEndianAndCountsItself) {
  char h[4];
  ASSERT_TRUE(FrameCodec::header(0x01020304 - 4, h));
  EXPECT_EQ(std::string(h, 4), std::string("\x01\x02\x03\x04", 4));
  ASSERT_TRUE(FrameCodec::header(0, h));
  EXPECT_EQ(std::string(h, 4), std::string("\0\0\0\x04", 4));
  ASSERT_TRUE(FrameCodec::header(UINT32_MAX - 4, h));
  EXPECT_EQ(std::string(h, 4), std::string("\xff\xff\xff\xff", 4));
}

TEST(FrameCodecTest, HeaderRejectsPayloadsThatDoNotFit32Bits) {
  char h[4] = {'a', 'b', 'c', 'd'};
  EXPECT_FALSE(FrameCodec::header(size_t{UINT32_MAX} - 3, h));
  EXPECT_FALSE(FrameCodec::header(size_t{UINT32_MAX}, h));
  EXPECT_FALSE(FrameCodec::header(SIZE_MAX, h));
  EXPECT_EQ(std::string(h, 4), "abcd");  // untouched
}

TEST(FrameCodecTest, CompleteFrameHasExactLength) {
  std::string f = encode("hello");
  ASSERT_EQ(f.size(), 9u);
  FrameResult r = FrameCodec::frame(f, kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 9u);
  EXPECT_EQ(r.error, nullptr);
  EXPECT_EQ(FrameCodec::payload(std::string_view(f).substr(0, r.length)), "hello");
}

TEST(FrameCodecTest, EmptyPayloadIsAFourByteFrame) {
  std::string f = encode("");
  FrameResult r = FrameCodec::frame(f, kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 4u);
  EXPECT_EQ(FrameCodec::payload(f), "");
}

TEST(FrameCodecTest, PartialPayloadNeedsMore) {
  std::string f = encode("0123456789");
  for (size_t n = 0; n < f.size(); ++n)
    EXPECT_EQ(FrameCodec::frame(std::string_view(f).substr(0, n), kMax).status,
              FrameStatus::kNeedMore)
        << n;
  EXPECT_EQ(FrameCodec::frame(f, kMax).status, FrameStatus::kComplete);
}

TEST(FrameCodecTest, SeveralFramesInOneBuffer) {
  std::string stream =
      encode("one") + encode("") + encode(std::string("\r\n\0\n", 4)) + encode("four");
  stream += encode("partial").substr(0, 6);
  std::vector<std::string> payloads;
  std::string_view rest = stream;
  for (;;) {
    FrameResult r = FrameCodec::frame(rest, kMax);
    if (r.status != FrameStatus::kComplete) {
      EXPECT_EQ(r.status, FrameStatus::kNeedMore);
      break;
    }
    ASSERT_LE(r.length, rest.size());
    payloads.emplace_back(FrameCodec::payload(rest.substr(0, r.length)));
    rest.remove_prefix(r.length);
  }
  EXPECT_EQ(payloads, (std::vector<std::string>{"one", "", std::string("\r\n\0\n", 4), "four"}));
  EXPECT_EQ(rest.size(), 6u);
}

TEST(FrameCodecTest, CrLfInPayloadIsPlainData) {
  std::string f = encode("line1\r\nline2\n");
  FrameResult r = FrameCodec::frame(f, kMax);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, f.size());
  EXPECT_EQ(FrameCodec::payload(f), "line1\r\nline2\n");
}

TEST(FrameCodecTest, LengthSmallerThanTheHeaderIsAnError) {
  for (uint32_t total : {0u, 1u, 2u, 3u}) {
    FrameResult r = FrameCodec::frame(rawHeader(total) + "payload", kMax);
    ASSERT_EQ(r.status, FrameStatus::kError) << total;
    EXPECT_STREQ(r.error, "frame length smaller than its 4-byte header");
    EXPECT_EQ(r.length, 0u);
  }
}

TEST(FrameCodecTest, LengthOverMaxPackageSizeIsAnError) {
  const size_t max = 100;
  // Judged from the header alone: no need to wait for the payload.
  FrameResult r = FrameCodec::frame(rawHeader(101), max);
  ASSERT_EQ(r.status, FrameStatus::kError);
  EXPECT_STREQ(r.error, "frame longer than maxPackageSize");
  EXPECT_EQ(FrameCodec::frame(rawHeader(UINT32_MAX), max).status, FrameStatus::kError);
  EXPECT_EQ(FrameCodec::frame(rawHeader(UINT32_MAX), kMax).status, FrameStatus::kError);
}

TEST(FrameCodecTest, LengthExactlyAtMaxPackageSizeIsAccepted) {
  const size_t max = 100;
  std::string f = encode(std::string(max - 4, 'p'));
  ASSERT_EQ(f.size(), max);
  FrameResult r = FrameCodec::frame(f, max);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, max);
  // One byte over.
  std::string over = encode(std::string(max - 3, 'p'));
  EXPECT_EQ(FrameCodec::frame(over, max).status, FrameStatus::kError);
}

TEST(FrameCodecTest, BoundaryLengths) {
  // total == 4 is the smallest valid frame; total == UINT32_MAX the largest.
  FrameResult r = FrameCodec::frame(rawHeader(4), 4);
  ASSERT_EQ(r.status, FrameStatus::kComplete);
  EXPECT_EQ(r.length, 4u);
  EXPECT_EQ(FrameCodec::frame(rawHeader(5), 4).status, FrameStatus::kError);
  EXPECT_EQ(FrameCodec::frame(rawHeader(UINT32_MAX), UINT32_MAX).status, FrameStatus::kNeedMore);
  EXPECT_EQ(FrameCodec::frame(rawHeader(UINT32_MAX), SIZE_MAX).status, FrameStatus::kNeedMore);
  EXPECT_EQ(FrameCodec::frame(rawHeader(0x80000000u), SIZE_MAX).status, FrameStatus::kNeedMore);
  // A limit below the header size rejects every frame.
  EXPECT_EQ(FrameCodec::frame(rawHeader(4), 3).status, FrameStatus::kError);
}

TEST(FrameCodecTest, BytesArrivingOneAtATime) {
  std::string stream;
  std::vector<std::string> sent;
  for (int i = 0; i < 50; ++i) {
    std::string payload(static_cast<size_t>(i * 3), static_cast<char>(i));
    sent.push_back(payload);
    stream += encode(payload);
  }
  std::vector<std::string> got;
  std::string buffer;
  for (char c : stream) {
    buffer.push_back(c);
    for (;;) {
      FrameResult r = FrameCodec::frame(buffer, kMax);
      ASSERT_NE(r.status, FrameStatus::kError);
      if (r.status == FrameStatus::kNeedMore) break;
      got.emplace_back(FrameCodec::payload(std::string_view(buffer).substr(0, r.length)));
      buffer.erase(0, r.length);
    }
  }
  EXPECT_EQ(got, sent);
  EXPECT_TRUE(buffer.empty());
}

}  // namespace
}  // namespace surge::protocol
