#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/utf8_validator.h"

namespace surge::protocol {

struct WsAssembleResult {
  uint16_t closeCode = 0;  // 0: fine; else 1002, 1007 or 1009 to send before closing
  const char* reason = nullptr;
  bool control = false;       // a control frame: handle it alone, the message state is untouched
  bool messageStart = false;  // first frame of a data message
  bool messageEnd = false;    // FIN: once its payload is in, the message is whole
  uint8_t opcode = 0;         // the frame's opcode, or the message's for a continuation

  bool ok() const { return closeCode == 0; }
};

// The fragmentation state machine (RFC 6455 §5.4) over frames from WsFrameParser: a data
// frame with FIN=0 opens a message, continuation frames extend it, control frames may come
// in between. It keeps no payload bytes (the binding appends them where it wants them, so
// nothing is copied twice); it only tracks sizes and checks text as UTF-8 on the way, so a
// bad byte closes with 1007 as soon as it arrives. After an error, stop feeding it.
class WsMessageAssembler {
 public:
  explicit WsMessageAssembler(uint64_t maxMessageSize = 16 * 1024 * 1024)
      : maxMessageSize_(maxMessageSize) {}

  // Each frame's header, as soon as it is parsed (before its payload).
  WsAssembleResult onFrame(const WsFrameHeader& header);
  // The frame's payload after unmasking, in order, in any number of pieces that add up to
  // its payloadLength. Text is validated unless compressed (then the binding validates the
  // inflated bytes with its own Utf8Validator).
  WsAssembleResult onPayload(std::string_view chunk);

  bool inMessage() const { return inMessage_; }
  uint8_t messageOpcode() const { return opcode_; }
  bool compressed() const { return compressed_; }
  uint64_t messageSize() const { return size_; }
  void reset() { *this = WsMessageAssembler(maxMessageSize_); }
  // The limit may change between messages (a connection's maxPackageSize is writable);
  // it applies from the next frame on.
  void setMaxMessageSize(uint64_t maxMessageSize) { maxMessageSize_ = maxMessageSize; }

 private:
  uint64_t maxMessageSize_;
  bool inMessage_ = false;
  uint8_t opcode_ = 0;
  bool compressed_ = false;
  uint64_t size_ = 0;
  // The frame whose payload is arriving now.
  bool frameControl_ = false;
  bool frameFinal_ = false;
  bool validate_ = false;
  uint64_t frameRemaining_ = 0;
  Utf8Validator utf8_;
};

}  // namespace surge::protocol
