#include "base/buffer.h"

#include <cstdlib>
#include <new>
#include <utility>

namespace surge {

Buffer::~Buffer() {
  std::free(data_);
}

Buffer::Buffer(Buffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      begin_(std::exchange(other.begin_, 0)),
      end_(std::exchange(other.end_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    begin_ = std::exchange(other.begin_, 0);
    end_ = std::exchange(other.end_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void Buffer::append(const char* bytes, size_t length) {
  if (length == 0) return;
  std::memcpy(prepareWrite(length), bytes, length);
  end_ += length;
}

char* Buffer::prepareWrite(size_t length) {
  if (capacity_ - end_ < length) grow(length);
  return data_ + end_;
}

void Buffer::grow(size_t needed) {
  size_t used = size();
  // Compacting is enough when the consumed prefix makes room and is at least half the
  // buffer: it costs one memmove instead of a reallocation.
  if (begin_ > 0 && capacity_ - used >= needed && begin_ >= capacity_ / 2) {
    std::memmove(data_, data_ + begin_, used);
    begin_ = 0;
    end_ = used;
    return;
  }
  size_t target = capacity_ ? capacity_ * 2 : 256;
  while (target < used + needed) target *= 2;
  char* fresh = static_cast<char*>(std::malloc(target));
  if (fresh == nullptr) throw std::bad_alloc();
  if (used) std::memcpy(fresh, data_ + begin_, used);
  std::free(data_);
  data_ = fresh;
  capacity_ = target;
  begin_ = 0;
  end_ = used;
}

void Buffer::consume(size_t length) {
  if (length >= size()) {
    begin_ = end_ = 0;
    return;
  }
  begin_ += length;
}

void Buffer::release() {
  std::free(data_);
  data_ = nullptr;
  begin_ = end_ = capacity_ = 0;
}

}  // namespace surge
