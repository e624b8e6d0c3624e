#include "protocol/websocket/deflate.h"

#include <zlib.h>

#include <climits>

namespace surge::protocol {

namespace {

// zlib counts in uInt: longer inputs are handed over in pieces.
constexpr size_t kMaxPiece = size_t{1} << 30;

uInt pieceOf(size_t n) {
  return static_cast<uInt>(n < kMaxPiece ? n : kMaxPiece);
}

const unsigned char kTail[4] = {0x00, 0x00, 0xFF, 0xFF};

}  // namespace

// --- WsInflater -------------------------------------------------------------------------

// zlib's raw deflate cannot make 256-byte windows and writes 512-byte ones instead, so a
// peer that agreed to 8 may well use 9: accepting that costs 256 bytes and breaks nobody.
WsInflater::WsInflater(int windowBits) : windowBits_(windowBits < 9 ? 9 : windowBits) {}

WsInflater::~WsInflater() {
  release();
}

void WsInflater::release() {
  if (z_ == nullptr) return;
  inflateEnd(z_);
  delete z_;
  z_ = nullptr;
}

void WsInflater::begin(std::string_view compressed) {
  in_ = compressed;
  tailLeft_ = sizeof kTail;
  if (z_ == nullptr) {
    z_ = new z_stream{};
    if (inflateInit2(z_, -windowBits_) != Z_OK) {
      delete z_;
      z_ = nullptr;
    }
  }
  if (z_) z_->avail_in = 0;
}

WsInflater::Step WsInflater::step(char* out, size_t capacity, size_t* written) {
  *written = 0;
  if (z_ == nullptr) return Step::kCorrupt;  // zlib could not allocate its state
  if (capacity == 0) return Step::kFull;
  capacity = pieceOf(capacity);
  z_->next_out = reinterpret_cast<Bytef*>(out);
  z_->avail_out = static_cast<uInt>(capacity);
  for (;;) {
    if (z_->avail_in == 0) {
      if (!in_.empty()) {
        z_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data()));
        z_->avail_in = pieceOf(in_.size());
        in_.remove_prefix(z_->avail_in);
      } else if (tailLeft_ > 0) {
        z_->next_in = const_cast<Bytef*>(kTail + sizeof kTail - tailLeft_);
        z_->avail_in = static_cast<uInt>(tailLeft_);
        tailLeft_ = 0;
      }
    }
    int rc = ::inflate(z_, Z_SYNC_FLUSH);
    *written = capacity - z_->avail_out;
    if (rc == Z_STREAM_END) {
      // The peer ended the stream (BFINAL, §7.2.3.3): the message is whole, the appended
      // tail (which only completes a sync flush) is moot, and the next message starts a
      // new stream.
      if (inflateReset(z_) != Z_OK) return Step::kCorrupt;
      z_->avail_in = 0;
      in_ = std::string_view();
      tailLeft_ = 0;
      return Step::kDone;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Step::kCorrupt;  // Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR
    }
    if (z_->avail_out == 0) return Step::kFull;
    bool fed = z_->avail_in == 0 && in_.empty() && tailLeft_ == 0;
    if (fed) return Step::kDone;
    // Input left and room left, yet zlib made no progress: it cannot be valid data.
    if (rc == Z_BUF_ERROR && z_->avail_in > 0) return Step::kCorrupt;
  }
}

// --- WsDeflater -------------------------------------------------------------------------

WsDeflater::WsDeflater(int level, int windowBits, int memLevel)
    : level_(level), windowBits_(windowBits < 9 ? 9 : windowBits), memLevel_(memLevel) {}

WsDeflater::~WsDeflater() {
  release();
}

void WsDeflater::release() {
  if (z_ == nullptr) return;
  deflateEnd(z_);
  delete z_;
  z_ = nullptr;
}

bool WsDeflater::begin(std::string_view message) {
  if (z_ == nullptr) {
    z_ = new z_stream{};
    if (deflateInit2(z_, level_, Z_DEFLATED, -windowBits_, memLevel_, Z_DEFAULT_STRATEGY) != Z_OK) {
      delete z_;
      z_ = nullptr;
      return false;
    }
  }
  in_ = message;
  z_->avail_in = 0;
  return true;
}

bool WsDeflater::step(char* out, size_t capacity, size_t* written, bool* failed) {
  capacity = pieceOf(capacity);
  z_->next_out = reinterpret_cast<Bytef*>(out);
  z_->avail_out = static_cast<uInt>(capacity);
  for (;;) {
    if (z_->avail_in == 0 && !in_.empty()) {
      z_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data()));
      z_->avail_in = pieceOf(in_.size());
      in_.remove_prefix(z_->avail_in);
    }
    // The flush ends the message on a byte boundary with all its output out (§7.2.1).
    int flush = in_.empty() ? Z_SYNC_FLUSH : Z_NO_FLUSH;
    int rc = ::deflate(z_, flush);
    *written = capacity - z_->avail_out;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      *failed = true;
      return false;
    }
    if (z_->avail_out == 0) return true;
    // Room left after a sync flush of the last input: the flush is complete.
    if (flush == Z_SYNC_FLUSH && z_->avail_in == 0) return false;
  }
}

}  // namespace surge::protocol
