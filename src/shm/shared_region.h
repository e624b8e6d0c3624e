#pragma once

#include <cstddef>

namespace surge {

// Shared memory for the processes of one machine: an anonymous MAP_SHARED mapping.
// Created in the master before it forks, it is inherited by every worker at the same
// address, so raw pointers (and indexes) into it mean the same thing in every process.
// Each process unmaps its own view when the owner of this object goes (the memory itself
// goes with the last process that still maps it).
class SharedRegion {
 public:
  // Maps `size` zero-filled bytes (rounded up to whole pages). Throws std::system_error
  // when the kernel refuses (the message names the size).
  explicit SharedRegion(size_t size);
  ~SharedRegion();
  SharedRegion(const SharedRegion&) = delete;
  SharedRegion& operator=(const SharedRegion&) = delete;

  void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace surge
