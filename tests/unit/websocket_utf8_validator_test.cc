#include "protocol/websocket/utf8_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace surge::protocol {
namespace {

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

// Feeds `s` split at every possible point (two fragments) and one byte at a time; every
// way of splitting must give the same verdict as the whole.
bool validInEveryPiecing(const std::string& s) {
  const bool whole = Utf8Validator::isValid(s);
  for (size_t cut = 0; cut <= s.size(); ++cut) {
    Utf8Validator v;
    bool ok = v.feed(s.substr(0, cut));
    ok = v.feed(s.substr(cut)) && ok;
    EXPECT_EQ(ok && v.finish(), whole) << "cut at " << cut;
  }
  Utf8Validator v;
  bool ok = true;
  for (char c : s) ok = v.feed(std::string_view(&c, 1)) && ok;
  EXPECT_EQ(ok && v.finish(), whole);
  return whole;
}

// The offset of the first byte that makes `s` impossible, fed one byte at a time.
int64_t failPosition(const std::string& s) {
  Utf8Validator v;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!v.feed(std::string_view(&s[i], 1))) {
      EXPECT_EQ(v.errorOffset(), i);
      // And the same offset when fed whole.
      Utf8Validator w;
      EXPECT_FALSE(w.feed(s));
      EXPECT_EQ(w.errorOffset(), i);
      return static_cast<int64_t>(i);
    }
  }
  return -1;
}

TEST(WebSocketUtf8Test, ValidMultiByte) {
  // Autobahn 6.2-6.3 style: "Hello-µ@ßöäüàá-UTF-8!!" and κόσμε.
  EXPECT_TRUE(validInEveryPiecing(
      "Hello-\xC2\xB5@\xC3\x9F\xC3\xB6\xC3\xA4\xC3\xBC\xC3\xA0\xC3\xA1-UTF-8!!"));
  EXPECT_TRUE(validInEveryPiecing("\xCE\xBA\xE1\xBD\xB9\xCF\x83\xCE\xBC\xCE\xB5"));
  EXPECT_TRUE(validInEveryPiecing(""));
  EXPECT_TRUE(
      validInEveryPiecing(std::string(100, 'a') + "\xF0\x9F\x98\x80" + std::string(20, 'b')));
}

TEST(WebSocketUtf8Test, Boundaries) {
  // First and last code points of each length (Autobahn 6.6-6.8).
  for (const std::string& s :
       {bytes({0x00}), bytes({0x7F}), bytes({0xC2, 0x80}), bytes({0xDF, 0xBF}),
        bytes({0xE0, 0xA0, 0x80}), bytes({0xEF, 0xBF, 0xBF}), bytes({0xF0, 0x90, 0x80, 0x80}),
        bytes({0xF4, 0x8F, 0xBF, 0xBF}), bytes({0xED, 0x9F, 0xBF}), bytes({0xEE, 0x80, 0x80}),
        bytes({0xEF, 0xBF, 0xBE})})  // noncharacters are valid UTF-8
    EXPECT_TRUE(validInEveryPiecing(s)) << s.size();
}

TEST(WebSocketUtf8Test, InvalidAndWhereItFails) {
  struct Case {
    std::string s;
    int64_t failAt;
  };
  std::vector<Case> cases = {
      {bytes({0x80}), 0},                                // lone continuation
      {bytes({'a', 0xBF}), 1},                           //
      {bytes({0xC0, 0x80}), 0},                          // overlong NUL, C0 never valid
      {bytes({0xC1, 0xBF}), 0},                          // overlong 2-byte
      {bytes({0xE0, 0x80, 0x80}), 1},                    // overlong 3-byte
      {bytes({0xE0, 0x9F, 0xBF}), 1},                    //
      {bytes({0xF0, 0x80, 0x80, 0x80}), 1},              // overlong 4-byte
      {bytes({0xF0, 0x8F, 0xBF, 0xBF}), 1},              //
      {bytes({0xED, 0xA0, 0x80}), 1},                    // U+D800
      {bytes({0xED, 0xBF, 0xBF}), 1},                    // U+DFFF
      {bytes({0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80}), 1},  // surrogate pair (CESU-8)
      {bytes({0xF4, 0x90, 0x80, 0x80}), 1},              // U+110000
      {bytes({0xF5, 0x80, 0x80, 0x80}), 0},              //
      {bytes({0xF8, 0x88, 0x80, 0x80, 0x80}), 0},        // 5-byte form
      {bytes({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}), 0},
      {bytes({0xFE}), 0},
      {bytes({0xFF}), 0},
      {bytes({0xC2, 'a'}), 1},         // continuation missing
      {bytes({0xE1, 0x80, 0xC0}), 2},  //
      // Autobahn 6.4.1: κόσμε, then U+110000 begins; fails at the 2nd byte of F4 90.
      {bytes({0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5,
              0xF4, 0x90, 0x80, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64}),
       12},
      {std::string(20, 'x') + bytes({0xED, 0xA0}), 21},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(failPosition(c.s), c.failAt) << testing::PrintToString(c.s);
    EXPECT_FALSE(validInEveryPiecing(c.s));
  }
}

