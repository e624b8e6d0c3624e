#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/buffer.h"
#include "event/deadline.h"
#include "event/poller.h"
#include "net/io_totals.h"
#include "net/output_queue.h"
#include "net/socket_address.h"

struct ssl_st;
struct iovec;

namespace surge {

class EventLoop;
class Timer;

// One accepted stream socket (TCP or Unix) with its input buffer and output queue.
//
// Reading: one readv() fills the unused tail of the input buffer and then the loop's
// shared spill area, so a single call drains the socket; the bytes are handed to the
// handler as one view and only an incomplete message is copied into the connection.
// Writing: send() writes at once; what the kernel does not take is queued (by reference
// where the bytes have an owner) and the write watcher is armed only while bytes wait.
// File ranges (sendFile) take their place in the same queue and leave with sendfile().
//
// Lifetime: reference counted. The creator holds the first reference; each event
// dispatch holds one for its duration, so a handler may close the connection or drop
// the last outside reference while the connection is still on the stack.
class Connection : private Poller::Target {
 public:
  enum class State : uint8_t { kOpen, kClosing, kEnding, kClosed };
  enum class SendResult : uint8_t { kWritten, kQueued, kBufferFull, kClosed, kPeerGone };

  class Handler {
   public:
    virtual ~Handler() = default;
    // New bytes are available: `data` is every unread byte. Returns how many were used.
    // In buffered mode the bytes are in inputBuffer() and the handler consumes from it
    // itself (returning 0).
    virtual size_t onData(Connection& c, std::string_view data) = 0;
    // The output queue emptied after send() had to queue bytes.
    virtual void onDrain(Connection& c) = 0;
    // A send left the output queue at or above the high-water mark.
    virtual void onBufferFull(Connection& c) = 0;
    // The socket is closed (peer closed, error, close(), destroy()); called once.
    virtual void onClose(Connection& c) = 0;
    // The process's budget for partial input (InputBudget) is spent and this connection
    // holds the most of it: its incomplete message was dropped; answer with the protocol's
    // error and close. Never called while this connection is being given bytes.
    virtual void onInputRefused(Connection& c) { c.destroy(); }
    // The timeout set with setTimeout() passed. `quietPeriods` counts, for a kQuiet
    // timeout, the periods in a row without a byte from the peer (1 on the first call);
    // the timeout is set again for one more period before this is called, so a handler
    // that only counts does nothing. A handler that does not care closes the connection.
    // Not called while a closing connection's queued output still makes progress: the
    // timeout waits another period (a goodbye being read is not a silent peer); a kQuiet
    // timeout counts no period while reading is paused (that silence is ours).
    virtual void onTimeout(Connection& c, uint32_t /*quietPeriods*/) { c.destroy(); }
    // TLS (startTls()): the handshake completed; bytes sent meanwhile leave now.
    virtual void onSecured(Connection& /*c*/) {}
    // TLS: the handshake failed, timed out, or a record could not be read: `reason` says
    // which (OpenSSL's words). The connection is destroyed right after.
    virtual void onTlsFailed(Connection& /*c*/, const std::string& /*reason*/) {}
  };

  // kOnce: fires once, whatever arrives meanwhile (a deadline for a whole request head).
  // kQuiet: fires when nothing was read from the peer for the period, and again after
  // each further silent period (idle and read timeouts, heartbeats); every read starts
  // the period afresh.
  enum class TimeoutMode : uint8_t { kOnce, kQuiet };

  // What send() does with bytes that find the queue at or above maxSendBufferSize:
  // drop them and report kBufferFull (Workerman's rule), or queue them anyway (an answer
  // the protocol must not lose; the caller bounds the queue by reading less instead).
  enum class Overflow : uint8_t { kDrop, kQueue };

  Connection(EventLoop& loop, int fd, const sockaddr* peer, socklen_t peerLength, Handler* handler,
             void* userData);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }

  State state() const { return state_; }
  bool isOpen() const { return state_ == State::kOpen; }
  int fd() const { return fd_; }
  void* userData() const { return userData_; }
  void setUserData(void* data) { userData_ = data; }

  SendResult send(const SendPiece* pieces, int count, Overflow overflow = Overflow::kDrop);
  SendResult send(std::string_view bytes, Overflow overflow = Overflow::kDrop) {
    SendPiece p{bytes.data(), bytes.size()};
    return send(&p, 1, overflow);
  }

  // Sends `length` bytes of the file `fd` from `offset` on, after every byte sent before
  // and before every byte sent after, with sendfile() (no copy through user space). The
  // connection owns `fd` from this call on, whatever the result: it is closed once its
  // range is sent, or when the connection closes. What the socket does not take at once
  // waits in the output queue; file bytes count in pendingOutput() (so close() and end()
  // wait for them) but not against maxSendBufferSize (they cost no memory), so this never
  // reports kBufferFull or calls onBufferFull, and onDrain follows as for any queued send.
  // A file shorter than `length`, or a failing sendfile(), destroys the connection from
  // the loop (the peer was promised bytes it can no longer get). Results: kWritten (all
  // sent, or corked), kQueued, kClosed (the connection is not open; fd closed).
  SendResult sendFile(int fd, off_t offset, size_t length);

