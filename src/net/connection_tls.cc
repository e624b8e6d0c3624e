// TLS on a Connection: OpenSSL reads and writes the socket itself (SSL_set_fd); the
// connection keeps its input buffer, output queue, timeouts and states, and only the
// calls that move bytes differ. Plaintext connections never come here.
//
// Writes use partial-write mode: SSL_write() returns after each record it wrote. When the
// socket is full, the record being written stays inside OpenSSL and the retry must offer
// at least the same bytes again; so the unwritten rest is queued from exactly that point,
// and every flush offers the head of the queue, which only grows until consumed.
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/uio.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "event/event_loop.h"
#include "net/connection.h"
#include "net/connection_guard.h"

namespace surge {

namespace {
// Up to one TLS record of plaintext: pieces that fit are gathered into one record.
constexpr size_t kRecord = 16384;
// How much of a file is read into memory at a time to be encrypted.
constexpr size_t kFilePiece = 64 * 1024;
thread_local char g_gather[kRecord];

int clampToInt(size_t n) {
  return n > static_cast<size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n);
}

}  // namespace

void Connection::freeTlsSession(ssl_st* session) {
  SSL_free(session);
}

void Connection::startTls(ssl_st* session, uint32_t handshakeTimeoutMs) {
  tls_ = session;
  tlsPhase_ = TlsPhase::kHandshake;
  // A server waits for the ClientHello; a client writes its own first.
  tlsWant_ = SSL_is_server(session) ? Poller::kRead : Poller::kWrite;
  // A timeout the protocol already set (an HTTP head's) counts the handshake in.
  if (handshakeTimeoutMs && !timeoutArmed()) {
    setTimeout(handshakeTimeoutMs, TimeoutMode::kOnce);
    handshakeDeadline_ = true;
  }
  updateInterest();
}

std::string Connection::tlsErrorReason(int sslError, unsigned long e) {
  std::string why;
  if (e != 0) {
    const char* reason = ERR_reason_error_string(e);
    why = reason ? reason : "TLS error";
    long verify = SSL_get_verify_result(tls_);
    if (verify != X509_V_OK && why.find("certificate verify failed") != std::string::npos)
      why += std::string(": ") + X509_verify_cert_error_string(verify);
    else if (why == "http request" || why == "https proxy request")
      why += " (plaintext HTTP sent to a TLS port)";
    else if (why == "wrong version number" || why == "packet length too long" ||
             why == "record layer failure")
      why += " (not TLS: a plaintext client, or garbage)";
  } else if (sslError == SSL_ERROR_SYSCALL && errno != 0 && errno != EAGAIN) {
    why = std::strerror(errno);
  } else {
    why = "the peer closed the connection";
  }
  ERR_clear_error();
  return why;
}

void Connection::tlsFail(const std::string& reason) {
  tlsQuiet_ = true;
  handler_->onTlsFailed(*this, reason);
}

void Connection::continueHandshake() {
  ConnectionGuard guard(this);
  ERR_clear_error();
  errno = 0;
  int r = SSL_do_handshake(tls_);
  if (r == 1) {
    tlsPhase_ = TlsPhase::kEstablished;
    if (handshakeDeadline_) {
      handshakeDeadline_ = false;
      clearTimeout();
    }
    updateInterest();
    handler_->onSecured(*this);
    if (state_ == State::kClosed) return;
    // What was sent during the handshake (as handleWritable(): onDrain when it is all out).
    if (!output_.empty() && !corked_) handleWritable();
    // Application data may have come with the last handshake flight: OpenSSL holds it, and
    // the poller will not report it.
    if (state_ != State::kClosed && wantsInput()) handleReadable();
    return;
  }
  int e = SSL_get_error(tls_, r);
  if (e == SSL_ERROR_WANT_READ) {
    tlsWant_ = Poller::kRead;
  } else if (e == SSL_ERROR_WANT_WRITE) {
    tlsWant_ = Poller::kWrite;
  } else {
    tlsFail("TLS handshake failed: " + tlsErrorReason(e, ERR_peek_last_error()));
    destroy();
    return;
  }
  updateInterest();
}

ssize_t Connection::tlsRead(iovec* iov, int count) {
  if (tlsPhase_ != TlsPhase::kEstablished) {
    errno = EAGAIN;
    return -1;
  }
  size_t got = 0;
  tlsDrained_ = false;
  if (tlsEnd_ == TlsEnd::kNone) {
    for (int i = 0; i < count; ++i) {
      char* p = static_cast<char*>(iov[i].iov_base);
      size_t room = iov[i].iov_len;
      while (room > 0) {
        errno = 0;
        int n = SSL_read(tls_, p, clampToInt(room));
        if (n > 0) {
          p += n;
          room -= static_cast<size_t>(n);
          got += static_cast<size_t>(n);
          // Less than asked and nothing left inside OpenSSL: what the peer sent is read.
          // Stop here rather than pay a read that says EAGAIN; if the socket does hold
          // more, the poller (level-triggered) reports it again.
          if (room > 0 && !SSL_has_pending(tls_)) goto done;
          continue;
        }
        int e = SSL_get_error(tls_, n);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
          tlsDrained_ = e == SSL_ERROR_WANT_READ;
          goto done;
        }
        // The end of the stream: the peer's close_notify, its FIN, or a failure. The bytes
        // read before it are delivered first.
        tlsQuiet_ = true;
        if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)) {
          ERR_clear_error();
          tlsEnd_ = TlsEnd::kEof;
        } else {
          tlsEnd_ = TlsEnd::kFailed;
          tlsFailedWith_ = ERR_peek_last_error();
          ERR_clear_error();
        }
        goto done;
      }
    }
  }
