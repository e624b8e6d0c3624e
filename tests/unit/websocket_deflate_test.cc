#include "protocol/websocket/deflate.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace surge::protocol {
namespace {

// A growable output for the codecs, recording the largest size ever asked for.
struct Out {
  std::string bytes;
  size_t largest = 0;
  auto grower() {
    return [this](size_t n) {
      if (n > largest) largest = n;
      bytes.resize(n);
      return bytes.data();
    };
  }
};

std::string deflateWith(WsDeflater& d, std::string_view message) {
  Out out;
  size_t n = d.deflate(message, out.grower());
  EXPECT_NE(n, SIZE_MAX);
  out.bytes.resize(n);
  return out.bytes;
}

WsInflateResult inflateWith(WsInflater& i, std::string_view compressed, std::string* message,
                            size_t limit = 1 << 24, size_t* largest = nullptr) {
  Out out;
  WsInflateResult r = i.inflate(compressed, limit, out.grower());
  out.bytes.resize(r.length);
  *message = out.bytes;
  if (largest) *largest = out.largest;
  return r;
}

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string h;
  for (unsigned char c : s) {
    h.push_back(digits[c >> 4]);
    h.push_back(digits[c & 15]);
  }
  return h;
}

// Bytes that do not compress much but repeat at a chosen distance.
std::string pseudoRandom(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245 + 12345;
    s[i] = static_cast<char>(seed >> 16);
  }
  return s;
}

TEST(WebSocketDeflateTest, InflatesTheExampleOfRfc7692) {
  // §7.2.3.1: "Hello" in one compressed message.
  WsInflater i;
  std::string m;
  ASSERT_TRUE(inflateWith(i, std::string_view("\xf2\x48\xcd\xc9\xc9\x07\x00", 7), &m).ok());
  EXPECT_EQ(m, "Hello");
  // §7.2.3.2: the same message again, now a back-reference into the first one's window.
  ASSERT_TRUE(inflateWith(i, std::string_view("\xf2\x00\x11\x00\x00", 5), &m).ok());
  EXPECT_EQ(m, "Hello");
}

TEST(WebSocketDeflateTest, DeflatesAsTheRfcShowsWithTheTailRemoved) {
  WsDeflater d(Z_DEFAULT_COMPRESSION, 15, 8);
  EXPECT_EQ(hex(deflateWith(d, "Hello")), "f248cdc9c90700");
  // Context takeover: the second "Hello" refers back to the first.
  EXPECT_EQ(hex(deflateWith(d, "Hello")), "f200110000");
}

TEST(WebSocketDeflateTest, ReleaseBetweenMessagesIsNoContextTakeover) {
  WsDeflater d(Z_DEFAULT_COMPRESSION, 15, 8);
  EXPECT_EQ(hex(deflateWith(d, "Hello")), "f248cdc9c90700");
  EXPECT_TRUE(d.active());
  d.release();
  EXPECT_FALSE(d.active());
  EXPECT_EQ(hex(deflateWith(d, "Hello")), "f248cdc9c90700");
}

TEST(WebSocketDeflateTest, ASecondMessageNeedsTheFirstOnesWindow) {
  WsDeflater d(Z_DEFAULT_COMPRESSION, 15, 8);
  std::string first = deflateWith(d, "a message that repeats itself");
  std::string second = deflateWith(d, "a message that repeats itself");
  EXPECT_LT(second.size(), first.size());
  WsInflater fresh;
  std::string m;
  // Without the first message's window the back-reference points before the stream.
  EXPECT_EQ(inflateWith(fresh, second, &m).status, WsInflateStatus::kCorrupt);
  WsInflater taken;
  ASSERT_TRUE(inflateWith(taken, first, &m).ok());
  ASSERT_TRUE(inflateWith(taken, second, &m).ok());
  EXPECT_EQ(m, "a message that repeats itself");
  // The inflater dropping its window (the peer agreed to no context takeover) works for
  // messages compressed without one.
  taken.release();
  ASSERT_TRUE(inflateWith(taken, first, &m).ok());
  EXPECT_EQ(m, "a message that repeats itself");
}

TEST(WebSocketDeflateTest, RoundTripsOfManySizesAndContents) {
  WsDeflater d(6, 12, 5);
  WsInflater i(12);
  for (size_t n : {0u, 1u, 5u, 125u, 126u, 4095u, 65536u, 300000u}) {
    for (int kind = 0; kind < 3; ++kind) {
      std::string message = kind == 0   ? std::string(n, 'x')
                            : kind == 1 ? pseudoRandom(n, static_cast<uint32_t>(n))
                                        : std::string(n, '\0');
      std::string compressed = deflateWith(d, message);
      std::string back;
      ASSERT_TRUE(inflateWith(i, compressed, &back).ok()) << n << " " << kind;
      ASSERT_EQ(back, message) << n << " " << kind;
      if (kind == 0 && n >= 4095) {
        EXPECT_LT(compressed.size(), n / 20);
      }
    }
  }
}

