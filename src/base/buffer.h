// src/base owns the plain building blocks every other layer uses: byte buffers and the
// log sink. Nothing here knows about sockets, the event loop or PHP.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace surge {

// A contiguous byte buffer with a consumed prefix. Protocol codecs need the unread bytes
// in one piece, so this never fragments; consume() only moves an offset and the bytes are
// compacted lazily when room is needed at the end. An empty buffer owns no memory, which
// keeps idle connections small.
class Buffer {
 public:
  Buffer() = default;
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;

  const char* data() const { return data_ + begin_; }
  size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }
  size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data(), size()}; }

  void append(const char* bytes, size_t length);
  void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }

  // Makes at least `length` writable bytes available after the data and returns them;
  // commit() then marks how many of them were filled.
  char* prepareWrite(size_t length);
  size_t writableSize() const { return capacity_ - end_; }
  char* writePointer() { return data_ + end_; }
  void commit(size_t length) { end_ += length; }

  // Drops `length` bytes from the front (clamped to size()).
  void consume(size_t length);
  // Drops everything; keeps the allocation.
  void clear() { begin_ = end_ = 0; }
  // Drops everything and frees the allocation.
  void release();

 private:
  void grow(size_t needed);

  char* data_ = nullptr;
  size_t begin_ = 0;
  size_t end_ = 0;
  size_t capacity_ = 0;
};

}  // namespace surge
