#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surge {

// A message on its way to connections of another process (through its Mailbox) or of
// another node (through the cluster's channels): who it is for, who is left out, and the
// message itself, which the receiving process encodes for each connection's protocol.
struct Envelope {
  enum class Target : uint8_t { kConnections = 1, kUids = 2, kGroups = 3, kAll = 4 };
  Target target = Target::kConnections;
  bool close = false;  // closeClient(): the message (if any) goes out, then the connection closes
  pid_t process = 0;   // the process meant (0: every process that receives it)
  std::vector<uint64_t> connections;  // kConnections: ids in that process
  std::vector<std::string> names;     // kUids, kGroups
  std::vector<std::string> exclude;   // client ids that must not get it
  std::string message;

  std::string encode() const;
  // False for bytes that are not a whole envelope (nothing half-read is used).
  static bool decode(std::string_view bytes, Envelope* out);
};

}  // namespace surge
