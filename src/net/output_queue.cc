#include "net/output_queue.h"

#include <sys/uio.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

namespace surge {

void OutputQueue::push(const SendPiece& piece, size_t offset) {
  if (offset >= piece.length) return;
  const char* data = piece.data + offset;
  size_t length = piece.length - offset;
  // Small owned pieces are copied: a reference would cost more than the bytes.
  if (piece.owner && piece.retain && piece.release && length > 64) {
    piece.retain(piece.owner);
    chunks_.push_back({data, length, piece.owner, piece.release, 0});
    bytes_ += length;
  } else {
    pushCopy(data, length);
  }
}

void OutputQueue::pushCopy(const char* data, size_t length) {
  if (head_ < chunks_.size()) {
    Chunk& last = chunks_.back();
    if (last.release == nullptr) {
      const char* base = static_cast<const char*>(last.owner);
      size_t used = static_cast<size_t>(last.data - base) + last.length;
      if (last.capacity - used >= length) {
        std::memcpy(static_cast<char*>(last.owner) + used, data, length);
        last.length += length;
        bytes_ += length;
        return;
      }
    }
  }
  constexpr size_t kMinCopyChunk = 4096;
  size_t capacity = length > kMinCopyChunk ? length : kMinCopyChunk;
  void* copy = std::malloc(capacity);
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, data, length);
  chunks_.push_back({static_cast<const char*>(copy), length, copy, nullptr, capacity});
  bytes_ += length;
}

ssize_t OutputQueue::flushTo(int fd) {
  size_t total = 0;
  while (bytes_ > 0) {
    constexpr int kMaxIov = 64;
    iovec iov[kMaxIov];
    int count = 0;
    size_t offered = 0;
    for (size_t i = head_; i < chunks_.size() && count < kMaxIov; ++i, ++count) {
      iov[count].iov_base = const_cast<char*>(chunks_[i].data);
      iov[count].iov_len = chunks_[i].length;
      offered += chunks_[i].length;
    }
    ssize_t n = ::writev(fd, iov, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      return -1;
    }
    dropFront(static_cast<size_t>(n));
    total += static_cast<size_t>(n);
    if (static_cast<size_t>(n) < offered) break;
  }
  return static_cast<ssize_t>(total);
}

void OutputQueue::dropFront(size_t written) {
  bytes_ -= written;
  while (written > 0 && head_ < chunks_.size()) {
    Chunk& c = chunks_[head_];
    if (written < c.length) {
      c.data += written;
      c.length -= written;
      return;
    }
    written -= c.length;
    if (c.release)
      c.release(c.owner);
    else
      std::free(c.owner);
    ++head_;
  }
  if (head_ == chunks_.size()) {
    // Drained: give the memory back, idle connections should cost nothing here.
    std::vector<Chunk>().swap(chunks_);
    head_ = 0;
  }
}

void OutputQueue::clear() {
  for (size_t i = head_; i < chunks_.size(); ++i) {
    if (chunks_[i].release)
      chunks_[i].release(chunks_[i].owner);
    else
      std::free(chunks_[i].owner);
  }
  std::vector<Chunk>().swap(chunks_);
  head_ = 0;
  bytes_ = 0;
}

}  // namespace surge
