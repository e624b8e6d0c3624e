#include "base/buffer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>

namespace surge {
namespace {

TEST(BufferTest, EmptyBufferOwnsNoMemory) {
  Buffer b;
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.capacity(), 0u);
  EXPECT_EQ(b.view(), "");
}

TEST(BufferTest, AppendAndView) {
  Buffer b;
  b.append("hello");
  b.append(std::string_view(" "));
  b.append("world!", 5);
  EXPECT_FALSE(b.empty());
  EXPECT_EQ(b.size(), 11u);
  EXPECT_EQ(b.view(), "hello world");
  EXPECT_GE(b.capacity(), 11u);
}

TEST(BufferTest, AppendNothingAllocatesNothing) {
  Buffer b;
  b.append("", 0);
  b.append(std::string_view());
  EXPECT_EQ(b.capacity(), 0u);
  EXPECT_TRUE(b.empty());
}

TEST(BufferTest, ConsumeDropsFrontAndClampsToSize) {
  Buffer b;
  b.append("abcdef");
  b.consume(2);
  EXPECT_EQ(b.view(), "cdef");
  b.consume(0);
  EXPECT_EQ(b.view(), "cdef");
  b.consume(100);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.size(), 0u);
  // consume() keeps the allocation.
  EXPECT_GT(b.capacity(), 0u);
  b.consume(5);  // on an empty buffer: harmless
  EXPECT_TRUE(b.empty());
}

TEST(BufferTest, ConsumeEverythingRewindsSoTheWholeCapacityIsWritable) {
  Buffer b;
  b.append(std::string(100, 'x'));
  size_t cap = b.capacity();
  b.consume(100);
  EXPECT_EQ(b.writableSize(), cap);
  b.append(std::string(cap, 'y'));
  EXPECT_EQ(b.capacity(), cap);
  EXPECT_EQ(b.view(), std::string(cap, 'y'));
}

TEST(BufferTest, GrowsGeometricallyAndKeepsContent) {
  Buffer b;
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = std::to_string(i) + ",";
    b.append(piece);
    expected += piece;
  }
  EXPECT_EQ(b.view(), expected);
  EXPECT_GE(b.capacity(), expected.size());
  // Powers of two from 256 on.
  EXPECT_EQ(b.capacity() & (b.capacity() - 1), 0u);
  EXPECT_GE(b.capacity(), 256u);
}

TEST(BufferTest, CompactsInPlaceWhenTheConsumedPrefixIsLarge) {
  Buffer b;
  b.append(std::string(200, 'a'));
  ASSERT_EQ(b.capacity(), 256u);
  b.append(std::string(40, 'b'));  // 240 used
  b.consume(200);                  // 40 left at offset 200
  ASSERT_EQ(b.view(), std::string(40, 'b'));
  const char* before = b.data();
  // 16 bytes free at the end; 100 more fit after moving the 40 live bytes to the front.
  b.append(std::string(100, 'c'));
  EXPECT_EQ(b.capacity(), 256u);
  EXPECT_LT(b.data(), before);  // moved to the front of the same block
  EXPECT_EQ(b.view(), std::string(40, 'b') + std::string(100, 'c'));
  EXPECT_EQ(b.writableSize(), 256u - 140u);
}

TEST(BufferTest, ReallocatesWhenTheConsumedPrefixIsSmall) {
  Buffer b;
  b.append(std::string(250, 'a'));
  ASSERT_EQ(b.capacity(), 256u);
  b.consume(10);  // a small prefix: not worth compacting
  b.append(std::string(10, 'z'));
  EXPECT_EQ(b.capacity(), 512u);
  EXPECT_EQ(b.view(), std::string(240, 'a') + std::string(10, 'z'));
}

