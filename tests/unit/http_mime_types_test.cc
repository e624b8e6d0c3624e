#include "protocol/http/mime_types.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace surge::protocol {
namespace {

TEST(HttpMimeTypesTest, CommonWebTypes) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"html", "text/html"},
      {"htm", "text/html"},
      {"shtml", "text/html"},
      {"css", "text/css"},
      {"js", "application/javascript"},
      {"mjs", "application/javascript"},
      {"json", "application/json"},
      {"xml", "text/xml"},
      {"txt", "text/plain"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"svg", "image/svg+xml"},
      {"svgz", "image/svg+xml"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"bmp", "image/x-ms-bmp"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"wasm", "application/wasm"},
      {"pdf", "application/pdf"},
      {"zip", "application/zip"},
      {"mp4", "video/mp4"},
      {"webm", "video/webm"},
      {"mp3", "audio/mpeg"},
      {"ts", "video/mp2t"},
      {"m3u8", "application/vnd.apple.mpegurl"},
      {"csv", "text/csv"},
      {"md", "text/markdown"},
      {"yaml", "application/yaml"},
      {"yml", "application/yaml"},
      {"toml", "application/toml"},
      {"gz", "application/gzip"},
      {"tar", "application/x-tar"},
      {"bz2", "application/x-bzip2"},
      {"xz", "application/x-xz"},
      {"7z", "application/x-7z-compressed"},
      {"3gp", "video/3gpp"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"jardiff", "application/x-java-archive-diff"},
      {"exe", "application/octet-stream"},
  };
  for (const auto& [ext, type] : expected) EXPECT_EQ(mimeTypeForExtension(ext), type) << ext;
}

TEST(HttpMimeTypesTest, EveryExtensionOfTheListIsKnown) {
  for (std::string_view ext :
       {"html", "htm",  "shtml",   "css",  "xml",  "gif",  "jpeg",  "jpg",  "js",   "mjs",   "atom",
        "rss",  "mml",  "txt",     "jad",  "wml",  "htc",  "png",   "svg",  "svgz", "tif",   "tiff",
        "wbmp", "webp", "ico",     "jng",  "bmp",  "woff", "woff2", "jar",  "war",  "ear",   "json",
        "hqx",  "doc",  "pdf",     "ps",   "eps",  "ai",   "rtf",   "m3u8", "kml",  "kmz",   "xls",
        "eot",  "ppt",  "odg",     "odp",  "ods",  "odt",  "pptx",  "xlsx", "docx", "wmlc",  "wasm",
        "7z",   "cco",  "jardiff", "jnlp", "run",  "pl",   "pm",    "prc",  "pdb",  "rar",   "rpm",
        "sea",  "swf",  "sit",     "tcl",  "tk",   "der",  "pem",   "crt",  "xpi",  "xhtml", "xspf",
        "zip",  "bin",  "exe",     "dll",  "deb",  "dmg",  "iso",   "img",  "msi",  "msp",   "msm",
        "mid",  "midi", "kar",     "mp3",  "ogg",  "m4a",  "ra",    "3gpp", "3gp",  "ts",    "mp4",
        "mpeg", "mpg",  "mov",     "webm", "flv",  "m4v",  "mng",   "asx",  "asf",  "wmv",   "avi",
        "csv",  "md",   "yaml",    "yml",  "toml", "gz",   "tar",   "bz2",  "xz"}) {
    EXPECT_TRUE(isKnownMimeExtension(ext)) << ext;
    EXPECT_FALSE(mimeTypeForExtension(ext).empty()) << ext;
  }
}

TEST(HttpMimeTypesTest, CaseInsensitive) {
  EXPECT_EQ(mimeTypeForExtension("HTML"), "text/html");
  EXPECT_EQ(mimeTypeForExtension("Jpg"), "image/jpeg");
  EXPECT_EQ(mimeTypeForExtension("WOFF2"), "font/woff2");
  EXPECT_EQ(mimeTypeForExtension("JarDiff"), "application/x-java-archive-diff");
}

TEST(HttpMimeTypesTest, UnknownIsOctetStream) {
  for (std::string_view ext : {"", "x", "htmlx", "ht", "jpgg", ".html", "html ", " html",
                               "jardiffs", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "zzz"}) {
    EXPECT_EQ(mimeTypeForExtension(ext), "application/octet-stream") << "'" << ext << "'";
    EXPECT_FALSE(isKnownMimeExtension(ext)) << "'" << ext << "'";
  }
  // A NUL byte is part of the extension, not its end.
  EXPECT_EQ(mimeTypeForExtension(std::string_view("css\0", 4)), "application/octet-stream");
  // Bytes above 0x7f are not letters and are not folded.
  EXPECT_EQ(mimeTypeForExtension("\xc3\xa9"), "application/octet-stream");
}

TEST(HttpMimeTypesTest, FirstAndLastEntriesOfTheTableAreFound) {
  EXPECT_EQ(mimeTypeForExtension("3gp"), "video/3gpp");
  EXPECT_EQ(mimeTypeForExtension("zip"), "application/zip");
}

}  // namespace
}  // namespace surge::protocol
