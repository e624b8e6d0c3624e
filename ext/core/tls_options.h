/* The `ssl` stream context options (PHP's names, which Workerman passes through) read
 * into the core's TlsConfig, and the TLS contexts built from them. */
#ifndef SURGE_EXT_TLS_OPTIONS_H
#define SURGE_EXT_TLS_OPTIONS_H

#include <memory>

#include "core/common.h"
#include "net/tls_config.h"
#include "net/tls_context.h"

namespace surge::ext {

// Reads $context['ssl'] (an array, or absent) into `out`, whose defaults are a server's
// (verify_peer off) or a client's (verify_peer and verify_peer_name on). Returns false
// with a PHP exception naming `owner` when an option has the wrong type.
bool readTlsOptions(zval* context, bool server, TlsConfig* out, const char* owner);

// Builds a context; on failure throws a RuntimeException "`owner`: <reason>" and returns null.
std::shared_ptr<TlsContext> buildServerTls(const TlsConfig& config, const char* owner);
std::shared_ptr<TlsContext> buildClientTls(const TlsConfig& config, const char* owner);

}  // namespace surge::ext

#endif