  // While corked, send() queues instead of writing, and uncork() writes everything
  // queued with one writev(): answers to pipelined requests leave in one syscall.
  // A send while corked reports kWritten unless bytes were already waiting for the
  // socket: corked bytes are written before the loop does anything else.
  void cork() { corked_ = true; }
  void uncork();

  // Flushes what is queued, then closes.
  void close();
  // Flushes what is queued, half-closes (FIN) and closes after `lingerSeconds` or when
  // the peer closes; input is read and discarded meanwhile.
  void end(double lingerSeconds);
  // Ends an exchange this side has answered, once what is queued is flushed. The caller
  // has dropped any unread bytes it holds. When the last read found the socket empty
  // (nothing the peer sent waits in the kernel, and a peer that was told the connection
  // closes sends nothing more) it closes at once: FIN after the reply, no half-close and
  // no wait for the peer's FIN (two system calls and a wake-up less). Otherwise it
  // half-closes and lingers like end(): closing a socket with unread bytes makes the
  // kernel send a reset, which can destroy the reply before the peer has read it.
  void closeAfterReply(double lingerSeconds);
  // Closes now, dropping queued bytes.
  void destroy();

  // Reads and delivers what already arrived (used before a stop half-closes the
  // connection, so that requests that were sent are answered, not dropped). Does nothing
  // while the handler is being given bytes (delivering()): a nested read would overwrite
  // the bytes the handler is still walking. Callers queue it to the loop instead.
  void drainInput();
  // True while handler->onData() of this connection is on the stack.
  bool delivering() const { return delivering_ != 0; }

  // Arms the connection's one timeout (replacing the one set before); ms == 0 clears it.
  // Cheap enough to call per message: see Deadline. Cleared when the connection closes.
  void setTimeout(uint32_t ms, TimeoutMode mode);
  void clearTimeout() {
    quietMs_ = 0;
    deadline_.cancel();
  }
  bool timeoutArmed() const { return deadline_.armed(); }

  void pauseReading();
  // Resumes reading; bytes already buffered are delivered from the loop, not from the
  // caller's stack.
  void resumeReading();
  bool readingPaused() const { return !reading_; }

  // Back-pressure decided by the protocol (too much output waiting, too many requests
  // unanswered): stops reading and delivering until releaseReading(). Independent of
  // pauseReading(), which is the application's and which this never undoes.
  void holdReading();
  void releaseReading();
  bool readingHeld() const { return held_; }

  // Input the protocol keeps outside inputBuffer() for an incomplete message (a large
  // body collected into its own string): counted in the process's InputBudget with it.
  void setExtraInput(size_t bytes);

  // Buffered mode keeps every unread byte in inputBuffer() (for protocol code that
  // wants to look at and consume the buffer itself).
  void setBufferedMode(bool on) { buffered_ = on; }
  Buffer& inputBuffer() { return input_; }

  size_t maxSendBufferSize() const { return maxSendBuffer_; }
  void setMaxSendBufferSize(size_t bytes) { maxSendBuffer_ = bytes; }
  // Bytes waiting for the socket, memory and file ranges together.
  size_t pendingOutput() const { return output_.bytes() + output_.fileBytes(); }
  size_t pendingInput() const { return input_.size(); }
  uint64_t bytesRead() const { return bytesRead_; }
  uint64_t bytesWritten() const { return bytesWritten_; }
  // Something was read, and bytes were written after the last read: for protocols without
  // their own notion of a request, the sign that what the peer sent last was answered.
  bool answeredLastInput() const { return bytesRead_ > 0 && bytesWritten_ > writtenAtLastRead_; }

  // Speaks TLS on this socket from now on with `session` (which it owns and frees): the
  // handshake runs from the loop; bytes sent before it completes wait; the handler hears
  // onSecured() or onTlsFailed(). Unless a timeout is already set (it then covers the
  // handshake), a handshake not complete within `handshakeTimeoutMs` (0: no limit) fails;
  // a timeout set meanwhile replaces that limit. Call before any I/O.
  void startTls(ssl_st* session, uint32_t handshakeTimeoutMs);
  bool tls() const { return tls_ != nullptr; }
  bool tlsEstablished() const { return tlsPhase_ == TlsPhase::kEstablished; }
  ssl_st* tlsSession() const { return tls_; }

  SocketAddress peerAddress() const;
  SocketAddress localAddress() const;
  int family() const { return peer_.family; }

