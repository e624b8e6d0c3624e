#pragma once

#include <string>
#include <string_view>

namespace surge {

// `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD, control
// bytes become \u00XX escapes, so the result is always one line of valid JSON.
std::string jsonString(std::string_view text);

// Appends jsonString(text) to `out` without a temporary (the log and access log hot paths).
void appendJsonString(std::string& out, std::string_view text);

}  // namespace surge
