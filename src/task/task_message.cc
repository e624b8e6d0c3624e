#include "task/task_message.h"

#include <cstring>

namespace surge {

std::string TaskMessage::encode() const {
  std::string out(kHeaderSize + body.size(), '\0');
  out[0] = static_cast<char>(kind);
  std::memcpy(&out[1], &taskId, 8);
  std::memcpy(&out[9], &srcWorkerId, 4);
  if (!body.empty()) std::memcpy(&out[kHeaderSize], body.data(), body.size());
  return out;
}

bool TaskMessage::decode(std::string_view bytes, TaskMessage* out) {
  if (bytes.size() < kHeaderSize) return false;
  uint8_t kind = static_cast<uint8_t>(bytes[0]);
  if (kind < kTask || kind > kFailed) return false;
  out->kind = static_cast<Kind>(kind);
  std::memcpy(&out->taskId, bytes.data() + 1, 8);
  std::memcpy(&out->srcWorkerId, bytes.data() + 9, 4);
  out->body = bytes.substr(kHeaderSize);
  return true;
}

}  // namespace surge
