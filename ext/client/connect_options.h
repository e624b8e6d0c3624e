/* How an AsyncTcpConnection reaches its server: PHP's `socket` context options (bindto,
 * tcp_nodelay, so_reuseport) and the proxy properties (proxySocks5, proxyHttp). */
#ifndef SURGE_EXT_CLIENT_CONNECT_OPTIONS_H
#define SURGE_EXT_CLIENT_CONNECT_OPTIONS_H

#include <string>

#include "core/common.h"
#include "net/connector.h"

namespace surge::ext {

// Reads $context['socket'] into `out`; throws (returns false) for a value that is wrong,
// naming `owner`.
bool readSocketOptions(zval* context, ConnectOptions* out, const char* owner);

// Where to connect for `host`:`port` given the connection's proxy properties: the proxy's
// host and port, with the tunnel's handshake in `options`, or the target itself. Throws
// (returns false) for a proxy address that is not host:port.
bool applyProxy(zend_object* connection, const std::string& host, int port, ConnectOptions* options,
                std::string* connectHost, int* connectPort);

void registerProxyProperties(zend_class_entry* ce);

}  // namespace surge::ext

#endif