TEST(WebSocketDeflateTest, AnEmptyMessageIsOneByteOrNone) {
  WsDeflater d(Z_DEFAULT_COMPRESSION, 15, 8);
  std::string first = deflateWith(d, "");
  std::string second = deflateWith(d, "");
  // zlib flushes an empty stored block (00 00 00 ff ff, tail removed) the first time and
  // has nothing to flush the second: then §7.2.3.6's single 00 byte.
  EXPECT_EQ(hex(first), "00");
  EXPECT_EQ(hex(second), "00");
  WsInflater i;
  std::string m = "x";
  ASSERT_TRUE(inflateWith(i, first, &m).ok());
  EXPECT_EQ(m, "");
  ASSERT_TRUE(inflateWith(i, second, &m).ok());
  EXPECT_EQ(m, "");
  ASSERT_TRUE(inflateWith(i, "", &m).ok());  // nothing at all inflates to nothing too
  EXPECT_EQ(m, "");
}

TEST(WebSocketDeflateTest, WindowBitsBoundTheDistances) {
  // 2000 bytes, then the same 2000 bytes as the next message: with context takeover the
  // second refers 2000 bytes back, into the first, beyond a 512-byte window and within a
  // 4 KiB one.
  std::string block = pseudoRandom(2000, 7);
  WsDeflater wide(9, 15, 8);
  std::string first = deflateWith(wide, block);
  std::string second = deflateWith(wide, block);
  EXPECT_LT(second.size(), 100u);
  std::string m;
  WsInflater narrow(9);
  ASSERT_TRUE(inflateWith(narrow, first, &m).ok());
  EXPECT_EQ(inflateWith(narrow, second, &m).status, WsInflateStatus::kCorrupt);
  WsInflater twelve(12);
  ASSERT_TRUE(inflateWith(twelve, first, &m).ok());
  ASSERT_TRUE(inflateWith(twelve, second, &m).ok());
  EXPECT_EQ(m, block);
  // A deflater held to 9 bits cannot see the repeat, and an inflater of 9 bits (or 8,
  // which means 9) reads what it writes.
  WsDeflater small(9, 9, 8);
  ASSERT_GT(deflateWith(small, block).size(), 1900u);
  EXPECT_GT(deflateWith(small, block).size(), 1900u);
  WsDeflater small2(9, 9, 8);
  WsInflater eight(8);
  for (int n = 0; n < 3; ++n) {
    ASSERT_TRUE(inflateWith(eight, deflateWith(small2, block), &m).ok());
    EXPECT_EQ(m, block);
  }
}

TEST(WebSocketDeflateTest, TheLimitStopsAZipBombWithoutAllocatingBeyondIt) {
  WsDeflater d(9, 15, 8);
  std::string bomb = deflateWith(d, std::string(50 << 20, '\0'));  // 50 MiB of zeros
  EXPECT_LT(bomb.size(), 60000u);
  WsInflater i;
  std::string m;
  size_t largest = 0;
  WsInflateResult r = inflateWith(i, bomb, &m, 1 << 20, &largest);
  EXPECT_EQ(r.status, WsInflateStatus::kTooBig);
  EXPECT_EQ(largest, size_t{1} << 20);
  EXPECT_EQ(r.length, size_t{1} << 20);
}

TEST(WebSocketDeflateTest, AMessageOfExactlyTheLimitPasses) {
  WsDeflater d(6, 15, 8);
  std::string message(10000, 'a');
  std::string compressed = deflateWith(d, message);
  WsInflater i;
  std::string m;
  size_t largest = 0;
  ASSERT_TRUE(inflateWith(i, compressed, &m, 10000, &largest).ok());
  EXPECT_EQ(m, message);
  EXPECT_EQ(largest, 10000u);
  WsInflater j;
  EXPECT_EQ(inflateWith(j, compressed, &m, 9999).status, WsInflateStatus::kTooBig);
  WsInflater k;
  EXPECT_EQ(inflateWith(k, compressed, &m, 0).status, WsInflateStatus::kTooBig);
}

TEST(WebSocketDeflateTest, CorruptInputIsReported) {
  std::string m;
  // BTYPE 11 is reserved in DEFLATE.
  WsInflater a;
  EXPECT_EQ(inflateWith(a, "\xff\xff\xff", &m).status, WsInflateStatus::kCorrupt);
  // A stored block whose length and its complement disagree.
  WsInflater b;
  EXPECT_EQ(inflateWith(b, std::string_view("\x00\x05\x00\x00\x00", 5), &m).status,
            WsInflateStatus::kCorrupt);
}

TEST(WebSocketDeflateTest, AFinalBlockFromThePeerIsAccepted) {
  // A peer may end each message with BFINAL (a whole raw stream); the inflater starts a
  // new stream for what follows.
  std::string compressed(64, '\0');
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>("final"));
  z.avail_in = 5;
  z.next_out = reinterpret_cast<Bytef*>(compressed.data());
  z.avail_out = 64;
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  compressed.resize(64 - z.avail_out);
  deflateEnd(&z);
  WsInflater i;
  std::string m;
  ASSERT_TRUE(inflateWith(i, compressed, &m).ok());
  EXPECT_EQ(m, "final");
  ASSERT_TRUE(inflateWith(i, compressed, &m).ok());
  EXPECT_EQ(m, "final");
}

TEST(WebSocketDeflateTest, MemoryForDocumentsZlibsFormula) {
  EXPECT_EQ(WsDeflater::memoryFor(15, 8), 256u * 1024);
  EXPECT_EQ(WsDeflater::memoryFor(12, 5), 32u * 1024);
}

}  // namespace
}  // namespace surge::protocol