done:
  if (got > 0) return static_cast<ssize_t>(got);
  switch (tlsEnd_) {
    case TlsEnd::kNone:
      errno = EAGAIN;
      return -1;
    case TlsEnd::kEof:
      return 0;
    case TlsEnd::kFailed:
      break;
  }
  tlsFail("TLS record refused: " + tlsErrorReason(SSL_ERROR_SSL, tlsFailedWith_));
  errno = EPROTO;
  return -1;
}

Connection::SendResult Connection::sendTls(const SendPiece* pieces, int count, Overflow overflow) {
  if (state_ != State::kOpen) return SendResult::kClosed;
  if (tlsPhase_ != TlsPhase::kEstablished || !output_.empty() || corked_) {
    if (output_.bytes() >= maxSendBuffer_ && overflow == Overflow::kDrop)
      return SendResult::kBufferFull;
    for (int i = 0; i < count; ++i) output_.push(pieces[i]);
    if (tlsPhase_ == TlsPhase::kEstablished && corked_ && !(interest_ & Poller::kWrite))
      return SendResult::kWritten;
    reportIfFull();
    return SendResult::kQueued;
  }
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += pieces[i].length;
  if (total == 0) return SendResult::kWritten;
  if (count > 1 && total > kRecord) {
    // Several pieces, more than a record: through the queue, which hands them over in order.
    for (int i = 0; i < count; ++i) output_.push(pieces[i]);
    ssize_t n = flushTls();
    if (n < 0) return SendResult::kPeerGone;
    countWritten(static_cast<uint64_t>(n));
    if (output_.empty()) return SendResult::kWritten;
    updateInterest();
    reportIfFull();
    return SendResult::kQueued;
  }
  // One piece, or pieces that fit one record (an answer's head and body): one record.
  const char* data = pieces[0].data;
  if (count > 1) {
    size_t at = 0;
    for (int i = 0; i < count; ++i) {
      if (pieces[i].length) std::memcpy(g_gather + at, pieces[i].data, pieces[i].length);
      at += pieces[i].length;
    }
    data = g_gather;
  }
  size_t done = 0;
  while (done < total) {
    int n = tlsWrite(data + done, total - done);
    if (n == 0) break;
    if (n < 0) {
      countWritten(done);
      return SendResult::kPeerGone;
    }
    done += static_cast<size_t>(n);
  }
  countWritten(done);
  if (done == total) return SendResult::kWritten;
  if (count == 1)
    output_.push(pieces[0], done);
  else
    output_.push(SendPiece{g_gather + done, total - done});
  updateInterest();
  reportIfFull();
  return SendResult::kQueued;
}

int Connection::tlsWrite(const char* data, size_t length) {
  int n = SSL_write(tls_, data, clampToInt(length));
  if (n > 0) return n;
  int e = SSL_get_error(tls_, n);
  if (e == SSL_ERROR_WANT_WRITE) return 0;
  if (e == SSL_ERROR_WANT_READ) {
    tlsWriteWantsRead_ = true;
    return 0;
  }
  ERR_clear_error();
  tlsQuiet_ = true;
  errno = EPIPE;
  return -1;
}

ssize_t Connection::flushTls() {
  if (tlsPhase_ != TlsPhase::kEstablished) return 0;
  size_t total = 0;
  while (!output_.empty()) {
    if (output_.frontIsFile() && !output_.materializeFront(kFilePiece)) return -1;
    const char* data = output_.frontData();
    size_t length = output_.frontLength();
    if (length < kRecord) {
      length = output_.gather(g_gather, kRecord);
      data = g_gather;
    }
    int n = tlsWrite(data, length);
    if (n < 0) return -1;
    if (n == 0) break;
    output_.consume(static_cast<size_t>(n));
    total += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(total);
}

void Connection::tlsGoodbye() {
  if (tlsPhase_ != TlsPhase::kEstablished || tlsQuiet_) return;
  tlsQuiet_ = true;
  // One try, never waiting: the peer's close_notify is not awaited (it may never come).
  if (SSL_shutdown(tls_) < 0) ERR_clear_error();
}

void Connection::readTlsBufferedLater() {
  if (tlsReadPending_ || state_ != State::kOpen || !wantsInput() ||
      tlsPhase_ != TlsPhase::kEstablished || !SSL_has_pending(tls_))
    return;
  tlsReadPending_ = true;
  retain();
  loop_.defer(&Connection::onTlsBuffered, this);
}

void Connection::onTlsBuffered(void* self) {
  auto* c = static_cast<Connection*>(self);
  c->tlsReadPending_ = false;
  if (c->state_ == State::kOpen && c->wantsInput() && c->delivering_ == 0) c->handleReadable();
  c->release();
}

}  // namespace surge
