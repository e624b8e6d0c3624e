#pragma once

#include <string>
#include <utility>
#include <vector>

namespace surge {

// One external program the master keeps running beside the workers (Surge\Service): what
// to run, where, and when to start it again. The binding validates it; ServiceManager
// runs it.
struct ServiceSpec {
  enum class Restart { kAlways, kOnFailure, kNever };

  std::string name;                                      // [A-Za-z0-9_.-], unique
  std::vector<std::string> argv;                         // argv[0] is the program
  std::vector<std::pair<std::string, std::string>> env;  // added to the inherited environment
  std::string cwd;                                       // empty: the master's
  Restart restart = Restart::kAlways;
  double backoffInitial = 0.1;  // delay before the first restart after a quick exit
  double backoffMax = 10;       // doubling stops here
  double backoffReset = 10;     // a run at least this long resets the delay to initial
  double stopTimeout = 2;       // SIGTERM, then SIGKILL after this many seconds

  static const char* restartName(Restart r) {
    return r == Restart::kAlways ? "always" : r == Restart::kOnFailure ? "on-failure" : "never";
  }
};

}  // namespace surge
