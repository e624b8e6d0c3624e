/* What an AsyncTcpConnection connects to (client_target.cc). */
#ifndef SURGE_EXT_CLIENT_CLIENT_TARGET_H
#define SURGE_EXT_CLIENT_CLIENT_TARGET_H

#include <string>

namespace surge::ext {

struct ClientState;
struct ConnectionObject;

// Splits "scheme://host:port/target" into the client's scheme, host (as written, IPv6 in
// brackets), port and target; false for a URI that is not one.
bool parseClientUri(ClientState* s, const std::string& uri);
// Sets the connection's codec and $protocol from the scheme; throws and returns false for
// one Surge has no protocol for.
bool chooseClientProtocol(ConnectionObject* c, ClientState* s);

}  // namespace surge::ext

#endif
