#include "protocol/websocket/deflate_params.h"

#include <vector>

namespace surge::protocol {

namespace {

bool isTokenChar(char c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!isTokenChar(c)) return false;
  return true;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits `s` at `sep` outside quoted strings; false if a quote is left open.
bool split(std::string_view s, char sep, std::vector<std::string_view>* parts) {
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      parts->push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quoted) return false;
  parts->push_back(trim(s.substr(start)));
  return true;
}

// A window size: "8".."15", no sign, no leading zero (RFC 7692 §7.1.2.1). -1 if not.
int windowBits(std::string_view v) {
  if (v == "8") return 8;
  if (v == "9") return 9;
  if (v.size() == 2 && v[0] == '1' && v[1] >= '0' && v[1] <= '5') return 10 + (v[1] - '0');
  return -1;
}

// One parsed extension element: its parameters. `bare` marks a window size without value.
struct Offer {
  bool serverNoContextTakeover = false;
  bool clientNoContextTakeover = false;
  int serverMaxWindowBits = 0;  // 0: absent
  int clientMaxWindowBits = 0;  // 0: absent; -1: present without a value
};

// Parses "permessage-deflate; param[=value]; ..." into `offer`. False if it is another
// extension (`*other` set) or a permessage-deflate that must be declined.
bool parseElement(std::string_view element, bool response, Offer* offer, bool* other) {
  *other = false;
  std::vector<std::string_view> parts;
  if (!split(element, ';', &parts)) return false;
  if (!equalsIgnoreCase(parts[0], "permessage-deflate")) {
    *other = true;
    return false;
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    size_t eq = p.find('=');
    std::string_view name = trim(p.substr(0, eq));
    bool hasValue = eq != std::string_view::npos;
    std::string_view value = hasValue ? trim(p.substr(eq + 1)) : std::string_view();
    std::string unquoted;
    if (hasValue && value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      // A quoted value must still be a token once unquoted (RFC 6455 §9.1).
      for (size_t k = 1; k + 1 < value.size(); ++k) {
        if (value[k] == '\\') ++k;
        if (k + 1 < value.size()) unquoted.push_back(value[k]);
      }
      value = unquoted;
    }
    if (!isToken(name) || (hasValue && !isToken(value))) return false;
    if (name == "server_no_context_takeover" || name == "client_no_context_takeover") {
      bool& flag = name[0] == 's' ? offer->serverNoContextTakeover : offer->clientNoContextTakeover;
      if (hasValue || flag) return false;
      flag = true;
    } else if (name == "server_max_window_bits") {
      if (offer->serverMaxWindowBits != 0 || !hasValue) return false;
      offer->serverMaxWindowBits = windowBits(value);
      if (offer->serverMaxWindowBits < 0) return false;
    } else if (name == "client_max_window_bits") {
      if (offer->clientMaxWindowBits != 0) return false;
      // In an offer the value is optional (the client can limit itself); an answer names it.
      if (!hasValue && response) return false;
      offer->clientMaxWindowBits = hasValue ? windowBits(value) : -1;
      if (hasValue && offer->clientMaxWindowBits < 0) return false;
    } else {
      return false;
    }
  }
  return true;
}

int clamp(int bits, int low) {
  if (bits < low) return low;
  return bits > 15 ? 15 : bits;
}

}  // namespace

std::string WsDeflateParams::responseValue() const {
  std::string v = "permessage-deflate";
  if (serverNoContextTakeover) v += "; server_no_context_takeover";
  if (clientNoContextTakeover) v += "; client_no_context_takeover";
  if (announceServerBits) v += "; server_max_window_bits=" + std::to_string(serverMaxWindowBits);
  if (announceClientBits) v += "; client_max_window_bits=" + std::to_string(clientMaxWindowBits);
  return v;
}

bool WsDeflateNegotiation::negotiate(std::string_view offers, const WsDeflateConfig& config,
                                     WsDeflateParams* agreed) {
  std::vector<std::string_view> elements;
  if (!split(offers, ',', &elements)) return false;
  const int serverLimit = clamp(config.serverMaxWindowBits, 9);
  const int clientLimit = clamp(config.clientMaxWindowBits, 8);
  for (std::string_view element : elements) {
    if (element.empty()) continue;  // "a, , b": empty list elements are allowed
    Offer offer;
    bool other = false;
    if (!parseElement(element, false, &offer, &other)) continue;
    // zlib's raw deflate cannot keep to a 256-byte window: decline, a later offer may fit.
    if (offer.serverMaxWindowBits == 8) continue;
    WsDeflateParams p;
    p.serverNoContextTakeover = offer.serverNoContextTakeover || config.serverNoContextTakeover;
    p.clientNoContextTakeover = offer.clientNoContextTakeover || config.clientNoContextTakeover;
    p.serverMaxWindowBits = serverLimit;
    if (offer.serverMaxWindowBits > 0) {
      if (offer.serverMaxWindowBits < p.serverMaxWindowBits)
        p.serverMaxWindowBits = offer.serverMaxWindowBits;
      p.announceServerBits = true;
    }
    if (offer.clientMaxWindowBits != 0) {
      int offered = offer.clientMaxWindowBits > 0 ? offer.clientMaxWindowBits : 15;
      p.clientMaxWindowBits = offered < clientLimit ? offered : clientLimit;
      // Naming it is needed only to ask for less than the client would use anyway.
      p.announceClientBits = p.clientMaxWindowBits < 15;
    }
    *agreed = p;
    return true;
  }
  return false;
}

bool WsDeflateNegotiation::parseResponse(std::string_view value, WsDeflateParams* agreed) {
  std::vector<std::string_view> elements;
  if (!split(value, ',', &elements)) return false;
  bool found = false;
  WsDeflateParams p;
  for (std::string_view element : elements) {
    if (element.empty()) continue;
    Offer offer;
    bool other = false;
    if (!parseElement(element, true, &offer, &other)) {
      if (other) continue;  // another extension the application handles itself
      return false;
    }
    if (found) return false;  // an answer accepts one offer of an extension
    found = true;
    p.serverNoContextTakeover = offer.serverNoContextTakeover;
    p.clientNoContextTakeover = offer.clientNoContextTakeover;
    if (offer.serverMaxWindowBits > 0) {
      p.serverMaxWindowBits = clamp(offer.serverMaxWindowBits, 9);
      p.announceServerBits = true;
    }
    if (offer.clientMaxWindowBits > 0) {
      p.clientMaxWindowBits = offer.clientMaxWindowBits;
      p.announceClientBits = true;
    }
  }
  if (found) *agreed = p;
  return found;
}

}  // namespace surge::protocol
