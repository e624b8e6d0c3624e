#include "net/output_queue.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

// A reference-counted byte string standing in for a PHP string.
struct Owner {
  std::string bytes;
  int refs = 1;
  int retains = 0;
  int releases = 0;

  static void retain(void* self) {
    auto* o = static_cast<Owner*>(self);
    ++o->refs;
    ++o->retains;
  }
  static void release(void* self) {
    auto* o = static_cast<Owner*>(self);
    --o->refs;
    ++o->releases;
  }
  SendPiece piece() { return {bytes.data(), bytes.size(), this, &Owner::retain, &Owner::release}; }
};

using surge::testing::pattern;

// A connected AF_UNIX stream pair, both non-blocking; [0] with a small send buffer
// unless asked otherwise.
struct SocketPair {
  int fds[2] = {-1, -1};
  explicit SocketPair(bool smallSendBuffer = true) {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    int small = 4096;
    if (smallSendBuffer) ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    surge::testing::setNonBlocking(fds[0]);
    surge::testing::setNonBlocking(fds[1]);
  }
  ~SocketPair() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  // Bytes written but not read yet by the peer.
  size_t pendingAtPeer() const {
    int n = 0;
    ::ioctl(fds[1], FIONREAD, &n);
    return static_cast<size_t>(n);
  }
  std::string drainPeer() {
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fds[1], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
};

// Flushes `q` into `sp` until empty, reading the peer in between; returns what arrived.
std::string flushAll(OutputQueue& q, SocketPair& sp, int* partialFlushes = nullptr) {
  std::string received;
  for (int rounds = 0; !q.empty() && rounds < 100000; ++rounds) {
    size_t before = q.bytes();
    ssize_t n = q.flushTo(sp.fds[0]);
    EXPECT_GE(n, 0) << std::strerror(errno);
    if (n < 0) break;
    EXPECT_EQ(q.bytes(), before - static_cast<size_t>(n));
    if (partialFlushes && !q.empty()) ++*partialFlushes;
    received += sp.drainPeer();
  }
  received += sp.drainPeer();
  return received;
}

TEST(OutputQueueTest, StartsEmpty) {
  OutputQueue q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
  SocketPair sp;
  EXPECT_EQ(q.flushTo(sp.fds[0]), 0);
}

TEST(OutputQueueTest, PushWithoutOwnerCopies) {
  OutputQueue q;
  std::string source = "hello, world";
  q.push(SendPiece{source.data(), source.size()});
  EXPECT_FALSE(q.empty());
  EXPECT_EQ(q.bytes(), source.size());
  source.assign(source.size(), 'X');  // the queue has its own copy
  SocketPair sp;
  EXPECT_EQ(flushAll(q, sp), "hello, world");
  EXPECT_TRUE(q.empty());
}

TEST(OutputQueueTest, PushWithOffsetQueuesTheRest) {
  OutputQueue q;
  std::string source = "0123456789";
  q.push(SendPiece{source.data(), source.size()}, 4);
  EXPECT_EQ(q.bytes(), 6u);
  q.push(SendPiece{source.data(), source.size()}, 10);  // nothing left
  q.push(SendPiece{source.data(), source.size()}, 11);
  q.push(SendPiece{source.data(), 0});
  EXPECT_EQ(q.bytes(), 6u);
  SocketPair sp;
  EXPECT_EQ(flushAll(q, sp), "456789");
}

TEST(OutputQueueTest, SmallOwnedPiecesAreCopied) {
  Owner o{std::string(64, 's')};
  {
    OutputQueue q;
    q.push(o.piece());
    EXPECT_EQ(o.retains, 0);  // 64 bytes: copied, no reference taken
    EXPECT_EQ(o.refs, 1);
    o.bytes.assign(64, 'Z');  // the copy is unaffected
    SocketPair sp;
    EXPECT_EQ(flushAll(q, sp), std::string(64, 's'));
  }
  EXPECT_EQ(o.retains, 0);
  EXPECT_EQ(o.releases, 0);
}

TEST(OutputQueueTest, LargeOwnedPiecesAreReferenced) {
  Owner o{std::string(65, 'r')};
  OutputQueue q;
  q.push(o.piece());
  EXPECT_EQ(o.retains, 1);
  EXPECT_EQ(o.refs, 2);
  EXPECT_EQ(q.bytes(), 65u);
  // Referenced, not copied: a change to the owner's bytes shows in the output.
  o.bytes[0] = 'R';
  SocketPair sp;
  EXPECT_EQ(flushAll(q, sp), "R" + std::string(64, 'r'));
  EXPECT_EQ(o.releases, 1);
  EXPECT_EQ(o.refs, 1);
}

TEST(OutputQueueTest, TheSizeRuleAppliesToWhatIsLeftAfterTheOffset) {
  Owner o{pattern(100, 1)};
  OutputQueue q;
  q.push(o.piece(), 36);  // 64 bytes left: copied
  EXPECT_EQ(o.retains, 0);
  q.push(o.piece(), 35);  // 65 bytes left: referenced
  EXPECT_EQ(o.retains, 1);
  SocketPair sp;
  EXPECT_EQ(flushAll(q, sp), o.bytes.substr(36) + o.bytes.substr(35));
  EXPECT_EQ(o.releases, 1);
  EXPECT_EQ(o.refs, 1);
}

TEST(OutputQueueTest, OwnerWithoutRetainIsCopied) {
  Owner o{std::string(200, 'n')};
  SendPiece p{o.bytes.data(), o.bytes.size(), &o, nullptr, nullptr};
  OutputQueue q;
  q.push(p);
  o.bytes.assign(200, 'm');
  SocketPair sp;
  EXPECT_EQ(flushAll(q, sp), std::string(200, 'n'));
}

TEST(OutputQueueTest, ClearReleasesReferencesAndFreesCopies) {
  Owner a{pattern(1000, 2)};
  Owner b{pattern(500, 3)};
  OutputQueue q;
  q.push(a.piece());
  q.push(SendPiece{"copied bytes", 12});
  q.push(b.piece());
  q.push(a.piece(), 10);  // a second reference to the same owner
  EXPECT_EQ(a.retains, 2);
  EXPECT_EQ(b.retains, 1);
  EXPECT_EQ(q.bytes(), 1000u + 12u + 500u + 990u);
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
  EXPECT_EQ(a.refs, 1);
  EXPECT_EQ(a.releases, 2);
  EXPECT_EQ(b.refs, 1);
  EXPECT_EQ(b.releases, 1);
  q.clear();  // twice is fine
  EXPECT_EQ(a.releases, 2);
}

TEST(OutputQueueTest, DestructorReleasesReferences) {
  Owner o{pattern(300, 4)};
  {
    OutputQueue q;
    q.push(o.piece());
    EXPECT_EQ(o.refs, 2);
  }
  EXPECT_EQ(o.refs, 1);
  EXPECT_EQ(o.releases, 1);
}

TEST(OutputQueueTest, PartialWritesKeepByteOrder) {
  // Much more than the 4 KB send buffer takes at once, in pieces of every kind.
  std::vector<Owner> owners;
  owners.reserve(40);
  for (unsigned i = 0; i < 40; ++i) owners.push_back(Owner{pattern(1000 + i * 517, 100 + i)});
  OutputQueue q;
  std::string expected;
  for (unsigned i = 0; i < 40; ++i) {
    q.push(owners[i].piece());
    expected += owners[i].bytes;
    std::string small = pattern(1 + i % 64, 500 + i);  // copied
    q.push(SendPiece{small.data(), small.size()});
    expected += small;
    q.push(owners[i].piece(), owners[i].bytes.size() - 70);  // a referenced tail
    expected += owners[i].bytes.substr(owners[i].bytes.size() - 70);
  }
  ASSERT_EQ(q.bytes(), expected.size());

  SocketPair sp;
  // The first flush cannot take everything: the peer has not read yet.
  ssize_t first = q.flushTo(sp.fds[0]);
  ASSERT_GT(first, 0);
  EXPECT_LT(static_cast<size_t>(first), expected.size());
  EXPECT_EQ(q.bytes(), expected.size() - static_cast<size_t>(first));
  // With the socket full, another flush reports 0 (EAGAIN), not an error.
  EXPECT_EQ(q.flushTo(sp.fds[0]), 0);

  std::string received = sp.drainPeer();
  int partial = 0;
  received += flushAll(q, sp, &partial);
  EXPECT_GT(partial, 0);
  EXPECT_EQ(received.size(), expected.size());
  EXPECT_TRUE(received == expected) << "byte order differs";
  EXPECT_TRUE(q.empty());
  for (const Owner& o : owners) {
    EXPECT_EQ(o.refs, 1);
    EXPECT_EQ(o.retains, o.releases);
    EXPECT_EQ(o.retains, 2);
  }
}

TEST(OutputQueueTest, SmallCopiesInARowShareOneChunk) {
  OutputQueue q;
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    std::string piece = std::to_string(i) + ";";
    q.push(SendPiece{piece.data(), piece.size()});
    expected += piece;
  }
  SocketPair sp;
  ASSERT_LT(expected.size(), 4000u);
  EXPECT_EQ(q.flushTo(sp.fds[0]), static_cast<ssize_t>(expected.size()));
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(sp.drainPeer(), expected);
}

