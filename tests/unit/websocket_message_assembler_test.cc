#include "protocol/websocket/message_assembler.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

WsFrameHeader frame(uint8_t opcode, uint64_t length, bool fin, bool rsv1 = false) {
  WsFrameHeader h;
  h.opcode = opcode;
  h.payloadLength = length;
  h.fin = fin;
  h.rsv1 = rsv1;
  return h;
}

TEST(WebSocketMessageAssemblerTest, SingleFrameMessage) {
  WsMessageAssembler a;
  WsAssembleResult r = a.onFrame(frame(ws::kText, 5, true));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.messageStart);
  EXPECT_TRUE(r.messageEnd);
  EXPECT_FALSE(r.control);
  EXPECT_EQ(r.opcode, ws::kText);
  EXPECT_FALSE(a.inMessage());
  EXPECT_TRUE(a.onPayload("Hello").ok());
  EXPECT_EQ(a.messageSize(), 5u);
}

TEST(WebSocketMessageAssemblerTest, LimitChangesBetweenMessages) {
  WsMessageAssembler a(10);
  EXPECT_TRUE(a.onFrame(frame(ws::kBinary, 10, true)).ok());
  EXPECT_TRUE(a.onPayload("0123456789").ok());
  a.setMaxMessageSize(4);
  WsAssembleResult r = a.onFrame(frame(ws::kBinary, 5, true));
  EXPECT_EQ(r.closeCode, 1009);
  a.reset();
  EXPECT_TRUE(a.onFrame(frame(ws::kBinary, 4, true)).ok());  // reset() keeps the new limit
}

TEST(WebSocketMessageAssemblerTest, FragmentedWithInterleavedPing) {
  WsMessageAssembler a;
  WsAssembleResult r = a.onFrame(frame(ws::kText, 3, false));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.messageStart);
  EXPECT_FALSE(r.messageEnd);
  EXPECT_TRUE(a.inMessage());
  EXPECT_TRUE(a.onPayload("Hel").ok());

  r = a.onFrame(frame(ws::kPing, 4, true));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.control);
  EXPECT_EQ(r.opcode, ws::kPing);
  EXPECT_TRUE(a.onPayload("\xff\xfe\x00\x01").ok());  // control payloads are not text
  EXPECT_TRUE(a.inMessage());

  r = a.onFrame(frame(ws::kContinuation, 1, false));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.messageStart);
  EXPECT_EQ(r.opcode, ws::kText);
  EXPECT_TRUE(a.onPayload("l").ok());

  r = a.onFrame(frame(ws::kPong, 0, true));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.control);

  r = a.onFrame(frame(ws::kContinuation, 1, true));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.messageEnd);
  EXPECT_EQ(r.opcode, ws::kText);
  EXPECT_TRUE(a.onPayload("o").ok());
  EXPECT_FALSE(a.inMessage());
  EXPECT_EQ(a.messageSize(), 5u);

  // The next message may start now.
  EXPECT_TRUE(a.onFrame(frame(ws::kBinary, 0, true)).ok());
}

TEST(WebSocketMessageAssemblerTest, NewDataFrameDuringMessageIs1002) {
  for (uint8_t op : {ws::kText, ws::kBinary}) {
    WsMessageAssembler a;
    ASSERT_TRUE(a.onFrame(frame(ws::kBinary, 0, false)).ok());
    WsAssembleResult r = a.onFrame(frame(op, 0, true));
    EXPECT_EQ(r.closeCode, 1002);
    EXPECT_NE(r.reason, nullptr);
  }
}

TEST(WebSocketMessageAssemblerTest, ContinuationWithoutMessageIs1002) {
  WsMessageAssembler a;
  EXPECT_EQ(a.onFrame(frame(ws::kContinuation, 0, true)).closeCode, 1002);
  WsMessageAssembler b;
  ASSERT_TRUE(b.onFrame(frame(ws::kText, 1, true)).ok());
  ASSERT_TRUE(b.onPayload("a").ok());
  EXPECT_EQ(b.onFrame(frame(ws::kContinuation, 0, false)).closeCode, 1002);
}

