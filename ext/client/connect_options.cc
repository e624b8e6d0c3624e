#include "client/connect_options.h"

#include <cctype>

namespace surge::ext {

namespace {
uint32_t g_socks5, g_socks5User, g_socks5Password, g_http, g_authorization;

std::string stringProp(zend_object* obj, uint32_t offset) {
  zval* v = slot(obj, offset);
  return Z_TYPE_P(v) == IS_STRING ? std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)) : std::string();
}

// "host:port" or "[v6]:port" of a proxy.
bool splitHostPort(const std::string& text, std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) return false;
  for (size_t i = colon + 1; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  long p = std::stol(text.substr(colon + 1));
  if (p < 1 || p > 65535) return false;
  *host = text.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  *port = static_cast<int>(p);
  return true;
}
}  // namespace

bool readSocketOptions(zval* context, ConnectOptions* out, const char* owner) {
  if (context == nullptr || Z_TYPE_P(context) != IS_ARRAY) return true;
  zval* socket = zend_hash_str_find_deref(Z_ARRVAL_P(context), "socket", sizeof("socket") - 1);
  if (socket == nullptr) return true;
  if (Z_TYPE_P(socket) != IS_ARRAY) {
    throwRuntime("%s: the 'socket' context options must be an array", owner);
    return false;
  }
  HashTable* options = Z_ARRVAL_P(socket);
  if (zval* v = zend_hash_str_find_deref(options, "bindto", sizeof("bindto") - 1)) {
    std::string text = Z_TYPE_P(v) == IS_STRING ? std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)) : "";
    // PHP's form "0:7000" means any address, port 7000.
    if (text.rfind("0:", 0) == 0) text = "0.0.0.0" + text.substr(1);
    try {
      out->bindTo = SocketAddress::parse("tcp", text);
    } catch (const std::exception& e) {
      throwRuntime("%s: socket option 'bindto' must be 'ip:port' ('0.0.0.0:0' for any), %s", owner,
                   e.what());
      return false;
    }
  }
  if (zval* v = zend_hash_str_find_deref(options, "tcp_nodelay", sizeof("tcp_nodelay") - 1))
    out->noDelay = zend_is_true(v);
  if (zval* v = zend_hash_str_find_deref(options, "so_reuseport", sizeof("so_reuseport") - 1))
    out->reusePort = zend_is_true(v);
  return true;
}

bool applyProxy(zend_object* c, const std::string& host, int port, ConnectOptions* options,
                std::string* connectHost, int* connectPort) {
  std::string socks = stringProp(c, g_socks5);
  std::string http = stringProp(c, g_http);
  options->tunnel = ProxyHandshake();
  *connectHost = host;
  *connectPort = port;
  if (socks.empty() && http.empty()) return true;
  const std::string& proxy = socks.empty() ? http : socks;
  const char* which = socks.empty() ? "proxyHttp" : "proxySocks5";
  if (!splitHostPort(proxy, connectHost, connectPort)) {
    throwRuntime("AsyncTcpConnection::$%s must be 'host:port', e.g. '127.0.0.1:1080'; '%s' given",
                 which, proxy.c_str());
    return false;
  }
  std::string target = host;
  if (target.size() >= 2 && target.front() == '[' && target.back() == ']')
    target = target.substr(1, target.size() - 2);
  options->tunnel = socks.empty()
                        ? ProxyHandshake::httpConnect(target, port, stringProp(c, g_authorization))
                        : ProxyHandshake::socks5(target, port, stringProp(c, g_socks5User),
                                                 stringProp(c, g_socks5Password));
  return true;
}

void registerProxyProperties(zend_class_entry* ce) {
  g_socks5 = propertyOffset(ce, "proxySocks5");
  g_socks5User = propertyOffset(ce, "proxySocks5Username");
  g_socks5Password = propertyOffset(ce, "proxySocks5Password");
  g_http = propertyOffset(ce, "proxyHttp");
  g_authorization = propertyOffset(ce, "proxyAuthorization");
}

}  // namespace surge::ext
