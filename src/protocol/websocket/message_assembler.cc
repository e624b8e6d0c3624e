#include "protocol/websocket/message_assembler.h"

namespace surge::protocol {

namespace {

WsAssembleResult assembleError(uint16_t code, const char* reason) {
  WsAssembleResult r;
  r.closeCode = code;
  r.reason = reason;
  return r;
}

}  // namespace

WsAssembleResult WsMessageAssembler::onFrame(const WsFrameHeader& header) {
  WsAssembleResult r;
  r.opcode = header.opcode;
  frameRemaining_ = header.payloadLength;
  if (ws::isControl(header.opcode)) {
    frameControl_ = true;
    r.control = true;
    return r;
  }
  frameControl_ = false;
  if (header.opcode == ws::kContinuation) {
    if (!inMessage_) return assembleError(1002, "continuation without a message");
    r.opcode = opcode_;
  } else {
    if (inMessage_) return assembleError(1002, "new message before the last one ended");
    inMessage_ = true;
    opcode_ = header.opcode;
    compressed_ = header.rsv1;
    size_ = 0;
    utf8_.reset();
    validate_ = header.opcode == ws::kText && !header.rsv1;
    r.messageStart = true;
  }
  // Checked before the payload arrives; written so that the sum cannot overflow.
  if (header.payloadLength > maxMessageSize_ - size_) return assembleError(1009, "message too big");
  size_ += header.payloadLength;
  frameFinal_ = header.fin;
  if (header.fin) {
    inMessage_ = false;
    r.messageEnd = true;
    if (header.payloadLength == 0 && validate_ && !utf8_.finish())
      return assembleError(1007, "invalid UTF-8 in text message");
  }
  return r;
}

WsAssembleResult WsMessageAssembler::onPayload(std::string_view chunk) {
  WsAssembleResult r;
  r.control = frameControl_;
  r.opcode = opcode_;
  if (chunk.size() > frameRemaining_)
    return assembleError(1011, "payload beyond the frame's length");
  frameRemaining_ -= chunk.size();
  if (frameControl_ || !validate_) return r;
  if (!utf8_.feed(chunk)) return assembleError(1007, "invalid UTF-8 in text message");
  if (frameRemaining_ == 0 && frameFinal_ && !utf8_.finish())
    return assembleError(1007, "invalid UTF-8 in text message");
  return r;
}

}  // namespace surge::protocol
