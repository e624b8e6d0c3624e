#include "redis/redis_endpoint.h"

#include <charconv>

namespace surge {

namespace {

bool fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return false;
}

bool parseInt(std::string_view text, int min, int max, int* out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    return false;
  *out = value;
  return true;
}

// Percent-decodes a password (a URI may carry '@' or ':' in it as %40 / %3A).
std::string decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int v = 0;
      auto [end, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
      if (ec == std::errc() && end == s.data() + i + 3) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

std::optional<RedisEndpoint> RedisEndpoint::parse(std::string_view uri, std::string* error) {
  static constexpr const char* kForms =
      "expected tcp://host:port, redis://[:password@]host[:port][/db] or unix:///path";
  RedisEndpoint ep;
  size_t sep = uri.find("://");
  if (sep == std::string_view::npos) {
    fail(error, "Redis address \"" + std::string(uri) + "\" has no scheme: " + kForms);
    return std::nullopt;
  }
  std::string_view scheme = uri.substr(0, sep);
  std::string_view rest = uri.substr(sep + 3);
  if (scheme == "unix") {
    if (rest.empty() || rest[0] != '/') {
      fail(error, "Redis address \"" + std::string(uri) +
                      "\" needs an absolute socket path: unix:///path/to/redis.sock");
      return std::nullopt;
    }
    ep.unixPath = std::string(rest);
    return ep;
  }
  if (scheme != "tcp" && scheme != "redis") {
    fail(error, "Redis address \"" + std::string(uri) + "\" has an unknown scheme \"" +
                    std::string(scheme) + "\": " + kForms);
    return std::nullopt;
  }
  // Userinfo ("user:password@" or ":password@"); Redis 6 ACL user names are not used by
  // AUTH here, only the password.
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    size_t colon = userinfo.find(':');
    ep.password = decode(colon == std::string_view::npos ? userinfo : userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && !parseInt(db, 0, 1 << 20, &ep.db)) {
      fail(error, "Redis address \"" + std::string(uri) + "\" has a bad database number \"" +
                      std::string(db) + "\" (use /0, /1, ...)");
      return std::nullopt;
    }
  }
  std::string_view portText;
  if (!hostport.empty() && hostport[0] == '[') {  // [v6]:port
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) {
      fail(error, "Redis address \"" + std::string(uri) + "\" has an unclosed IPv6 bracket");
      return std::nullopt;
    }
    ep.host = std::string(hostport.substr(1, close - 1));
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') {
        fail(error, "Redis address \"" + std::string(uri) + "\": expected :port after ]");
        return std::nullopt;
      }
      portText = after.substr(1);
    }
  } else {
    size_t colon = hostport.rfind(':');
    ep.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos) portText = hostport.substr(colon + 1);
  }
  if (ep.host.empty()) {
    fail(error, "Redis address \"" + std::string(uri) + "\" has no host: " + kForms);
    return std::nullopt;
  }
  if (!portText.empty() && !parseInt(portText, 1, 65535, &ep.port)) {
    fail(error, "Redis address \"" + std::string(uri) + "\" has a bad port \"" +
                    std::string(portText) + "\" (1-65535)");
    return std::nullopt;
  }
  return ep;
}

std::string RedisEndpoint::describe() const {
  std::string out;
  if (!unixPath.empty()) {
    out = "unix:" + unixPath;
  } else if (host.find(':') != std::string::npos) {
    out = "[" + host + "]:" + std::to_string(port);
  } else {
    out = host + ":" + std::to_string(port);
  }
  if (db != 0) out += "/" + std::to_string(db);
  return out;
}

}  // namespace surge
