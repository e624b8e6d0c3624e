#include "net/tls_context.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace surge {

namespace {

// 80 bytes: OpenSSL's ticket key (name, HMAC secret, AES key), the same in every process.
unsigned char g_ticketKeys[80];
bool g_ticketKeysReady = false;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void requireReadable(const char* option, const std::string& file) {
  if (file.empty()) throw TlsError(std::string(option) + " is empty: give the path of a PEM file");
  if (::access(file.c_str(), R_OK) != 0)
    throw TlsError(std::string(option) + " " + file + ": " + std::strerror(errno));
}

// Never lets OpenSSL prompt on the terminal for an encrypted key: without a passphrase the
// key simply fails to load.
int passphraseOf(char* buf, int size, int, void* userdata) {
  auto* passphrase = static_cast<const std::string*>(userdata);
  if (passphrase == nullptr || passphrase->empty() || size <= 0) return 0;
  size_t n = std::min(passphrase->size(), static_cast<size_t>(size));
  std::memcpy(buf, passphrase->data(), n);
  return static_cast<int>(n);
}

int acceptSelfSigned(int ok, X509_STORE_CTX* store) {
  if (ok) return 1;
  return X509_STORE_CTX_get_error(store) == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ? 1 : 0;
}

bool isEncryptedPem(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  for (int i = 0; i < 4 && std::getline(in, line); ++i)
    if (line.find("ENCRYPTED") != std::string::npos) return true;
  return false;
}

void loadCertificate(SSL_CTX* ctx, const TlsCertificate& cert, const std::string& passphrase) {
  requireReadable("local_cert", cert.certFile);
  const char* keyOption = cert.keyFile.empty() ? "local_cert" : "local_pk";
  const std::string& keyFile = cert.keyFile.empty() ? cert.certFile : cert.keyFile;
  if (!cert.keyFile.empty()) requireReadable("local_pk", keyFile);
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.certFile.c_str()) != 1)
    throw TlsError("local_cert " + cert.certFile + ": " +
                   TlsContext::lastError("no PEM certificate in it"));
  SSL_CTX_set_default_passwd_cb(ctx, passphraseOf);
  SSL_CTX_set_default_passwd_cb_userdata(ctx, const_cast<std::string*>(&passphrase));
  int loaded = SSL_CTX_use_PrivateKey_file(ctx, keyFile.c_str(), SSL_FILETYPE_PEM);
  SSL_CTX_set_default_passwd_cb_userdata(ctx, nullptr);
  if (loaded != 1) {
    std::string why = TlsContext::lastError("no PEM private key in it");
    if (why == "key values mismatch")
      throw TlsError(std::string(keyOption) + " " + keyFile +
                     " does not match the certificate in " + cert.certFile);
    // OpenSSL says "PEM lib" or "bad decrypt" for an encrypted key it could not open.
    if (isEncryptedPem(keyFile))
      why = passphrase.empty() ? "the key is encrypted: set 'passphrase'"
                               : "'passphrase' does not decrypt the key";
    throw TlsError(std::string(keyOption) + " " + keyFile + ": " + why);
  }
}

SSL_CTX* newContext(bool client) {
  SSL_CTX* ctx = SSL_CTX_new(client ? TLS_client_method() : TLS_server_method());
  if (ctx == nullptr) throw TlsError(TlsContext::lastError("SSL_CTX_new failed"));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Idle connections give their 34 KB of record buffers back; partial writes let the output
  // queue hand over what it has and keep the rest, wherever its bytes move meanwhile.
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                            SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // Reads as much as the socket has in one call instead of one record header at a time.
  SSL_CTX_set_read_ahead(ctx, 1);
  return ctx;
}

