// The Content-Type a static file is served with, chosen by its extension the way nginx's
// mime.types (and Workerman's copy of it) chooses.
#pragma once

#include <string_view>

namespace surge::protocol {

// The MIME type for a file extension given without its dot ("html", "JPG"), compared
// ASCII case-insensitively; "application/octet-stream" for an unknown or empty
// extension. The returned view points to static storage; no allocation.
std::string_view mimeTypeForExtension(std::string_view ext);

// True when mimeTypeForExtension() knows `ext` (Workerman adds a Content-Disposition:
// attachment header to files whose extension is not in its map).
bool isKnownMimeExtension(std::string_view ext);

}  // namespace surge::protocol
