/* What an AsyncTcpConnection connects to: its URI taken apart, and the protocol its scheme
 * names (as a Worker picks one from its socket name). */
#include "client/client_target.h"

#include <cctype>
#include <string>

#include "client/async_tcp_connection.h"
#include "core/connection_internal.h"
#include "core/workerman_switch.h"
#include "protocols/driver_glue.h"
#include "protocols/user_protocol.h"
#include "websocket/websocket_server.h"

namespace surge::ext {

// The host of the URI as written (without brackets for IPv6), for the connector.
bool parseClientUri(ClientState* s, const std::string& uri) {
  size_t sep = uri.find("://");
  if (sep == std::string::npos || sep == 0) return false;
  s->scheme = uri.substr(0, sep);
  for (char& ch : s->scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string rest = uri.substr(sep + 3);
  size_t slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  s->target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (!s->target.empty() && s->target[0] == '?') s->target = "/" + s->target;
  size_t colon;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    s->host = authority.substr(0, close + 1);
    colon =
        close + 1 < authority.size() && authority[close + 1] == ':' ? close + 1 : std::string::npos;
  } else {
    colon = authority.rfind(':');
    s->host = authority.substr(0, colon);
  }
  if (s->host.empty()) return false;
  if (colon == std::string::npos) {
    if (s->scheme != "ws" && s->scheme != "wss") return false;
    s->port = s->scheme == "ws" ? 80 : 443;
    return true;
  }
  std::string port = authority.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  int p = 0;
  for (char ch : port) {
    if (ch < '0' || ch > '9') return false;
    p = p * 10 + (ch - '0');
  }
  if (p < 1 || p > 65535) return false;
  s->port = p;
  return true;
}

// Picks the codec from the scheme, as a Worker does from its socket name.
bool chooseClientProtocol(ConnectionObject* c, ClientState* s) {
  std::string protocolName;
  ProtocolKind kind = ProtocolKind::kRaw;
  if (s->scheme == "tcp") {
    kind = ProtocolKind::kRaw;
  } else if (s->scheme == "text") {
    kind = ProtocolKind::kText;
    protocolName = workerman::protocolName(text_ce);
  } else if (s->scheme == "frame") {
    kind = ProtocolKind::kFrame;
    protocolName = workerman::protocolName(frame_ce);
  } else if (s->scheme == "ws" || s->scheme == "wss") {
    kind = ProtocolKind::kWebSocket;
    c->state.ptr = newWsClient();
    protocolName = workerman::protocolName(ws_ce);
  } else if (s->scheme == "ssl") {
    kind = ProtocolKind::kRaw;
  } else if (s->scheme == "udp" || s->scheme == "unix") {
    throwRuntime("AsyncTcpConnection: %s:// is not supported by this version of Surge",
                 s->scheme.c_str());
    return false;
  } else {
    std::string cls;
    zend_class_entry* ce = findProtocolClass(s->scheme, &cls);
    if (ce == nullptr) {
      throwRuntime(
          "AsyncTcpConnection: unknown protocol scheme '%s': no class Protocols\\%s or "
          "Surge\\Protocols\\%s exists (built in: tcp, text, frame, ws)",
          s->scheme.c_str(), cls.c_str(), cls.c_str());
      return false;
    }
    if (!loadUserProtocol(ce, &s->userProtocol)) return false;
    kind = ProtocolKind::kUser;
    protocolName = workerman::protocolName(ce);
  }
  zval v;
  if (protocolName.empty())
    ZVAL_NULL(&v);
  else
    ZVAL_STRINGL(&v, protocolName.data(), protocolName.size());
  setSlot(&c->std, connection_props.protocol, &v);
  zval_ptr_dtor(&v);
  c->driver = driverFor(kind, Side::kOutgoing);
  return true;
}

}  // namespace surge::ext