TEST(OutputQueueTest, MoreThan64ChunksAreFlushedInOneCall) {
  // References and copies alternate, so every piece is its own chunk: several writev()
  // calls of at most 64 iovecs each within one flushTo().
  std::vector<Owner> owners;
  owners.reserve(200);
  OutputQueue q;
  std::string expected;
  for (unsigned i = 0; i < 200; ++i) {
    owners.push_back(Owner{pattern(65 + i % 30, i)});
    q.push(owners.back().piece());
    expected += owners.back().bytes;
    std::string small = std::to_string(i) + ",";
    q.push(SendPiece{small.data(), small.size()});
    expected += small;
  }
  SocketPair sp(/*smallSendBuffer=*/false);
  ASSERT_LT(expected.size(), 32000u);  // far below the default socket buffer
  EXPECT_EQ(q.flushTo(sp.fds[0]), static_cast<ssize_t>(expected.size()));
  EXPECT_TRUE(q.empty());
  EXPECT_TRUE(sp.drainPeer() == expected);
  for (const Owner& o : owners) {
    EXPECT_EQ(o.retains, 1);
    EXPECT_EQ(o.refs, 1);
  }
}

TEST(OutputQueueTest, PushAfterPartialFlushAppends) {
  SocketPair sp;
  OutputQueue q;
  std::string big = pattern(200000, 9);
  q.push(SendPiece{big.data(), big.size()});
  ssize_t n = q.flushTo(sp.fds[0]);
  ASSERT_GE(n, 0);
  ASSERT_FALSE(q.empty());
  std::string tail = "tail";
  q.push(SendPiece{tail.data(), tail.size()});
  std::string received = flushAll(q, sp);
  EXPECT_TRUE(received == big + tail);
}

