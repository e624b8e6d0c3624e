/* Module entry of the surge extension: registers the classes and reports its version. */
#include "core/common.h"
#include "client/async_tcp_connection.h"

extern "C" {
#include "ext/standard/info.h"
}

#include <event2/event.h>

#include "cluster/cluster_bus.h"
#include "core/php_library_loader.h"
#include "core/fibers.h"
#include "core/workerman_switch.h"
#include "events/event_loop.h"
#include "protocols/user_protocol.h"
#include "udp/udp_connection.h"
#include "jobs/jobs_worker.h"
#include "logs/log_settings.h"
#include "http/access_log.h"
#include "http/http_classes.h"
#include "php_surge.h"
#include "core/runtime.h"
#include "task/task_pool.h"
#include "websocket/websocket_server.h"
#include "shm/shm_classes.h"
#include "service/services.h"
#include "metrics/metrics_classes.h"

namespace {

PHP_INI_BEGIN()
// The Workerman switch: every class also under its Workerman name (workerman_switch.h).
PHP_INI_ENTRY("surge.workerman", "0", PHP_INI_SYSTEM, nullptr)
PHP_INI_END()

PHP_MINIT_FUNCTION(surge) {
  using namespace surge::ext;
  REGISTER_INI_ENTRIES();
  REGISTER_STRING_CONSTANT("SURGE_VERSION", const_cast<char*>(PHP_SURGE_VERSION),
                           CONST_CS | CONST_PERSISTENT);
  fibers::registerFiberBody();
  events::registerEventClasses();
  registerWorkerClass();
  task::registerTaskClasses();
  registerConnectionInterfaceClass();
  registerTcpConnectionClass();
  registerAsyncTcpConnectionClass();
  registerUdpClasses();
  registerTimerClass();
  registerTextClass();
  registerFrameClass();
  registerHttpClass();
  registerRequestClass();
  registerResponseClass();
  registerChunkClass();
  registerServerSentEventsClass();
  registerWebsocketClass();
  registerWsClass();
  registerProtocolInterface();
  registerSharedMemoryClasses();
  metrics::registerMetricsClasses();
  registerJobsClasses();
  service::registerServiceClass();
  registerLogClass();
  installPhpLibrary();
  workerman::registerAliases(module_number);
  return SUCCESS;
}

PHP_MSHUTDOWN_FUNCTION(surge) {
  UNREGISTER_INI_ENTRIES();
  surge::ext::releaseResponseClass();
  return SUCCESS;
}

PHP_RINIT_FUNCTION(surge) {
#if defined(ZTS) && defined(COMPILE_DL_SURGE)
  ZEND_TSRMLS_CACHE_UPDATE();
#endif
  surge::ext::runtime::initStatistics();
  surge::ext::resetHttpSettings();
  return SUCCESS;
}

PHP_RSHUTDOWN_FUNCTION(surge) {
  // One step per area, each freeing what it owns (as krakjoe/parallel does per module):
  // connections still open (closed without callbacks), workers and statistics, then
  // timers and the callables and arguments they hold.
  surge::ext::cluster::stopInProcess();
  surge::ext::runtime::releaseAll();
  surge::ext::closeAllUdpClients();
  surge::ext::shutdownJobs();
  surge::ext::access_log::shutdown();
  surge::ext::events::shutdownEventLoops();
  surge::ext::fibers::shutdown();
  surge::ext::shutdownTimers();
  surge::ext::service::shutdown();
  return SUCCESS;
}

PHP_MINFO_FUNCTION(surge) {
  php_info_print_table_start();
  php_info_print_table_row(2, "surge support", "enabled");
  php_info_print_table_row(2, "version", PHP_SURGE_VERSION);
  php_info_print_table_row(2, "libevent", event_get_version());
  php_info_print_table_row(2, "Workerman API", PHP_SURGE_WORKERMAN_API);
  php_info_print_table_end();
  DISPLAY_INI_ENTRIES();
  php_info_print_table_start();
  php_info_print_table_end();
}

const zend_module_dep surge_deps[] = {ZEND_MOD_REQUIRED("spl") ZEND_MOD_REQUIRED("json")
                                          ZEND_MOD_END};

}  // namespace

zend_module_entry surge_module_entry = {STANDARD_MODULE_HEADER_EX,
                                        nullptr,
                                        surge_deps,
                                        "surge",
                                        nullptr,
                                        PHP_MINIT(surge),
                                        PHP_MSHUTDOWN(surge),
                                        PHP_RINIT(surge),
                                        PHP_RSHUTDOWN(surge),
                                        PHP_MINFO(surge),
                                        PHP_SURGE_VERSION,
                                        STANDARD_MODULE_PROPERTIES};

#ifdef COMPILE_DL_SURGE
extern "C" {
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(surge)
}
#endif
