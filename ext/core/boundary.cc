#include "core/boundary.h"

#include <exception>
#include <new>

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext {

std::string lastPhpError() {
  if (PG(last_error_message) == nullptr) return "unknown error";
  std::string text(ZSTR_VAL(PG(last_error_message)), ZSTR_LEN(PG(last_error_message)));
  if (PG(last_error_file))
    text += std::string(" in ") + ZSTR_VAL(PG(last_error_file)) + ":" +
            std::to_string(PG(last_error_lineno));
  return text;
}

void throwPhpFromCpp() noexcept {
  // A PHP exception already pending wins: it says more than ours would.
  if (EG(exception)) return;
  try {
    throw;
  } catch (const std::bad_alloc&) {
    zend_throw_exception(zend_ce_exception,
                         "Surge: out of memory in the server core (the process cannot allocate "
                         "more): lower maxSendBufferSize/maxPackageSize or the number of "
                         "connections per process",
                         0);
  } catch (const std::exception& e) {
    zend_throw_exception_ex(zend_ce_exception, 0, "Surge: %s", e.what());
  } catch (...) {
    zend_throw_exception(zend_ce_exception, "Surge: unexpected failure in the server core", 0);
  }
}

}  // namespace surge::ext
