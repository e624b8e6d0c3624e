#include "protocol/http/mime_types.h"

#include <algorithm>
#include <iterator>

namespace surge::protocol {
namespace {

struct MimeEntry {
  std::string_view ext;  // lower case
  std::string_view type;
};

constexpr std::string_view kOctetStream = "application/octet-stream";

// Sorted by extension (byte order) for the binary search; checked below at compile time.
// The types follow nginx's mime.types; csv, md, mjs, yaml, toml and the archive formats
// nginx leaves out take their IANA registrations.
constexpr MimeEntry kTypes[] = {
    {"3gp", "video/3gpp"},
    {"3gpp", "video/3gpp"},
    {"7z", "application/x-7z-compressed"},
    {"ai", "application/postscript"},
    {"asf", "video/x-ms-asf"},
    {"asx", "video/x-ms-asf"},
    {"atom", "application/atom+xml"},
    {"avi", "video/x-msvideo"},
    {"avif", "image/avif"},
    {"bin", kOctetStream},
    {"bmp", "image/x-ms-bmp"},
    {"bz2", "application/x-bzip2"},
    {"cco", "application/x-cocoa"},
    {"crt", "application/x-x509-ca-cert"},
    {"css", "text/css"},
    {"csv", "text/csv"},
    {"deb", kOctetStream},
    {"der", "application/x-x509-ca-cert"},
    {"dll", kOctetStream},
    {"dmg", kOctetStream},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"ear", "application/java-archive"},
    {"eot", "application/vnd.ms-fontobject"},
    {"eps", "application/postscript"},
    {"exe", kOctetStream},
    {"flv", "video/x-flv"},
    {"gif", "image/gif"},
    {"gz", "application/gzip"},
    {"hqx", "application/mac-binhex40"},
    {"htc", "text/x-component"},
    {"htm", "text/html"},
    {"html", "text/html"},
    {"ico", "image/x-icon"},
    {"img", kOctetStream},
    {"iso", kOctetStream},
    {"jad", "text/vnd.sun.j2me.app-descriptor"},
    {"jar", "application/java-archive"},
    {"jardiff", "application/x-java-archive-diff"},
    {"jng", "image/x-jng"},
    {"jnlp", "application/x-java-jnlp-file"},
    {"jpeg", "image/jpeg"},
    {"jpg", "image/jpeg"},
    {"js", "application/javascript"},
    {"json", "application/json"},
    {"kar", "audio/midi"},
    {"kml", "application/vnd.google-earth.kml+xml"},
    {"kmz", "application/vnd.google-earth.kmz"},
    {"m3u8", "application/vnd.apple.mpegurl"},
    {"m4a", "audio/x-m4a"},
    {"m4v", "video/x-m4v"},
    {"md", "text/markdown"},
    {"mid", "audio/midi"},
    {"midi", "audio/midi"},
    {"mjs", "application/javascript"},
    {"mml", "text/mathml"},
    {"mng", "video/x-mng"},
    {"mov", "video/quicktime"},
    {"mp3", "audio/mpeg"},
    {"mp4", "video/mp4"},
    {"mpeg", "video/mpeg"},
    {"mpg", "video/mpeg"},
    {"msi", kOctetStream},
    {"msm", kOctetStream},
    {"msp", kOctetStream},
    {"odg", "application/vnd.oasis.opendocument.graphics"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ogg", "audio/ogg"},
    {"otf", "font/otf"},
    {"pdb", "application/x-pilot"},
    {"pdf", "application/pdf"},
    {"pem", "application/x-x509-ca-cert"},
    {"pl", "application/x-perl"},
    {"pm", "application/x-perl"},
    {"png", "image/png"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"prc", "application/x-pilot"},
    {"ps", "application/postscript"},
    {"ra", "audio/x-realaudio"},
    {"rar", "application/x-rar-compressed"},
    {"rpm", "application/x-redhat-package-manager"},
    {"rss", "application/rss+xml"},
    {"rtf", "application/rtf"},
    {"run", "application/x-makeself"},
    {"sea", "application/x-sea"},
    {"shtml", "text/html"},
    {"sit", "application/x-stuffit"},
    {"svg", "image/svg+xml"},
    {"svgz", "image/svg+xml"},
    {"swf", "application/x-shockwave-flash"},
    {"tar", "application/x-tar"},
    {"tcl", "application/x-tcl"},
    {"tif", "image/tiff"},
    {"tiff", "image/tiff"},
    {"tk", "application/x-tcl"},
    {"toml", "application/toml"},
    {"ts", "video/mp2t"},
    {"ttf", "font/ttf"},
    {"txt", "text/plain"},
    {"war", "application/java-archive"},
    {"wasm", "application/wasm"},
    {"wbmp", "image/vnd.wap.wbmp"},
    {"webm", "video/webm"},
    {"webp", "image/webp"},
    {"wml", "text/vnd.wap.wml"},
    {"wmlc", "application/vnd.wap.wmlc"},
    {"wmv", "video/x-ms-wmv"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"xhtml", "application/xhtml+xml"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"xml", "text/xml"},
    {"xpi", "application/x-xpinstall"},
    {"xspf", "application/xspf+xml"},
    {"xz", "application/x-xz"},
    {"yaml", "application/yaml"},
    {"yml", "application/yaml"},
    {"zip", "application/zip"},
};

constexpr size_t longestExtension() {
  size_t longest = 0;
  for (const MimeEntry& e : kTypes) longest = std::max(longest, e.ext.size());
  return longest;
}
constexpr size_t kLongestExtension = longestExtension();

constexpr bool isSortedLowerCase() {
  for (size_t i = 0; i < std::size(kTypes); ++i) {
    for (char c : kTypes[i].ext)
      if (c >= 'A' && c <= 'Z') return false;
    if (i > 0 && !(kTypes[i - 1].ext < kTypes[i].ext)) return false;
  }
  return true;
}
static_assert(isSortedLowerCase(), "kTypes must be lower case and strictly sorted by extension");

const MimeEntry* find(std::string_view ext) {
  // An extension longer than every known one cannot match; this also bounds the copy.
  if (ext.empty() || ext.size() > kLongestExtension) return nullptr;
  char lower[kLongestExtension];
  for (size_t i = 0; i < ext.size(); ++i) {
    char c = ext[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  std::string_view key(lower, ext.size());
  const MimeEntry* end = std::end(kTypes);
  const MimeEntry* it =
      std::lower_bound(std::begin(kTypes), end, key,
                       [](const MimeEntry& e, std::string_view k) { return e.ext < k; });
  if (it == end || it->ext != key) return nullptr;
  return it;
}

}  // namespace

std::string_view mimeTypeForExtension(std::string_view ext) {
  const MimeEntry* e = find(ext);
  return e ? e->type : kOctetStream;
}

bool isKnownMimeExtension(std::string_view ext) {
  return find(ext) != nullptr;
}

}  // namespace surge::protocol
