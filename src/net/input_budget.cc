#include "net/input_budget.h"

#include <malloc.h>
#include <sys/time.h>

#include <ctime>

#include <event2/event.h>

#include "event/event_loop.h"
#include "net/connection.h"

namespace surge {

namespace {
// Buffers smaller than this come and go with every request; only large ones leave the
// heap fragmented enough to be worth a trim.
constexpr size_t kLargeBuffer = 256 * 1024;
// Freed large buffers that make a trim worth its walk over the heap.
constexpr size_t kTrimAfter = 8 << 20;
constexpr double kTrimInterval = 1.0;

double monotonicSeconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

InputBudget& InputBudget::process() {
  static InputBudget budget;
  return budget;
}

void InputBudget::update(Connection& c, size_t bytes) {
  used_ = used_ - c.budgeted_ + bytes;
  c.budgeted_ = bytes;
  if (bytes != 0 && c.budgetSlot_ == Connection::kNoBudgetSlot) {
    c.budgetSlot_ = holders_.size();
    holders_.push_back(&c);
  } else if (bytes == 0 && c.budgetSlot_ != Connection::kNoBudgetSlot) {
    Connection* last = holders_.back();
    holders_[c.budgetSlot_] = last;
    last->budgetSlot_ = c.budgetSlot_;
    holders_.pop_back();
    c.budgetSlot_ = Connection::kNoBudgetSlot;
  }
}

Connection* InputBudget::largest() const {
  Connection* best = nullptr;
  for (Connection* c : holders_) {
    if (c->delivering() || !c->isOpen()) continue;
    if (best == nullptr || c->budgeted_ > best->budgeted_) best = c;
  }
  return best;
}

void InputBudget::noteFreed(EventLoop& loop, size_t bytes) {
  if (bytes < kLargeBuffer) return;
  freedSinceTrim_ += bytes;
  if (freedSinceTrim_ < kTrimAfter || trimScheduled_) return;
  double wait = lastTrim_ + kTrimInterval - monotonicSeconds();
  timeval tv{0, 0};
  if (wait > 0) {
    tv.tv_sec = static_cast<time_t>(wait);
    tv.tv_usec = static_cast<suseconds_t>((wait - static_cast<double>(tv.tv_sec)) * 1e6);
  }
  // A one-shot event owned by libevent: nothing here outlives the loop's base.
  if (event_base_once(loop.base(), -1, EV_TIMEOUT, &InputBudget::onTrimDue, this, &tv) == 0)
    trimScheduled_ = true;
}

void InputBudget::onTrimDue(int, short, void* self) {
  auto* b = static_cast<InputBudget*>(self);
  b->trimScheduled_ = false;
  b->freedSinceTrim_ = 0;
  b->lastTrim_ = monotonicSeconds();
  ++b->trims_;
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace surge
