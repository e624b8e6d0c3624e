#include "ipc/local_directory.h"

#include <algorithm>

namespace surge {

const LocalDirectory::Ids* LocalDirectory::find(const Map& map, std::string_view key) {
  auto it = map.find(std::string(key));
  return it == map.end() ? nullptr : &it->second;
}

void LocalDirectory::drop(Map& map, const std::string& key, uint64_t connection) {
  auto it = map.find(key);
  if (it == map.end()) return;
  it->second.erase(connection);
  if (it->second.empty()) map.erase(it);
}

const LocalDirectory::Bindings* LocalDirectory::of(uint64_t connection) const {
  auto it = byConnection_.find(connection);
  return it == byConnection_.end() ? nullptr : &it->second;
}

bool LocalDirectory::bindUid(uint64_t connection, std::string_view uid, std::string* previous) {
  Bindings& b = byConnection_[connection];
  previous->clear();
  if (b.uid == uid) return false;
  if (!b.uid.empty()) {
    drop(uids_, b.uid, connection);
    *previous = b.uid;
  }
  b.uid = std::string(uid);
  uids_[b.uid].insert(connection);
  return true;
}

bool LocalDirectory::unbindUid(uint64_t connection, std::string* previous) {
  auto it = byConnection_.find(connection);
  if (it == byConnection_.end() || it->second.uid.empty()) return false;
  drop(uids_, it->second.uid, connection);
  *previous = std::move(it->second.uid);
  it->second.uid.clear();
  if (it->second.groups.empty()) byConnection_.erase(it);
  return true;
}

bool LocalDirectory::join(uint64_t connection, std::string_view group) {
  Bindings& b = byConnection_[connection];
  if (std::find(b.groups.begin(), b.groups.end(), group) != b.groups.end()) return false;
  b.groups.emplace_back(group);
  groups_[b.groups.back()].insert(connection);
  return true;
}

bool LocalDirectory::leave(uint64_t connection, std::string_view group) {
  auto it = byConnection_.find(connection);
  if (it == byConnection_.end()) return false;
  auto& groups = it->second.groups;
  auto g = std::find(groups.begin(), groups.end(), group);
  if (g == groups.end()) return false;
  drop(groups_, *g, connection);
  groups.erase(g);
  if (groups.empty() && it->second.uid.empty()) byConnection_.erase(it);
  return true;
}

LocalDirectory::Bindings LocalDirectory::forget(uint64_t connection) {
  auto it = byConnection_.find(connection);
  if (it == byConnection_.end()) return {};
  Bindings b = std::move(it->second);
  byConnection_.erase(it);
  if (!b.uid.empty()) drop(uids_, b.uid, connection);
  for (const std::string& g : b.groups) drop(groups_, g, connection);
  return b;
}

}  // namespace surge
