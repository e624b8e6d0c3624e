/* Registration of the shared-memory classes and their common error. */
#include "shm/shm_classes.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

namespace surge::ext {

void registerSharedMemoryClasses() {
  registerTableClass();
  registerAtomicClass();
  registerLockClass();
}

void throwShmError(const char* className, const std::string& message) {
  zend_throw_exception_ex(spl_ce_RuntimeException, 0, "%s: %s", className, message.c_str());
}

}  // namespace surge::ext