TEST(BufferTest, ReallocatesWhenCompactingWouldNotMakeEnoughRoom) {
  Buffer b;
  b.append(std::string(256, 'a'));
  b.consume(200);  // large prefix, 56 live bytes
  b.append(std::string(300, 'b'));
  EXPECT_GE(b.capacity(), 356u);
  EXPECT_EQ(b.view(), std::string(56, 'a') + std::string(300, 'b'));
}

TEST(BufferTest, PrepareWriteThenCommit) {
  Buffer b;
  b.append("head:");
  char* p = b.prepareWrite(1000);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p, b.writePointer());
  EXPECT_GE(b.writableSize(), 1000u);
  std::memcpy(p, "0123456789", 10);
  // Nothing is visible before commit().
  EXPECT_EQ(b.view(), "head:");
  b.commit(4);
  EXPECT_EQ(b.view(), "head:0123");
  EXPECT_EQ(b.size(), 9u);
  // A second prepareWrite that already fits returns the current write pointer.
  char* q = b.prepareWrite(1);
  EXPECT_EQ(q, b.writePointer());
  *q = '!';
  b.commit(1);
  EXPECT_EQ(b.view(), "head:0123!");
}

TEST(BufferTest, PrepareWriteOnEmptyBufferAllocatesAtLeast256) {
  Buffer b;
  b.prepareWrite(1);
  EXPECT_EQ(b.capacity(), 256u);
  EXPECT_EQ(b.writableSize(), 256u);
  EXPECT_TRUE(b.empty());
  Buffer big;
  big.prepareWrite(5000);
  EXPECT_GE(big.writableSize(), 5000u);
}

TEST(BufferTest, PrepareWriteCompactsAfterConsume) {
  Buffer b;
  b.append(std::string(256, 'x'));
  b.consume(250);
  char* p = b.prepareWrite(200);
  EXPECT_EQ(b.capacity(), 256u);
  EXPECT_GE(b.writableSize(), 200u);
  std::memset(p, 'y', 200);
  b.commit(200);
  EXPECT_EQ(b.view(), std::string(6, 'x') + std::string(200, 'y'));
}

TEST(BufferTest, ClearKeepsAllocationReleaseFreesIt) {
  Buffer b;
  b.append("some bytes");
  size_t cap = b.capacity();
  b.clear();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.capacity(), cap);
  b.append("again");
  EXPECT_EQ(b.view(), "again");
  b.release();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.capacity(), 0u);
  EXPECT_EQ(b.writableSize(), 0u);
  b.append("after release");
  EXPECT_EQ(b.view(), "after release");
}

TEST(BufferTest, MoveConstructorTransfersOwnership) {
  Buffer a;
  a.append("0123456789");
  a.consume(3);
  size_t cap = a.capacity();
  Buffer b(std::move(a));
  EXPECT_EQ(b.view(), "3456789");
  EXPECT_EQ(b.capacity(), cap);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is specified empty
  EXPECT_EQ(a.capacity(), 0u);
  a.append("reuse");
  EXPECT_EQ(a.view(), "reuse");
}

TEST(BufferTest, MoveAssignmentFreesTheTargetAndTransfers) {
  Buffer a;
  a.append("source");
  Buffer b;
  b.append(std::string(1000, 'q'));
  b = std::move(a);
  EXPECT_EQ(b.view(), "source");
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.capacity(), 0u);

  // Self-move leaves the buffer intact.
  Buffer& alias = b;
  b = std::move(alias);
  EXPECT_EQ(b.view(), "source");
}

TEST(BufferTest, ManySmallAppendsAndConsumesBehaveLikeAQueue) {
  Buffer b;
  std::string model;
  unsigned seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245u + 12345u;
    size_t n = (seed >> 16) % 300;
    if ((seed >> 8) & 1) {
      std::string piece(n, static_cast<char>('a' + i % 26));
      b.append(piece);
      model += piece;
    } else {
      b.consume(n);
      model.erase(0, n);
    }
    ASSERT_EQ(b.size(), model.size());
  }
  EXPECT_EQ(b.view(), model);
}

}  // namespace
}  // namespace surge
