#pragma once

#include <cstddef>
#include <vector>

namespace surge {

class Connection;
class EventLoop;

// The process's bound on partial input: the bytes connections hold for messages that have
// not arrived whole (an input buffer's allocation, a body collected into its own string).
// maxPackageSize bounds one message; this bounds their sum, so that many clients each
// sending just under maxPackageSize cannot take the process's memory. Past the limit the
// connections holding the most are refused, one after the other until the sum fits again:
// their protocol answers with its error and closes, and the others go on.
//
// It also gives memory back to the system after such bursts: glibc keeps freed heap pages
// (and raises its mmap threshold after a large free), so a worker that once held 1 GB of
// partial input would keep that RSS. Once enough large buffers were freed, malloc_trim()
// runs from the loop, at most once a second.
class InputBudget {
 public:
  static constexpr size_t kDefaultLimit = size_t{256} << 20;

  // The one budget of this process (one loop per process).
  static InputBudget& process();

  // 0: no limit.
  void setLimit(size_t bytes) { limit_ = bytes; }
  size_t limit() const { return limit_; }
  size_t used() const { return used_; }
  bool over() const { return limit_ != 0 && used_ > limit_; }

  // `c` now holds `bytes` of partial input (0: none).
  void update(Connection& c, size_t bytes);
  // The connection holding the most that may be refused now (not being given bytes,
  // still open), or null.
  Connection* largest() const;

  // `bytes` of input memory were freed; after large frees, schedules a trim on `loop`.
  void noteFreed(EventLoop& loop, size_t bytes);
  // Times malloc_trim() ran (for tests and the curious).
  size_t trims() const { return trims_; }

 private:
  static void onTrimDue(int, short, void* self);

  std::vector<Connection*> holders_;
  size_t used_ = 0;
  size_t limit_ = kDefaultLimit;
  size_t freedSinceTrim_ = 0;
  double lastTrim_ = 0;
  bool trimScheduled_ = false;
  size_t trims_ = 0;
};

}  // namespace surge