 private:
  ~Connection() override;
  void onPollEvents(uint32_t events) override;
  void pollRetain() override { retain(); }
  void pollRelease() override { release(); }
  void onPollFailure() override;
  static void onDeferredInput(void* self);
  static void onLingerOver(void* self);
  static void onDeadline(void* self);
  void handleReadable();
  bool wantsInput() const { return reading_ && !held_; }
  // Reports this connection's partial input to the InputBudget and, past the budget,
  // refuses the largest holders (this one or others).
  void accountInput();
  void refuseInput();
  void releaseInput();
  // Bytes left in the input buffer go to the handler from the loop, not the caller's stack.
  void deliverBufferedLater();
  // Calls onBufferFull once per crossing of maxSendBufferSize.
  void reportIfFull();
  void handleWritable();
  void deliver(std::string_view data, bool fromSpill);
  void updateInterest();
  void finishEnding();
  // Writes what is queued; false (after destroy()) if the socket failed.
  bool flushQueued();
  // Once nothing is queued: completes a close() or end() that waited for it.
  void finishIfFlushed();
  // Writes what is queued to the socket (or through TLS); bytes written or -1.
  ssize_t writeQueued();

  // TLS (connection_tls.cc).
  enum class TlsPhase : uint8_t { kNone, kHandshake, kEstablished };
  enum class TlsEnd : uint8_t { kNone, kEof, kFailed };
  void continueHandshake();
  ssize_t tlsRead(iovec* iov, int count);
  SendResult sendTls(const SendPiece* pieces, int count, Overflow overflow);
  ssize_t flushTls();
  // One SSL_write(): bytes written (a record), 0 when the socket (or the peer) must act
  // first, -1 (errno EPIPE) when the session failed.
  int tlsWrite(const char* data, size_t length);
  // close_notify, once, unless the session failed or the peer is gone.
  void tlsGoodbye();
  void tlsFail(const std::string& reason);
  // OpenSSL's `code` (or, without one, errno) in words, with a hint for the common cases.
  std::string tlsErrorReason(int sslError, unsigned long code);
  // Plaintext OpenSSL already decrypted is not seen by the poller: read it from the loop.
  void readTlsBufferedLater();
  static void onTlsBuffered(void* self);
  static void freeTlsSession(ssl_st* session);

  EventLoop& loop_;
  Handler* handler_;
  void* userData_;
  uint32_t interest_ = 0;  // Poller::kRead | Poller::kWrite currently registered
  int fd_;
  uint32_t refs_ = 1;
  State state_ = State::kOpen;
  bool reading_ = true;
  bool buffered_ = false;
  bool deferredPending_ = false;
  bool corked_ = false;
  // The last read took less than it offered, or found nothing: the socket had no more.
  bool inputDrained_ = false;
  bool held_ = false;
  bool fullReported_ = false;
  // Depth of handler->onData() calls on the stack: while non-zero the input buffer is not
  // released (the handler holds a view into it) and no nested read happens.
  uint8_t delivering_ = 0;
  Buffer input_;
  OutputQueue output_;
  size_t maxSendBuffer_ = 1024 * 1024;
  size_t extraInput_ = 0;
  // What InputBudget counts for this connection, and its slot there (kNoSlot: none).
  size_t budgeted_ = 0;
  static constexpr size_t kNoBudgetSlot = static_cast<size_t>(-1);
  size_t budgetSlot_ = kNoBudgetSlot;
  friend class InputBudget;
  uint64_t bytesRead_ = 0;
  uint64_t bytesWritten_ = 0;
  void countWritten(uint64_t n) {
    bytesWritten_ += n;
    IoTotals::addSent(n);
  }
  uint64_t writtenAtLastRead_ = 0;  // bytesWritten_ when bytes last arrived
  std::unique_ptr<Timer> linger_;
  // The timeout of setTimeout(); quietMs_ is its period in kQuiet mode (each read re-arms
  // it), 0 in kOnce mode or when none is set.
  Deadline deadline_;
  uint32_t quietMs_ = 0;
  uint32_t quietPeriods_ = 0;
  uint32_t timeoutMs_ = 0;
  uint64_t writtenAtTimeout_ = 0;
  double lingerSecondsHint_ = 0;
  ssl_st* tls_ = nullptr;
  TlsPhase tlsPhase_ = TlsPhase::kNone;
  TlsEnd tlsEnd_ = TlsEnd::kNone;
  uint8_t tlsWant_ = 0;  // during the handshake: what OpenSSL waits for (Poller::kRead/kWrite)
  bool tlsWriteWantsRead_ = false;
  bool tlsQuiet_ = false;           // no close_notify: the session failed or the peer is gone
  bool handshakeDeadline_ = false;  // the connection's timeout is the handshake's own
  bool tlsReadPending_ = false;
  bool tlsDrained_ = false;  // the last TLS read ended because the socket had nothing more
  // OpenSSL's error when reading failed, reported once the bytes before it are delivered.
  unsigned long tlsFailedWith_ = 0;
  union {
    sa_family_t family;
    sockaddr_in v4;
    sockaddr_in6 v6;
  } peer_;
};

}  // namespace surge
