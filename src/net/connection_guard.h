#pragma once

#include "net/connection.h"

namespace surge {

// Holds a reference to a connection for the duration of a scope: a handler called from
// inside may close it and drop every other reference while it is still on the stack.
class ConnectionGuard {
 public:
  explicit ConnectionGuard(Connection* c) : c_(c) { c_->retain(); }
  ~ConnectionGuard() { c_->release(); }
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

 private:
  Connection* c_;
};

}  // namespace surge
