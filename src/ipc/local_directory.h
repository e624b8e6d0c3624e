#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace surge {

// The uid and groups of this process's own connections: what a message for a uid or a
// group resolves to here, and what a connection leaves behind when it closes. The shared
// PresenceIndex says which processes to send to; this says which connections receive.
class LocalDirectory {
 public:
  struct Bindings {
    std::string uid;  // empty: none
    std::vector<std::string> groups;
  };
  using Ids = std::unordered_set<uint64_t>;

  // Binds `connection` to `uid`; `previous` gets the uid it replaces (empty if none).
  // False when it was already bound to that uid.
  bool bindUid(uint64_t connection, std::string_view uid, std::string* previous);
  // False when it had no uid; `previous` gets the one removed.
  bool unbindUid(uint64_t connection, std::string* previous);
  // False when already a member / not a member.
  bool join(uint64_t connection, std::string_view group);
  bool leave(uint64_t connection, std::string_view group);

  const Ids* uid(std::string_view uid) const { return find(uids_, uid); }
  const Ids* group(std::string_view group) const { return find(groups_, group); }
  const Bindings* of(uint64_t connection) const;
  // A closed connection's bindings, removed from here (empty when it had none).
  Bindings forget(uint64_t connection);
  bool empty() const { return byConnection_.empty(); }
  // Every uid and group with members here (to publish the whole state again).
  const std::unordered_map<std::string, Ids>& uids() const { return uids_; }
  const std::unordered_map<std::string, Ids>& groups() const { return groups_; }

 private:
  using Map = std::unordered_map<std::string, Ids>;
  static const Ids* find(const Map& map, std::string_view key);
  static void drop(Map& map, const std::string& key, uint64_t connection);

  std::unordered_map<uint64_t, Bindings> byConnection_;
  Map uids_;
  Map groups_;
};

}  // namespace surge
