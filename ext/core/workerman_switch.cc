#include "core/workerman_switch.h"

#include <string_view>
#include <utility>
#include <vector>

namespace surge::ext::workerman {

namespace {
bool g_enabled = false;
constexpr std::string_view kSurge = "Surge\\";
constexpr std::string_view kWorkerman = "Workerman\\";

void alias(const std::string& name, zend_class_entry* ce, bool persistent) {
  zend_register_class_alias_ex(name.data(), name.size(), ce, persistent);
}
}  // namespace

bool enabled() {
  return g_enabled;
}

void registerAliases(int moduleNumber) {
  g_enabled = INI_BOOL("surge.workerman");
  if (!g_enabled) return;
  zend_class_entry* timer = nullptr;
  std::vector<std::pair<std::string, zend_class_entry*>> names;
  zval* entry;
  ZEND_HASH_MAP_FOREACH_VAL(CG(class_table), entry) {
    auto* ce = static_cast<zend_class_entry*>(Z_PTR_P(entry));
    if (ce->type != ZEND_INTERNAL_CLASS || ce->info.internal.module == nullptr ||
        ce->info.internal.module->module_number != moduleNumber)
      continue;
    std::string_view name(ZSTR_VAL(ce->name), ZSTR_LEN(ce->name));
    if (name.substr(0, kSurge.size()) != kSurge) continue;
    names.emplace_back(std::string(kWorkerman) + std::string(name.substr(kSurge.size())), ce);
    if (name == "Surge\\Timer") timer = ce;
  }
  ZEND_HASH_FOREACH_END();
  for (auto& [name, cls] : names) alias(name, cls, true);
  // Workerman 4's name of the timer class, still used by older libraries.
  if (timer) alias("Workerman\\Lib\\Timer", timer, true);
}

bool surgeName(zend_string* lcName, std::string* lcSurge) {
  if (!g_enabled) return false;
  std::string_view lc(ZSTR_VAL(lcName), ZSTR_LEN(lcName));
  if (lc.substr(0, kWorkerman.size()) != "workerman\\") return false;
  *lcSurge = "surge\\" + std::string(lc.substr(kWorkerman.size()));
  return true;
}

void aliasLoaded(zend_class_entry* ce) {
  alias("Workerman\\" + std::string(ZSTR_VAL(ce->name) + kSurge.size()), ce, false);
}

std::string protocolName(zend_class_entry* ce) {
  std::string_view name(ZSTR_VAL(ce->name), ZSTR_LEN(ce->name));
  if (g_enabled && name.substr(0, kSurge.size()) == kSurge)
    return "\\" + std::string(kWorkerman) + std::string(name.substr(kSurge.size()));
  return "\\" + std::string(name);
}

}  // namespace surge::ext::workerman
