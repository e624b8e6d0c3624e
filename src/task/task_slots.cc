#include "task/task_slots.h"

#include <sys/mman.h>

#include <cerrno>
#include <new>
#include <system_error>

namespace surge {

TaskSlots::TaskSlots(int count) : count_(count > 0 ? count : 0), words_(nullptr) {
  if (count_ == 0) return;
  void* p = mmap(nullptr, sizeof(std::atomic<uint64_t>) * static_cast<size_t>(count_),
                 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "task slots: mmap");
  words_ = static_cast<std::atomic<uint64_t>*>(p);
  for (int i = 0; i < count_; ++i) new (&words_[i]) std::atomic<uint64_t>(0);
}

TaskSlots::~TaskSlots() {
  if (words_) munmap(words_, sizeof(std::atomic<uint64_t>) * static_cast<size_t>(count_));
}

pid_t TaskSlots::pidAt(int slot) const {
  return pidOf(words_[slot].load(std::memory_order_acquire));
}

uint32_t TaskSlots::inFlightAt(int slot) const {
  return inFlightOf(words_[slot].load(std::memory_order_acquire));
}

void TaskSlots::publish(int slot, pid_t pid) {
  words_[slot].store(pack(pid, 0), std::memory_order_release);
}

void TaskSlots::withdraw(int slot, pid_t pid) {
  uint64_t word = words_[slot].load(std::memory_order_acquire);
  while (pidOf(word) == pid && !words_[slot].compare_exchange_weak(word, 0)) {
  }
}

void TaskSlots::release(int slot, pid_t pid) {
  uint64_t word = words_[slot].load(std::memory_order_acquire);
  while (pidOf(word) == pid && inFlightOf(word) > 0 &&
         !words_[slot].compare_exchange_weak(word, word - 1)) {
  }
}

int TaskSlots::acquire(uint32_t window, int start, pid_t* pid) {
  if (count_ == 0) return -1;
  start = ((start % count_) + count_) % count_;
  // Another caller may change the chosen word between the look and the swap: look again.
  for (int attempt = 0; attempt < 64; ++attempt) {
    int best = -1;
    uint64_t bestWord = 0;
    for (int k = 0; k < count_; ++k) {
      int i = (start + k) % count_;
      uint64_t word = words_[i].load(std::memory_order_acquire);
      if (pidOf(word) == 0 || inFlightOf(word) >= window) continue;
      if (best < 0 || inFlightOf(word) < inFlightOf(bestWord)) {
        best = i;
        bestWord = word;
      }
    }
    if (best < 0) return -1;
    if (words_[best].compare_exchange_strong(bestWord, bestWord + 1)) {
      *pid = pidOf(bestWord);
      return best;
    }
  }
  return -1;
}

}  // namespace surge
