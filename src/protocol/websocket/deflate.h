// permessage-deflate's compression (RFC 7692 §7): raw DEFLATE with a sync flush per
// message, the trailing 00 00 FF FF left off the wire and put back before inflating. zlib
// state is created on first use and freed by release(), so a connection that never sends
// or receives a compressed message holds none, and one without context takeover can drop
// it between messages. No sockets, no PHP: the binding supplies the output buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

struct z_stream_s;

namespace surge::protocol {

enum class WsInflateStatus { kOk, kTooBig, kCorrupt };

struct WsInflateResult {
  WsInflateStatus status = WsInflateStatus::kOk;
  size_t length = 0;  // bytes of the inflated message (kOk), or written before the stop

  bool ok() const { return status == WsInflateStatus::kOk; }
};

// Inflates the messages of one peer, in order. With context takeover the window of one
// message serves the next, so messages must go through the same inflater in the order sent.
class WsInflater {
 public:
  // windowBits (8..15): the largest window the peer may use (its max_window_bits).
  explicit WsInflater(int windowBits = 15);
  ~WsInflater();
  WsInflater(const WsInflater&) = delete;
  WsInflater& operator=(const WsInflater&) = delete;

  // Inflates one whole message (its compressed payload, without the 00 00 FF FF tail).
  // The output goes to a buffer the caller owns: `grow(n)` must return a pointer to at
  // least n bytes that keep the bytes written so far. The output never needs more than
  // `limit` bytes: inflating goes in steps and stops as soon as a byte beyond the limit
  // comes out (kTooBig), so a zip bomb costs no more memory than the limit.
  // kCorrupt: not valid DEFLATE data; the inflater is unusable until release().
  template <typename Grow>
  WsInflateResult inflate(std::string_view compressed, size_t limit, Grow&& grow);

  // Frees the zlib state and the window (no context takeover, or the connection is
  // idle); the next message starts a fresh stream.
  void release();
  bool active() const { return z_ != nullptr; }

 private:
  enum class Step { kFull, kDone, kCorrupt };
  void begin(std::string_view compressed);
  // Inflates into out[0..capacity): kFull when out is full and more may follow.
  Step step(char* out, size_t capacity, size_t* written);

  z_stream_s* z_ = nullptr;
  int windowBits_;
  std::string_view in_;
  size_t tailLeft_ = 0;  // bytes of 00 00 FF FF not fed yet
};

// Compresses the messages sent to one peer, in order.
class WsDeflater {
 public:
  // level: zlib's 0..9 (or -1, its default); windowBits 9..15 (zlib's raw deflate cannot
  // do 8); memLevel 1..9. zlib's memory: (1 << (windowBits + 2)) + (1 << (memLevel + 9)).
  WsDeflater(int level, int windowBits, int memLevel);
  ~WsDeflater();
  WsDeflater(const WsDeflater&) = delete;
  WsDeflater& operator=(const WsDeflater&) = delete;

  // Compresses one whole message into a buffer grown with `grow(n)` (as for inflate) and
  // returns the payload's length (the trailing 00 00 FF FF removed, §7.2.1), or SIZE_MAX if
  // zlib failed (out of memory).
  template <typename Grow>
  size_t deflate(std::string_view message, Grow&& grow);

  void release();
  bool active() const { return z_ != nullptr; }

  // zlib's memory for these parameters (the two windows and the hash table, not its few KB
  // of fixed state), for documentation and tests.
  static size_t memoryFor(int windowBits, int memLevel) {
    return (size_t{1} << (windowBits + 2)) + (size_t{1} << (memLevel + 9));
  }

 private:
  bool begin(std::string_view message);
  // Compresses into out[0..capacity): false once all output is out (the rest fits).
  bool step(char* out, size_t capacity, size_t* written, bool* failed);

  z_stream_s* z_ = nullptr;
  std::string_view in_;  // input not handed to zlib yet
  int level_;
  int windowBits_;
  int memLevel_;
};

template <typename Grow>
WsInflateResult WsInflater::inflate(std::string_view compressed, size_t limit, Grow&& grow) {
  WsInflateResult r;
  begin(compressed);
  // A first guess: text compresses about 3:1; growth doubles from there.
  size_t capacity = compressed.size() * 4 < 256 ? 256 : compressed.size() * 4;
  if (capacity > limit) capacity = limit;
  char* out = capacity ? grow(capacity) : nullptr;
  for (;;) {
    size_t written = 0;
    Step s = step(out + r.length, capacity - r.length, &written);
    r.length += written;
    if (s == Step::kDone) return r;
    if (s == Step::kCorrupt) {
      r.status = WsInflateStatus::kCorrupt;
      return r;
    }
    if (capacity == limit) {
      // Full at the limit: one more byte proves the message too big.
      char probe;
      written = 0;
      s = step(&probe, 1, &written);
      if (written > 0) {
        r.status = WsInflateStatus::kTooBig;
        return r;
      }
      if (s == Step::kCorrupt) r.status = WsInflateStatus::kCorrupt;
      return r;
    }
    capacity = capacity > limit / 2 ? limit : capacity * 2;
    out = grow(capacity);
  }
}

template <typename Grow>
size_t WsDeflater::deflate(std::string_view message, Grow&& grow) {
  if (!begin(message)) return SIZE_MAX;
  // Room for the usual case in one step: DEFLATE's worst case is a little above the input.
  size_t capacity = message.size() + message.size() / 64 + 64;
  char* out = grow(capacity);
  size_t length = 0;
  for (;;) {
    size_t written = 0;
    bool failed = false;
    bool more = step(out + length, capacity - length, &written, &failed);
    length += written;
    if (failed) return SIZE_MAX;
    if (!more) break;
    capacity *= 2;
    out = grow(capacity);
  }
  // A sync flush ends with an empty stored block, 00 00 FF FF, which the receiver puts back.
  if (length >= 4 && std::string_view(out + length - 4, 4) == std::string_view("\0\0\xff\xff", 4))
    return length - 4;
  if (length == 0) {
    // Nothing to flush (an empty message right after another flush): one empty stored
    // block's first byte, as RFC 7692 §7.2.3.6 shows for an empty message.
    out[0] = 0;
    return 1;
  }
  return length;
}

}  // namespace surge::protocol
