#pragma once

#include <string>
#include <vector>

namespace surge {

// The start banner in Workerman's layout: a title bar, a version line, one row per
// worker (proto, user, worker, listen, count, state) and a closing line.
struct BannerRow {
  std::string proto;
  std::string user;
  std::string worker;
  std::string listen;
  int count;
};

std::string renderBanner(const std::string& versionLine, const std::vector<BannerRow>& rows,
                         const std::string& tail);

}  // namespace surge
