#pragma once

#include <exception>

#include "base/log.h"

namespace surge {

// Runs the work of one event. A C++ exception it throws (bad_alloc from a buffer, an
// output queue or a deferred call) is logged here instead of unwinding into libevent's C
// frames, which would end the whole process with std::terminate. Returns false when the
// work threw, so the caller can close what the event belonged to.
template <typename Work>
bool guardEvent(const char* what, Work&& work) noexcept {
  try {
    work();
    return true;
  } catch (const std::exception& e) {
    Log::writef(LogLevel::kError, "%s failed: %s", what, e.what());
  } catch (...) {
    Log::writef(LogLevel::kError, "%s failed", what);
  }
  return false;
}

}  // namespace surge
