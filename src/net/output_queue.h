#pragma once

#include <sys/types.h>

#include <cstddef>
#include <vector>

namespace surge {

// A piece of outgoing bytes. When `owner` is set the bytes belong to a reference-counted
// object outside the core (a PHP string, a shared broadcast frame): queueing them takes
// a reference instead of copying. Without an owner they are copied if they must wait.
struct SendPiece {
  const char* data;
  size_t length;
  void* owner = nullptr;
  void (*retain)(void* owner) = nullptr;
  void (*release)(void* owner) = nullptr;
};

// Bytes waiting for the socket to become writable, flushed with writev().
class OutputQueue {
 public:
  OutputQueue() = default;
  ~OutputQueue() { clear(); }
  OutputQueue(const OutputQueue&) = delete;
  OutputQueue& operator=(const OutputQueue&) = delete;

  bool empty() const { return bytes_ == 0; }
  size_t bytes() const { return bytes_; }

  // Queues `piece` from byte `offset` on (taking a reference or copying).
  void push(const SendPiece& piece, size_t offset = 0);
  // Writes as much as the socket takes. Returns bytes written, or -1 with errno set
  // (EAGAIN is reported as 0).
  ssize_t flushTo(int fd);
  void clear();

 private:
  struct Chunk {
    const char* data;
    size_t length;
    void* owner;  // retained owner, or the malloc'd copy when release is null
    void (*release)(void*);
    size_t capacity;  // bytes allocated at `owner` for a copy (0 for references)
  };
  // Copies into the last chunk when it is a copy with room left, so that many small
  // messages queued in a row become one buffer and one iovec.
  void pushCopy(const char* data, size_t length);
  void dropFront(size_t written);

  std::vector<Chunk> chunks_;
  size_t head_ = 0;
  size_t bytes_ = 0;
};

}  // namespace surge
