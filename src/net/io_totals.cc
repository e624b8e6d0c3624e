#include "net/io_totals.h"

namespace surge {

namespace {
std::atomic<int64_t> g_localReceived{0};
std::atomic<int64_t> g_localSent{0};
}  // namespace

std::atomic<int64_t>* IoTotals::received_ = &g_localReceived;
std::atomic<int64_t>* IoTotals::sent_ = &g_localSent;

void IoTotals::bind(std::atomic<int64_t>* received, std::atomic<int64_t>* sent) {
  received_ = received ? received : &g_localReceived;
  sent_ = sent ? sent : &g_localSent;
}

}  // namespace surge
