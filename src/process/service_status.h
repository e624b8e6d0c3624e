#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace surge {

// What the master knows about one supervised service, as `status`, `status --json` and the
// metrics show it. The master rewrites all of them to a small file beside the status board
// (`<statusFile>.services`) on every change, since the board's records have a fixed size;
// the `status` command, another process, reads that file.
struct ServiceView {
  std::string name;
  pid_t pid = 0;         // 0 when not running
  std::string state;     // "running", "backoff" (waiting to restart), "stopped"
  int64_t restarts = 0;  // starts after the first
  int64_t started = 0;   // unix time of the last start (0: never started)
  bool exited = false;   // whether lastStatus means anything
  int lastStatus = 0;    // waitpid() status of the last exit
};

// A service's wait() status in words: "exited with code 3", "killed by SIGKILL".
std::string describeServiceExit(int status);

// The file's text: a version line, then one tab-separated line per service (names hold no
// tab or newline: the binding allows [A-Za-z0-9_.-] only).
std::string formatServiceFile(const std::vector<ServiceView>& services);
// Unknown versions and malformed lines give nothing (the reader may be older or newer).
std::vector<ServiceView> parseServiceFile(const std::string& text);
// Writes `text` to `path` through a temporary file and rename(), so a reader never sees a
// half-written file. False on failure.
bool writeFileAtomically(const std::string& path, const std::string& text);

// `status --json`'s "services" array.
std::string renderServicesJson(const std::vector<ServiceView>& services);
// Inserts `"services":[...]` as the last member of the JSON object `statusJson`.
std::string addServicesToStatusJson(const std::string& statusJson,
                                    const std::vector<ServiceView>& services);
// The `status` table's services section (empty without services); `utcOffsetSeconds` as in
// StatusContext, for the start time.
std::string renderServicesTable(const std::vector<ServiceView>& services, long utcOffsetSeconds);

}  // namespace surge