// Options shared by a server's default context and its SNI contexts (OpenSSL reads some
// of them from whichever context the SNI callback switches to).
void configure(SSL_CTX* ctx, const TlsConfig& config, bool client) {
  if (config.securityLevel >= 0) SSL_CTX_set_security_level(ctx, config.securityLevel);
  if (!config.ciphers.empty() && SSL_CTX_set_cipher_list(ctx, config.ciphers.c_str()) != 1)
    throw TlsError("ciphers '" + config.ciphers +
                   "': " + TlsContext::lastError("no cipher matched"));
  bool trustGiven = !config.caFile.empty() || !config.caPath.empty();
  if (!config.caFile.empty()) requireReadable("cafile", config.caFile);
  if (trustGiven) {
    if (SSL_CTX_load_verify_locations(ctx, config.caFile.empty() ? nullptr : config.caFile.c_str(),
                                      config.caPath.empty() ? nullptr : config.caPath.c_str()) != 1)
      throw TlsError("cafile/capath " + config.caFile + config.caPath + ": " +
                     TlsContext::lastError("no PEM certificate in it"));
  } else if (client || config.verifyPeer) {
    SSL_CTX_set_default_verify_paths(ctx);
  }
  if (config.verifyPeer) {
    int mode = SSL_VERIFY_PEER | (client ? 0 : SSL_VERIFY_FAIL_IF_NO_PEER_CERT);
    SSL_CTX_set_verify(ctx, mode, config.allowSelfSigned ? acceptSelfSigned : nullptr);
    if (!client && !config.caFile.empty()) {
      // Tells clients which CAs' certificates to present.
      STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.caFile.c_str());
      if (names) SSL_CTX_set_client_CA_list(ctx, names);
    }
  } else {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  }
  if (!client) {
    // A session resumes only on a listener with the same settings: the ticket keys are
    // shared by all, so without this a session from a listener that asks for no client
    // certificate would resume on one that requires it.
    std::string context = config.sessionContext + '\n' + (config.verifyPeer ? "verify" : "") +
                          '\n' + config.caFile + '\n' + config.caPath;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(context.data()), context.size(), digest);
    static_assert(SHA256_DIGEST_LENGTH <= SSL_MAX_SID_CTX_LENGTH);
    SSL_CTX_set_session_id_context(ctx, digest, SHA256_DIGEST_LENGTH);
    // Resumption by tickets only: nothing to store per session in the process.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    TlsContext::prepareTicketKeys();
    SSL_CTX_set_tlsext_ticket_keys(ctx, g_ticketKeys, sizeof g_ticketKeys);
  }
}

bool isIpLiteral(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

bool hostMatches(const std::string& pattern, const std::string& host) {
  if (pattern == host) return true;
  // "*.example.com" covers one label: "a.example.com", not "example.com" or "a.b.example.com".
  if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
    size_t dot = host.find('.');
    return dot != std::string::npos && dot > 0 &&
           host.compare(dot, std::string::npos, pattern, 1) == 0;
  }
  return false;
}

}  // namespace

std::string TlsContext::lastError(const char* fallback) {
  // The first error queued is the specific one ("no start line", "key values mismatch");
  // those after it are the callers' wrappers ("PEM lib").
  unsigned long e = ERR_peek_error();
  std::string out;
  if (e != 0) {
    const char* reason = ERR_reason_error_string(e);
    if (reason) {
      out = reason;
    } else {
      char buf[256];
      ERR_error_string_n(e, buf, sizeof buf);
      out = buf;
    }
  }
  ERR_clear_error();
  // A file without the PEM block looked for: the caller's words say what was missing.
  // (OpenSSL 3's decoders say "unsupported" for bytes that are no key at all.)
  if (out.empty() || out == "no start line" || out == "PEM lib" || out == "unsupported")
    return fallback;
  return out;
}

void TlsContext::prepareTicketKeys() {
  if (g_ticketKeysReady) return;
  if (RAND_bytes(g_ticketKeys, sizeof g_ticketKeys) != 1)
    throw TlsError("cannot make session ticket keys: " + lastError("RAND_bytes failed"));
  g_ticketKeysReady = true;
}

