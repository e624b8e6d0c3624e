#include "events/loop_callbacks.h"

extern "C" {
#include "zend_exceptions.h"
}

#include "core/callable.h"
#include "core/fibers.h"
#include "core/runtime.h"

namespace surge::ext::events {

namespace {
zval g_errorHandler;
bool g_hasHandler = false;
}  // namespace

void setErrorHandler(zval* handler) {
  if (g_hasHandler) zval_ptr_dtor(&g_errorHandler);
  g_hasHandler = handler != nullptr && Z_TYPE_P(handler) != IS_NULL;
  if (g_hasHandler) ZVAL_COPY(&g_errorHandler, handler);
}

bool passToErrorHandler() {
  if (!g_hasHandler || EG(exception) == nullptr || zend_is_unwind_exit(EG(exception)) ||
      zend_is_graceful_exit(EG(exception)))
    return false;
  zval exception, handler, retval;
  ZVAL_OBJ_COPY(&exception, EG(exception));
  zend_clear_exception();
  ZVAL_COPY(&handler, &g_errorHandler);  // the handler may replace itself
  ZVAL_UNDEF(&retval);
  call_user_function(nullptr, nullptr, &handler, &retval, 1, &exception);
  zval_ptr_dtor(&retval);
  zval_ptr_dtor(&handler);
  zval_ptr_dtor(&exception);
  return true;
}

void callLoopCallback(zval* callable, uint32_t argc, zval* argv, const char* what) {
  if (runtime::exiting()) return;
  zend_object* first = runtime::workers().empty() ? nullptr : runtime::workers().front();
  CallSite site{what, first, 0};
  zend_fcall_info_cache fcc;
  char* error = nullptr;
  if (!zend_is_callable_ex(callable, nullptr, 0, nullptr, &fcc, &error)) {
    runtime::log(std::string(what) + " is not callable: " + (error ? error : "?"));
    if (error) efree(error);
    return;
  }
  if (error) efree(error);
  CallSite outer = enterCallback(site);
  if (fibers::perCallback()) {
    fibers::start(callable, &fcc, argc, argv, nullptr, site);
  } else {
    zval retval;
    ZVAL_UNDEF(&retval);
    zend_call_known_function(fcc.function_handler, fcc.object, fcc.called_scope, &retval, argc,
                             argv, nullptr);
    zval_ptr_dtor(&retval);
  }
  leaveCallback(outer);
  if (EG(exception) && !passToErrorHandler()) reportPendingException(site);
  if (EG(exception)) reportPendingException(site);  // thrown by the error handler itself
  fibers::checkFinished();
}

void shutdownLoopCallbacks() {
  setErrorHandler(nullptr);
}

}  // namespace surge::ext::events