TEST(WebSocketUtf8Test, TruncatedSequencesFailOnlyAtFinish) {
  for (const std::string& s :
       {bytes({0xC2}), bytes({0xE0, 0xA0}), bytes({0xF0, 0x90, 0x80}), bytes({'a', 0xF4})}) {
    Utf8Validator v;
    EXPECT_TRUE(v.feed(s));  // not yet impossible: the next fragment may complete it
    EXPECT_FALSE(v.failed());
    EXPECT_FALSE(v.finish());
    EXPECT_FALSE(validInEveryPiecing(s));
  }
}

TEST(WebSocketUtf8Test, SequenceSplitAcrossFragments) {
  // 😀 = F0 9F 98 80 split across three fragments.
  Utf8Validator v;
  EXPECT_TRUE(v.feed("ab\xF0"));
  EXPECT_FALSE(v.finish());
  EXPECT_TRUE(v.feed("\x9F"));
  EXPECT_TRUE(v.feed("\x98\x80z"));
  EXPECT_TRUE(v.finish());
  // A surrogate detected in the second fragment.
  Utf8Validator w;
  EXPECT_TRUE(w.feed("ok\xED"));
  EXPECT_FALSE(w.feed("\xA0\x80"));
  EXPECT_EQ(w.errorOffset(), 3u);
  EXPECT_FALSE(w.feed("plain"));  // sticky
  w.reset();
  EXPECT_TRUE(w.feed("plain"));
  EXPECT_TRUE(w.finish());
}

TEST(WebSocketUtf8Test, AllTwoByteLeadsAgainstDefinition) {
  // Exhaustive over two bytes against a direct decode.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      std::string s = bytes({a, b});
      bool expected;
      if (a < 0x80)
        expected = b < 0x80;
      else if (a >= 0xC2 && a <= 0xDF)
        expected = b >= 0x80 && b <= 0xBF;
      else
        expected = false;
      EXPECT_EQ(Utf8Validator::isValid(s), expected) << a << " " << b;
    }
  }
}

TEST(WebSocketUtf8Test, AllCodePointsRoundTrip) {
  // Every scalar value encodes to valid UTF-8; every surrogate encoding is invalid.
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x20000 ? 1 : 97)) {
    std::string s;
    if (cp < 0x80) {
      s = bytes({static_cast<int>(cp)});
    } else if (cp < 0x800) {
      s = bytes({0xC0 | static_cast<int>(cp >> 6), 0x80 | static_cast<int>(cp & 63)});
    } else if (cp < 0x10000) {
      s = bytes({0xE0 | static_cast<int>(cp >> 12), 0x80 | static_cast<int>((cp >> 6) & 63),
                 0x80 | static_cast<int>(cp & 63)});
    } else {
      s = bytes({0xF0 | static_cast<int>(cp >> 18), 0x80 | static_cast<int>((cp >> 12) & 63),
                 0x80 | static_cast<int>((cp >> 6) & 63), 0x80 | static_cast<int>(cp & 63)});
    }
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    ASSERT_EQ(Utf8Validator::isValid(s), !surrogate) << std::hex << cp;
  }
}

}  // namespace
}  // namespace surge::protocol
