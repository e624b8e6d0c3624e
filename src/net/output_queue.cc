#include "net/output_queue.h"

#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

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
    chunks_.push_back({data, length, piece.owner, piece.release, 0, -1, 0});
    bytes_ += length;
  } else {
    pushCopy(data, length);
  }
}

void OutputQueue::pushCopy(const char* data, size_t length) {
  if (head_ < chunks_.size()) {
    Chunk& last = chunks_.back();
    if (last.release == nullptr && last.file < 0) {
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
  chunks_.push_back({static_cast<const char*>(copy), length, copy, nullptr, capacity, -1, 0});
  bytes_ += length;
}

void OutputQueue::pushFile(int fd, off_t offset, size_t length) {
  if (length == 0) {
    ::close(fd);
    return;
  }
  try {
    chunks_.push_back({nullptr, length, nullptr, nullptr, 0, fd, offset});
  } catch (...) {
    ::close(fd);
    throw;
  }
  fileBytes_ += length;
  ++files_;
}

ssize_t OutputQueue::flushTo(int fd) {
  if (files_ != 0) return flushWithFiles(fd);
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

ssize_t OutputQueue::flushWithFiles(int fd) {
  size_t total = 0;
  while (head_ < chunks_.size()) {
    if (chunks_[head_].file >= 0) {
      size_t written = 0;
      FileProgress progress = sendFileHead(fd, &written);
      total += written;
      if (progress == FileProgress::kFailed) return -1;
      if (progress == FileProgress::kBlocked) break;
      continue;
    }
    constexpr int kMaxIov = 64;
    iovec iov[kMaxIov];
    int count = 0;
    size_t offered = 0;
    for (size_t i = head_; i < chunks_.size() && count < kMaxIov && chunks_[i].file < 0;
         ++i, ++count) {
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
  compact();
  return static_cast<ssize_t>(total);
}

OutputQueue::FileProgress OutputQueue::sendFileHead(int fd, size_t* written) {
  // Linux moves at most 0x7ffff000 bytes per call; a round number below that.
  constexpr size_t kMaxSendfile = size_t{1} << 30;
  Chunk& c = chunks_[head_];
  for (;;) {
    size_t offered = c.length < kMaxSendfile ? c.length : kMaxSendfile;
    off_t offset = c.fileOffset;
    ssize_t n = ::sendfile(fd, c.file, &offset, offered);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return FileProgress::kBlocked;
      return FileProgress::kFailed;
    }
    if (n == 0) {
      // The file ends before the range announced to the peer: the response cannot be
      // completed, and waiting would hang the peer.
      errno = EIO;
      return FileProgress::kFailed;
    }
    size_t sent = static_cast<size_t>(n);
    c.fileOffset += n;
    c.length -= sent;
    fileBytes_ -= sent;
    *written += sent;
    if (c.length == 0) {
      releaseChunk(c);
      ++head_;
      return FileProgress::kDone;
    }
    // The socket took less than offered: it is full (a file that shrank meanwhile shows
    // as a zero-byte send next time).
    if (sent < offered) return FileProgress::kBlocked;
  }
}

void OutputQueue::releaseChunk(Chunk& c) {
  if (c.file >= 0) {
    ::close(c.file);
    c.file = -1;
    --files_;
  } else if (c.release) {
    c.release(c.owner);
  } else {
    std::free(c.owner);
  }
}

void OutputQueue::compact() {
  if (head_ == chunks_.size()) {
    // Drained: give the memory back, idle connections should cost nothing here.
    std::vector<Chunk>().swap(chunks_);
    head_ = 0;
  }
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
  compact();
}

size_t OutputQueue::gather(char* out, size_t max) const {
  size_t n = 0;
  for (size_t i = head_; i < chunks_.size() && n < max && chunks_[i].file < 0; ++i) {
    size_t take = chunks_[i].length < max - n ? chunks_[i].length : max - n;
    std::memcpy(out + n, chunks_[i].data, take);
    n += take;
  }
  return n;
}

bool OutputQueue::materializeFront(size_t max) {
  size_t want = chunks_[head_].length < max ? chunks_[head_].length : max;
  void* copy = std::malloc(want);
  if (copy == nullptr) throw std::bad_alloc();
  ssize_t n;
  do {
    n = ::pread(chunks_[head_].file, copy, want, chunks_[head_].fileOffset);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    std::free(copy);
    if (n == 0) errno = EIO;  // the file ends before the range promised to the peer
    return false;
  }
  size_t got = static_cast<size_t>(n);
  Chunk& file = chunks_[head_];
  file.fileOffset += n;
  file.length -= got;
  fileBytes_ -= got;
  Chunk memory{static_cast<const char*>(copy), got, copy, nullptr, want, -1, 0};
  if (file.length == 0) {
    releaseChunk(file);
    chunks_[head_] = memory;
  } else if (head_ > 0) {
    chunks_[--head_] = memory;
  } else {
    chunks_.insert(chunks_.begin(), memory);
  }
  bytes_ += got;
  return true;
}

void OutputQueue::clear() {
  for (size_t i = head_; i < chunks_.size(); ++i) releaseChunk(chunks_[i]);
  std::vector<Chunk>().swap(chunks_);
  head_ = 0;
  bytes_ = 0;
  fileBytes_ = 0;
  files_ = 0;
}

}  // namespace surge