TEST(WebSocketMessageAssemblerTest, MessageSizeLimitIs1009) {
  WsMessageAssembler a(10);
  ASSERT_TRUE(a.onFrame(frame(ws::kBinary, 4, false)).ok());
  ASSERT_TRUE(a.onFrame(frame(ws::kContinuation, 6, false)).ok());  // exactly 10
  ASSERT_TRUE(a.onFrame(frame(ws::kContinuation, 0, false)).ok());
  EXPECT_EQ(a.onFrame(frame(ws::kContinuation, 1, true)).closeCode, 1009);

  WsMessageAssembler b(10);
  EXPECT_EQ(b.onFrame(frame(ws::kBinary, 11, true)).closeCode, 1009);
  // Huge lengths do not overflow the running sum.
  WsMessageAssembler c(UINT64_MAX - 1);
  ASSERT_TRUE(c.onFrame(frame(ws::kBinary, (1ull << 63) - 1, false)).ok());
  ASSERT_TRUE(c.onFrame(frame(ws::kContinuation, (1ull << 63) - 1, false)).ok());
  EXPECT_EQ(c.onFrame(frame(ws::kContinuation, 1, true)).closeCode, 1009);
  // Control frames do not count towards the message.
  WsMessageAssembler d(4);
  ASSERT_TRUE(d.onFrame(frame(ws::kBinary, 4, false)).ok());
  EXPECT_TRUE(d.onFrame(frame(ws::kPing, 100, true)).ok());
  EXPECT_TRUE(d.onFrame(frame(ws::kContinuation, 0, true)).ok());
}

TEST(WebSocketMessageAssemblerTest, TextIsValidatedAcrossFragments) {
  WsMessageAssembler a;
  ASSERT_TRUE(a.onFrame(frame(ws::kText, 2, false)).ok());
  ASSERT_TRUE(a.onPayload("a\xF0").ok());
  ASSERT_TRUE(a.onFrame(frame(ws::kContinuation, 2, false)).ok());
  ASSERT_TRUE(a.onPayload("\x9F").ok());  // in pieces within a frame, too
  ASSERT_TRUE(a.onPayload("\x98").ok());
  ASSERT_TRUE(a.onFrame(frame(ws::kContinuation, 1, true)).ok());
  EXPECT_TRUE(a.onPayload("\x80").ok());

  // Fail fast: the surrogate is reported in the first fragment, before the message ends.
  WsMessageAssembler b;
  ASSERT_TRUE(b.onFrame(frame(ws::kText, 3, false)).ok());
  EXPECT_EQ(b.onPayload("\xED\xA0\x80").closeCode, 1007);

  // Truncated at the end of the final fragment.
  WsMessageAssembler c;
  ASSERT_TRUE(c.onFrame(frame(ws::kText, 1, false)).ok());
  ASSERT_TRUE(c.onPayload("\xE2").ok());
  ASSERT_TRUE(c.onFrame(frame(ws::kContinuation, 1, true)).ok());
  EXPECT_EQ(c.onPayload("\x82").closeCode, 1007);

  // ...or cut off by an empty final frame.
  WsMessageAssembler d;
  ASSERT_TRUE(d.onFrame(frame(ws::kText, 1, false)).ok());
  ASSERT_TRUE(d.onPayload("\xC3").ok());
  EXPECT_EQ(d.onFrame(frame(ws::kContinuation, 0, true)).closeCode, 1007);

  // Binary and compressed text are not checked here.
  WsMessageAssembler e;
  ASSERT_TRUE(e.onFrame(frame(ws::kBinary, 2, true)).ok());
  EXPECT_TRUE(e.onPayload("\xFF\xFE").ok());
  ASSERT_TRUE(e.onFrame(frame(ws::kText, 2, true, true)).ok());
  EXPECT_TRUE(e.compressed());
  EXPECT_TRUE(e.onPayload("\xFF\xFE").ok());
}

TEST(WebSocketMessageAssemblerTest, PayloadBeyondTheFrameIsAnError) {
  WsMessageAssembler a;
  ASSERT_TRUE(a.onFrame(frame(ws::kBinary, 2, true)).ok());
  EXPECT_FALSE(a.onPayload("abc").ok());
}

}  // namespace
}  // namespace surge::protocol
