#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "net/tls_config.h"

struct ssl_st;
struct ssl_ctx_st;

namespace surge {

// A configuration that OpenSSL refused: the message names the file or option and gives
// OpenSSL's reason.
class TlsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An OpenSSL SSL_CTX built from a TlsConfig: TLS 1.2 and 1.3 only, no compression, no
// renegotiation, buffers released while a connection is idle, session tickets (with keys
// shared by every context of the process tree, so a ticket issued by one worker process
// resumes in another, and across reloads), ALPN and SNI for servers, host name
// verification against the system's CA store for clients.
//
// Built where it can fail loudly (before anything forks, and again by the master for a
// reload, so that a renewed certificate is read and a broken one refused while the old
// processes keep serving); worker processes inherit it.
class TlsContext {
 public:
  // Throws TlsError.
  static std::shared_ptr<TlsContext> forServer(const TlsConfig& config);
  static std::shared_ptr<TlsContext> forClient(const TlsConfig& config);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // A session for the socket `fd`, or null (out of memory). A client session sends `host`
  // as SNI (unless it is an IP address) and, when the config says so, verifies that the
  // peer's certificate names it (or the config's peerName).
  ssl_st* newServerSession(int fd) const;
  ssl_st* newClientSession(int fd, const std::string& host) const;

  // Makes the process's session ticket keys now (the master calls it before forking, so
  // that every worker process encrypts tickets with the same keys).
  static void prepareTicketKeys();

  // The reason of the last OpenSSL failure on this thread (and clears the error queue).
  static std::string lastError(const char* fallback);

 private:
  TlsContext() = default;
  static int selectServerName(ssl_st* ssl, int* alert, void* arg);
  static int selectAlpn(ssl_st* ssl, const unsigned char** out, unsigned char* outLength,
                        const unsigned char* in, unsigned int inLength, void* arg);

  ssl_ctx_st* ctx_ = nullptr;
  bool client_ = false;
  bool verifyPeerName_ = false;
  bool sendSni_ = true;
  std::string peerName_;
  std::string alpnWire_;  // ALPN protocols in wire format (length-prefixed)
  std::vector<std::pair<std::string, ssl_ctx_st*>> byHost_;  // SNI certificates
};

}  // namespace surge
