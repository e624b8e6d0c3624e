#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace surge {

// What callers and task processes say to each other through their inboxes: a fixed
// header (kind, task id, the caller's worker id) and the serialized PHP value. Both ends
// are processes of the same build on the same machine, so the header is in host order.
struct TaskMessage {
  enum Kind : uint8_t {
    kTask = 1,    // caller → task process: body is the serialized data
    kResult = 2,  // task process → caller: body is the serialized return value of onTask
    kFailed = 3,  // task process → caller: body is why there is no result (for TaskError)
  };
  Kind kind = kTask;
  uint64_t taskId = 0;
  int32_t srcWorkerId = 0;
  std::string_view body;

  static constexpr size_t kHeaderSize = 1 + 8 + 4;

  std::string encode() const;
  // False for a message too short or of an unknown kind (nothing else is in an inbox
  // of this scope, so that is a bug, logged by the caller).
  static bool decode(std::string_view bytes, TaskMessage* out);
};

}  // namespace surge
