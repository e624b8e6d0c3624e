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

// Bytes waiting for the socket to become writable, flushed with writev(); ranges of files
// among them are flushed with sendfile(), in order with the bytes around them.
class OutputQueue {
 public:
  OutputQueue() = default;
  ~OutputQueue() { clear(); }
  OutputQueue(const OutputQueue&) = delete;
  OutputQueue& operator=(const OutputQueue&) = delete;

  // Nothing waits, neither memory nor file bytes.
  bool empty() const { return (bytes_ | fileBytes_) == 0; }
  // Memory bytes waiting: what a high-water mark measures (file bytes cost no memory).
  size_t bytes() const { return bytes_; }
  // File bytes waiting.
  size_t fileBytes() const { return fileBytes_; }

  // Queues `piece` from byte `offset` on (taking a reference or copying).
  void push(const SendPiece& piece, size_t offset = 0);
  // Queues `length` bytes of the file `fd` from `offset` on, after everything queued so
  // far. The queue owns `fd` from here on and closes it once the range is sent or the
  // queue is cleared (at once if `length` is 0).
  void pushFile(int fd, off_t offset, size_t length);
  // Writes as much as the socket takes. Returns bytes written, or -1 with errno set
  // (EAGAIN is reported as 0). A file that ends before its range does is an error (EIO).
  ssize_t flushTo(int fd);
  // Drops everything queued, releasing references and closing files.
  void clear();

  // For a writer that cannot take iovecs or files (TLS): the head of the queue.
  bool frontIsFile() const { return chunks_[head_].file >= 0; }
  // The memory bytes of the head chunk (not a file).
  const char* frontData() const { return chunks_[head_].data; }
  size_t frontLength() const { return chunks_[head_].length; }
  // Copies memory bytes from the head on into `out` (up to `max`, stopping at a file):
  // the same prefix every time until consume() is called.
  size_t gather(char* out, size_t max) const;
  // Drops `n` written memory bytes from the head.
  void consume(size_t n) { dropFront(n); }
  // Reads up to `max` bytes of the file at the head into memory before it, so that they
  // can be written like other bytes. False (errno set; EIO for a file shorter than its
  // range) when the file cannot be read.
  bool materializeFront(size_t max);

 private:
  struct Chunk {
    const char* data;
    size_t length;
    void* owner;  // retained owner, or the malloc'd copy when release is null
    void (*release)(void*);
    size_t capacity;  // bytes allocated at `owner` for a copy (0 for references)
    int file = -1;    // a file range instead of memory: `length` bytes from fileOffset
    off_t fileOffset = 0;
  };
  // Copies into the last chunk when it is a copy with room left, so that many small
  // messages queued in a row become one buffer and one iovec.
  void pushCopy(const char* data, size_t length);
  void dropFront(size_t written);
  // flushTo() once a file is queued: memory runs go out with writev() up to each file,
  // files with sendfile(). Kept apart so the memory-only path stays as it was.
  ssize_t flushWithFiles(int fd);
  enum class FileProgress { kDone, kBlocked, kFailed };
  // Sends from the file at the head, adding to *written: kDone once its range is sent
  // (the chunk is dropped), kBlocked when the socket is full, kFailed (errno set) on an
  // error or a file shorter than its range.
  FileProgress sendFileHead(int fd, size_t* written);
  void releaseChunk(Chunk& c);
  void compact();

  std::vector<Chunk> chunks_;
  size_t head_ = 0;
  size_t bytes_ = 0;
  size_t fileBytes_ = 0;
  size_t files_ = 0;  // file chunks queued
};

}  // namespace surge
