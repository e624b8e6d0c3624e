#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace surge {

// Cuts a byte stream (a service's output pipe) into lines for the log: whole lines are
// emitted without their "\n" (and a "\r" before it), a partial line waits for the rest,
// and a line longer than the limit is emitted cut, with a mark, and its rest dropped up to
// the next newline, so one endless line cannot grow the master's memory.
class LineSplitter {
 public:
  using Emit = std::function<void(std::string_view line)>;

  explicit LineSplitter(size_t maxLine = 8192) : maxLine_(maxLine) {}

  void feed(std::string_view bytes, const Emit& emit);
  // End of stream: a partial line is emitted as it is.
  void flush(const Emit& emit);

  static constexpr std::string_view kCutMark = " [line cut]";

 private:
  size_t maxLine_;
  std::string pending_;
  bool skipping_ = false;  // dropping the rest of a line that was cut
};

}  // namespace surge
