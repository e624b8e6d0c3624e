#include "process/line_splitter.h"

namespace surge {

namespace {
std::string_view withoutCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}
}  // namespace

void LineSplitter::feed(std::string_view bytes, const Emit& emit) {
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    std::string_view piece = nl == std::string_view::npos ? bytes : bytes.substr(0, nl);
    bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    bool complete = nl != std::string_view::npos;
    if (skipping_) {
      if (complete) skipping_ = false;
      continue;
    }
    if (pending_.size() + piece.size() > maxLine_) {
      pending_.append(piece.substr(0, maxLine_ - pending_.size()));
      emit(std::string(pending_) + std::string(kCutMark));
      pending_.clear();
      skipping_ = !complete;
      continue;
    }
    if (!complete) {
      pending_.append(piece);
      continue;
    }
    if (pending_.empty()) {
      emit(withoutCr(piece));
    } else {
      pending_.append(piece);
      emit(withoutCr(pending_));
      pending_.clear();
    }
  }
}

void LineSplitter::flush(const Emit& emit) {
  if (!pending_.empty()) emit(withoutCr(pending_));
  pending_.clear();
  skipping_ = false;
}

}  // namespace surge
