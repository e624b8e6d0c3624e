#pragma once

#include <string>
#include <vector>

namespace surge {

// Our own copy of a Redis reply, so callers never see hiredis types. `str` holds the bulk
// string, the status text or the error message; `integer` an integer reply; `elements`
// an array's items (nested arrays for XREADGROUP and friends).
struct RedisReply {
  enum class Type { kString, kStatus, kError, kInteger, kNil, kArray } type = Type::kNil;
  std::string str;
  long long integer = 0;
  std::vector<RedisReply> elements;

  bool isError() const { return type == Type::kError; }
  bool isNil() const { return type == Type::kNil; }
};

}  // namespace surge
