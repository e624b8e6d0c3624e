#include "process/banner.h"

#include <algorithm>

namespace surge {

namespace {
std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string titleBar(const std::string& title, size_t width) {
  std::string inner = " " + title + " ";
  if (inner.size() >= width) return inner;
  size_t left = (width - inner.size()) / 2;
  return std::string(left, '-') + inner + std::string(width - inner.size() - left, '-');
}
}  // namespace

std::string renderBanner(const std::string& versionLine, const std::vector<BannerRow>& rows,
                         const std::string& tail) {
  const std::vector<std::string> headers = {"proto", "user", "worker", "listen", "count", "state"};
  std::vector<size_t> widths(headers.size());
  for (size_t i = 0; i < headers.size(); ++i) widths[i] = std::max<size_t>(8, headers[i].size());
  for (const BannerRow& r : rows) {
    widths[0] = std::max(widths[0], r.proto.size());
    widths[1] = std::max(widths[1], r.user.size());
    widths[2] = std::max(widths[2], r.worker.size());
    widths[3] = std::max(widths[3], r.listen.size());
    widths[4] = std::max(widths[4], std::to_string(r.count).size());
  }
  size_t total = 0;
  for (size_t& w : widths) total += (w += 4);
  total = std::max(total, versionLine.size());

  std::string out =
      titleBar("SURGE", total) + "\n" + versionLine + "\n" + titleBar("WORKERS", total) + "\n";
  std::string line;
  for (size_t i = 0; i < headers.size(); ++i) line += pad(headers[i], widths[i]);
  out += line + "\n";
  for (const BannerRow& r : rows) {
    line = pad(r.proto, widths[0]) + pad(r.user, widths[1]) + pad(r.worker, widths[2]) +
           pad(r.listen, widths[3]) + pad(std::to_string(r.count), widths[4]) +
           pad(" [OK]", widths[5]);
    out += line + "\n";
  }
  out += std::string(total, '-') + "\n" + tail + "\n";
  return out;
}

}  // namespace surge
