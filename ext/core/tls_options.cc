#include "core/boundary.h"
#include "core/tls_options.h"

#include <string>

namespace surge::ext {

namespace {

bool readString(HashTable* ssl, const char* key, std::string* out, const char* owner) {
  zval* v = zend_hash_str_find_deref(ssl, key, strlen(key));
  if (v == nullptr || Z_TYPE_P(v) == IS_NULL) return true;
  if (Z_TYPE_P(v) != IS_STRING) {
    throwRuntime("%s: the ssl context option '%s' must be a string, %s given", owner, key,
                 zend_zval_type_name(v));
    return false;
  }
  out->assign(Z_STRVAL_P(v), Z_STRLEN_P(v));
  return true;
}

void readBool(HashTable* ssl, const char* key, bool* out) {
  zval* v = zend_hash_str_find_deref(ssl, key, strlen(key));
  if (v != nullptr && Z_TYPE_P(v) != IS_NULL) *out = zend_is_true(v);
}

// SNI_server_certs: host => "combined.pem", or host => ['local_cert' => ..., 'local_pk' => ...].
bool readSniCertificates(HashTable* ssl, TlsConfig* out, const char* owner) {
  zval* v = zend_hash_str_find_deref(ssl, "SNI_server_certs", sizeof "SNI_server_certs" - 1);
  if (v == nullptr || Z_TYPE_P(v) == IS_NULL) return true;
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throwRuntime(
        "%s: the ssl context option 'SNI_server_certs' must be an array of host => "
        "certificate file (or host => ['local_cert' => ..., 'local_pk' => ...])",
        owner);
    return false;
  }
  zend_string* host;
  zval* entry;
  ZEND_HASH_FOREACH_STR_KEY_VAL_IND(Z_ARRVAL_P(v), host, entry) {
    ZVAL_DEREF(entry);
    if (host == nullptr) {
      throwRuntime("%s: the keys of 'SNI_server_certs' must be host names", owner);
      return false;
    }
    TlsCertificate cert;
    if (Z_TYPE_P(entry) == IS_STRING) {
      cert.certFile.assign(Z_STRVAL_P(entry), Z_STRLEN_P(entry));
    } else if (Z_TYPE_P(entry) == IS_ARRAY) {
      if (!readString(Z_ARRVAL_P(entry), "local_cert", &cert.certFile, owner) ||
          !readString(Z_ARRVAL_P(entry), "local_pk", &cert.keyFile, owner))
        return false;
    } else {
      throwRuntime("%s: 'SNI_server_certs' of %s must be a file name or an array", owner,
                   ZSTR_VAL(host));
      return false;
    }
    out->sniCertificates.emplace_back(std::string(ZSTR_VAL(host), ZSTR_LEN(host)), cert);
  }
  ZEND_HASH_FOREACH_END();
  return true;
}

}  // namespace

bool readTlsOptions(zval* context, bool server, TlsConfig* out, const char* owner) {
  out->verifyPeer = !server;
  out->verifyPeerName = true;
  if (context == nullptr || Z_TYPE_P(context) != IS_ARRAY) return true;
  zval* sslOptions = zend_hash_str_find_deref(Z_ARRVAL_P(context), "ssl", 3);
  if (sslOptions == nullptr || Z_TYPE_P(sslOptions) == IS_NULL) return true;
  if (Z_TYPE_P(sslOptions) != IS_ARRAY) {
    throwRuntime("%s: the context's 'ssl' entry must be an array of options", owner);
    return false;
  }
  HashTable* ssl = Z_ARRVAL_P(sslOptions);
  if (!readString(ssl, "local_cert", &out->certificate.certFile, owner) ||
      !readString(ssl, "local_pk", &out->certificate.keyFile, owner) ||
      !readString(ssl, "passphrase", &out->passphrase, owner) ||
      !readString(ssl, "cafile", &out->caFile, owner) ||
      !readString(ssl, "capath", &out->caPath, owner) ||
      !readString(ssl, "ciphers", &out->ciphers, owner) ||
      !readString(ssl, "peer_name", &out->peerName, owner) || !readSniCertificates(ssl, out, owner))
    return false;
  readBool(ssl, "verify_peer", &out->verifyPeer);
  readBool(ssl, "verify_peer_name", &out->verifyPeerName);
  readBool(ssl, "allow_self_signed", &out->allowSelfSigned);
  readBool(ssl, "SNI_enabled", &out->sniEnabled);
  // disable_compression: TLS compression is always off (CRIME); the option is accepted.
  zval* level = zend_hash_str_find_deref(ssl, "security_level", sizeof "security_level" - 1);
  if (level != nullptr && Z_TYPE_P(level) != IS_NULL) {
    zend_long l = zval_get_long(level);
    if (l < 0 || l > 5) {
      throwRuntime("%s: the ssl context option 'security_level' must be 0 to 5, " ZEND_LONG_FMT
                   " given",
                   owner, l);
      return false;
    }
    out->securityLevel = static_cast<int>(l);
  }
  return true;
}

std::shared_ptr<TlsContext> buildServerTls(const TlsConfig& config, const char* owner) {
  try {
    return TlsContext::forServer(config);
  } catch (const std::exception& e) {
    throwRuntime("%s: %s", owner, e.what());
    return nullptr;
  }
}

std::shared_ptr<TlsContext> buildClientTls(const TlsConfig& config, const char* owner) {
  try {
    return TlsContext::forClient(config);
  } catch (const std::exception& e) {
    throwRuntime("%s: %s", owner, e.what());
    return nullptr;
  }
}

}  // namespace surge::ext
