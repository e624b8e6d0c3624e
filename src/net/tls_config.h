#pragma once

#include <string>
#include <utility>
#include <vector>

namespace surge {

// A certificate chain and its private key (PEM files; the key may be in the chain's file).
struct TlsCertificate {
  std::string certFile;
  std::string keyFile;  // empty: the key is in certFile
};

// What a TLS server or client is told by its user, in the terms of PHP's `ssl` stream
// context options (which Workerman passes through): see TlsContext for what each does.
struct TlsConfig {
  TlsCertificate certificate;  // local_cert / local_pk (a server needs one; a client may)
  std::string passphrase;
  std::string caFile;  // cafile / capath: whom to trust (clients, or servers verifying peers)
  std::string caPath;
  // Server: require and verify a client certificate. Client: verify the server's.
  bool verifyPeer = false;
  bool verifyPeerName = true;  // client: the certificate must name the host (or peerName)
  bool allowSelfSigned = false;
  std::string peerName;    // client: the name to verify and to send as SNI instead of the host
  std::string ciphers;     // TLS 1.2 cipher list (OpenSSL syntax); TLS 1.3 suites stay default
  int securityLevel = -1;  // -1: OpenSSL's default
  bool sniEnabled = true;
  // Server: certificates by host name ("example.com", "*.example.com") chosen by SNI.
  std::vector<std::pair<std::string, TlsCertificate>> sniCertificates;
  // Server: names the listener (its socket name); sessions resume only on a listener with
  // the same name and verification settings.
  std::string sessionContext;
  // Server: protocols offered by ALPN, in order of preference ("http/1.1"); empty: no ALPN.
  std::vector<std::string> alpn;
};

}  // namespace surge
