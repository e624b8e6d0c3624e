#include "ipc/envelope.h"

#include <gtest/gtest.h>

namespace surge {
namespace {

TEST(Envelope, RoundTripsEveryField) {
  Envelope e;
  e.target = Envelope::Target::kGroups;
  e.close = true;
  e.process = 4242;
  e.connections = {1, 1ULL << 40};
  e.names = {"room", "", std::string("a\0b", 3)};
  e.exclude = {"node:1:2"};
  e.message = std::string("binary\0message", 14);
  Envelope d;
  ASSERT_TRUE(Envelope::decode(e.encode(), &d));
  EXPECT_EQ(d.target, e.target);
  EXPECT_EQ(d.close, e.close);
  EXPECT_EQ(d.process, e.process);
  EXPECT_EQ(d.connections, e.connections);
  EXPECT_EQ(d.names, e.names);
  EXPECT_EQ(d.exclude, e.exclude);
  EXPECT_EQ(d.message, e.message);
}

TEST(Envelope, RefusesWhatIsNotAWholeEnvelope) {
  Envelope e;
  e.target = Envelope::Target::kUids;
  e.names = {"alice", "bob"};
  std::string bytes = e.encode();
  Envelope d;
  // Every cut before the message ends inside the header or a list.
  for (size_t n = 0; n + 1 < bytes.size(); ++n)
    EXPECT_FALSE(Envelope::decode(std::string_view(bytes).substr(0, n), &d)) << n;
  std::string wrongVersion = bytes;
  wrongVersion[0] = 9;
  EXPECT_FALSE(Envelope::decode(wrongVersion, &d));
  std::string wrongTarget = bytes;
  wrongTarget[1] = 7;
  EXPECT_FALSE(Envelope::decode(wrongTarget, &d));
  // A count larger than the bytes that follow is refused before anything is allocated.
  std::string huge = bytes.substr(0, 7) + std::string("\xff\xff\xff\x7f", 4);
  EXPECT_FALSE(Envelope::decode(huge, &d));
}

}  // namespace
}  // namespace surge
