#include "process/service_status.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "process/exit_status.h"
#include "process/status_json.h"
#include "process/status_text.h"

namespace surge {

using status_text::bar;
using status_text::pad;

namespace {

constexpr const char* kFileVersion = "surge-services 1";

std::string localTime(int64_t unixTime, long utcOffsetSeconds) {
  if (unixTime <= 0) return "-";
  time_t t = static_cast<time_t>(unixTime + utcOffsetSeconds);
  struct tm tm {};
  if (gmtime_r(&t, &tm) == nullptr) return "-";
  char text[32];
  strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

}  // namespace

std::string describeServiceExit(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by " + signalName(WTERMSIG(status));
  return describeExitStatus(status);
}

std::string formatServiceFile(const std::vector<ServiceView>& services) {
  std::string out = std::string(kFileVersion) + "\n";
  for (const ServiceView& s : services) {
    out += s.name + "\t" + std::to_string(s.pid) + "\t" + s.state + "\t" +
           std::to_string(s.restarts) + "\t" + std::to_string(s.started) + "\t" +
           (s.exited ? "1" : "0") + "\t" + std::to_string(s.lastStatus) + "\n";
  }
  return out;
}

std::vector<ServiceView> parseServiceFile(const std::string& text) {
  std::vector<ServiceView> out;
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != kFileVersion) return out;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) f.push_back(field);
    if (f.size() != 7 || f[0].empty()) continue;
    try {
      ServiceView v;
      v.name = f[0];
      v.pid = static_cast<pid_t>(std::stol(f[1]));
      v.state = f[2];
      v.restarts = std::stoll(f[3]);
      v.started = std::stoll(f[4]);
      v.exited = f[5] == "1";
      v.lastStatus = std::stoi(f[6]);
      out.push_back(std::move(v));
    } catch (const std::exception&) {
      continue;
    }
  }
  return out;
}

bool writeFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    if (!out) return false;
    out << text;
    if (!out.flush()) return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) == 0) return true;
  std::remove(tmp.c_str());
  return false;
}

std::string renderServicesJson(const std::vector<ServiceView>& services) {
  std::string out = "[";
  for (size_t i = 0; i < services.size(); ++i) {
    const ServiceView& s = services[i];
    if (i > 0) out += ",";
    out += "{\"name\":" + jsonString(s.name) +
           ",\"pid\":" + (s.pid > 0 ? std::to_string(s.pid) : "null") +
           ",\"state\":" + jsonString(s.state) + ",\"restarts\":" + std::to_string(s.restarts) +
           ",\"started\":" + (s.started > 0 ? std::to_string(s.started) : "null") +
           ",\"last_exit\":";
    if (!s.exited) {
      out += "null";
    } else {
      int st = s.lastStatus;
      out += "{\"code\":" + (WIFEXITED(st) ? std::to_string(WEXITSTATUS(st)) : "null") +
             ",\"signal\":" + (WIFSIGNALED(st) ? std::to_string(WTERMSIG(st)) : "null") +
             ",\"text\":" + jsonString(describeServiceExit(st)) + "}";
    }
    out += "}";
  }
  return out + "]";
}

std::string addServicesToStatusJson(const std::string& statusJson,
                                    const std::vector<ServiceView>& services) {
  size_t close = statusJson.rfind('}');
  if (close == std::string::npos) return statusJson;
  return statusJson.substr(0, close) + ",\"services\":" + renderServicesJson(services) +
         statusJson.substr(close);
}

std::string renderServicesTable(const std::vector<ServiceView>& services, long utcOffsetSeconds) {
  if (services.empty()) return "";
  size_t nameWidth = 12;
  for (const ServiceView& s : services) nameWidth = std::max(nameWidth, s.name.size() + 2);
  std::string out = bar("SERVICES", 51, 121) + "\n";
  out += pad("name", nameWidth) + pad("pid", 9) + pad("state", 10) + pad("restarts", 10) +
         pad("started", 21) + "last exit\n";
  for (const ServiceView& s : services) {
    out += pad(s.name, nameWidth) + pad(s.pid > 0 ? std::to_string(s.pid) : "-", 9) +
           pad(s.state, 10) + pad(std::to_string(s.restarts), 10) +
           pad(localTime(s.started, utcOffsetSeconds), 21) +
           (s.exited ? describeServiceExit(s.lastStatus) : "-") + "\n";
  }
  return out;
}

}  // namespace surge
