// Reason phrases for HTTP status codes, as Workerman's Response::PHRASES lists them, so
// that a status line and the PHP constant read the same in both servers.
#pragma once

#include <span>
#include <string_view>

namespace surge::protocol {

struct HttpStatusPhrase {
  int code;
  std::string_view phrase;
};

// The reason phrase for `code` ("Not Found" for 404), or an empty view for a code the
// table does not know (a status line then carries an empty reason, as in Workerman).
std::string_view httpReasonPhrase(int code);

// Every (code, phrase) pair, ordered by code: what the PHP binding turns into the
// Response::PHRASES constant.
std::span<const HttpStatusPhrase> httpStatusPhrases();

}  // namespace surge::protocol