TEST(OutputQueueTest, SmallCopiesInterleavedWithPartialFlushesKeepOrder) {
  // Small copies are packed into shared chunks; pushes that land in a chunk whose front
  // was already partly written must still come out in order.
  SocketPair sp;
  OutputQueue q;
  std::vector<Owner> owners;
  owners.reserve(50);
  std::string expected;
  std::string received;
  unsigned seed = 99;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245u + 12345u;
    if (i % 60 == 0) {
      owners.push_back(Owner{pattern(200 + i % 300, seed)});
      q.push(owners.back().piece());  // a reference between the copies
      expected += owners.back().bytes;
    }
    std::string piece = pattern(1 + (seed >> 16) % 100, seed);
    q.push(SendPiece{piece.data(), piece.size()});
    expected += piece;
    if (i % 7 == 0) {
      ssize_t n = q.flushTo(sp.fds[0]);
      ASSERT_GE(n, 0);
    }
    if (i % 23 == 0) received += sp.drainPeer();
    ASSERT_EQ(q.bytes(), expected.size() - received.size() - sp.pendingAtPeer());
  }
  received += flushAll(q, sp);
  EXPECT_EQ(received.size(), expected.size());
  EXPECT_TRUE(received == expected) << "byte order differs";
  for (const Owner& o : owners) EXPECT_EQ(o.refs, 1);
}

TEST(OutputQueueTest, WriteErrorIsReported) {
  OutputQueue q;
  q.push(SendPiece{"abc", 3});
  errno = 0;
  EXPECT_EQ(q.flushTo(-1), -1);
  EXPECT_EQ(errno, EBADF);
  EXPECT_EQ(q.bytes(), 3u);  // nothing dropped
}

}  // namespace
}  // namespace surge