std::shared_ptr<TlsContext> TlsContext::forServer(const TlsConfig& config) {
  std::shared_ptr<TlsContext> self(new TlsContext());
  self->ctx_ = newContext(false);
  configure(self->ctx_, config, false);
  if (!config.certificate.certFile.empty()) {
    loadCertificate(self->ctx_, config.certificate, config.passphrase);
  } else if (config.sniCertificates.empty()) {
    throw TlsError("no certificate: set 'local_cert' (and 'local_pk') in the 'ssl' context");
  } else {
    loadCertificate(self->ctx_, config.sniCertificates.front().second, config.passphrase);
  }
  if (!config.alpn.empty()) {
    for (const std::string& p : config.alpn) {
      self->alpnWire_.push_back(static_cast<char>(p.size()));
      self->alpnWire_ += p;
    }
  }
  if (config.sniEnabled) {
    for (const auto& [host, cert] : config.sniCertificates) {
      SSL_CTX* ctx = newContext(false);
      self->byHost_.emplace_back(lower(host), ctx);
      try {
        configure(ctx, config, false);
        loadCertificate(ctx, cert, config.passphrase);
      } catch (const TlsError& e) {
        throw TlsError("SNI_server_certs['" + host + "']: " + e.what());
      }
    }
  }
  if (!self->byHost_.empty()) {
    SSL_CTX_set_tlsext_servername_callback(self->ctx_, selectServerName);
    SSL_CTX_set_tlsext_servername_arg(self->ctx_, self.get());
  }
  if (!self->alpnWire_.empty()) {
    SSL_CTX_set_alpn_select_cb(self->ctx_, selectAlpn, self.get());
    for (auto& [host, ctx] : self->byHost_) SSL_CTX_set_alpn_select_cb(ctx, selectAlpn, self.get());
  }
  return self;
}

std::shared_ptr<TlsContext> TlsContext::forClient(const TlsConfig& config) {
  std::shared_ptr<TlsContext> self(new TlsContext());
  self->client_ = true;
  self->ctx_ = newContext(true);
  configure(self->ctx_, config, true);
  if (!config.certificate.certFile.empty())
    loadCertificate(self->ctx_, config.certificate, config.passphrase);
  self->verifyPeerName_ = config.verifyPeer && config.verifyPeerName;
  self->sendSni_ = config.sniEnabled;
  self->peerName_ = config.peerName;
  return self;
}

TlsContext::~TlsContext() {
  for (auto& [host, ctx] : byHost_) SSL_CTX_free(ctx);
  SSL_CTX_free(ctx_);
}

int TlsContext::selectServerName(SSL* ssl, int*, void* arg) {
  auto* self = static_cast<TlsContext*>(arg);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return SSL_TLSEXT_ERR_NOACK;
  std::string host = lower(name);
  for (const auto& [pattern, ctx] : self->byHost_) {
    if (hostMatches(pattern, host)) {
      SSL_set_SSL_CTX(ssl, ctx);
      return SSL_TLSEXT_ERR_OK;
    }
  }
  // An unknown name gets the default certificate, as nginx's default server does.
  return SSL_TLSEXT_ERR_OK;
}

int TlsContext::selectAlpn(SSL*, const unsigned char** out, unsigned char* outLength,
                           const unsigned char* in, unsigned int inLength, void* arg) {
  auto* self = static_cast<TlsContext*>(arg);
  unsigned char* chosen = nullptr;
  if (SSL_select_next_proto(&chosen, outLength,
                            reinterpret_cast<const unsigned char*>(self->alpnWire_.data()),
                            static_cast<unsigned int>(self->alpnWire_.size()), in,
                            inLength) != OPENSSL_NPN_NEGOTIATED)
    return SSL_TLSEXT_ERR_NOACK;  // no common protocol: go on without ALPN
  *out = chosen;
  return SSL_TLSEXT_ERR_OK;
}

SSL* TlsContext::newServerSession(int fd) const {
  SSL* ssl = SSL_new(ctx_);
  if (ssl == nullptr) return nullptr;
  SSL_set_fd(ssl, fd);
  SSL_set_accept_state(ssl);
  return ssl;
}

SSL* TlsContext::newClientSession(int fd, const std::string& host) const {
  SSL* ssl = SSL_new(ctx_);
  if (ssl == nullptr) return nullptr;
  SSL_set_fd(ssl, fd);
  SSL_set_connect_state(ssl);
  std::string name = peerName_.empty() ? host : peerName_;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  bool ip = isIpLiteral(name);
  if (sendSni_ && !ip && !name.empty()) SSL_set_tlsext_host_name(ssl, name.c_str());
  if (verifyPeerName_ && !name.empty()) {
    if (ip)
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
    else
      SSL_set1_host(ssl, name.c_str());
  }
  return ssl;
}

}  // namespace surge
