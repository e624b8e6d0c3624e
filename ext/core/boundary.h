/* The rules where the C++ core meets the Zend VM (see DESIGN.md, "The C++/PHP boundary"):
 * no C++ exception crosses into Zend, and a fatal error (which unwinds with longjmp) is
 * caught where a process can still end cleanly and say why. */
#ifndef SURGE_EXT_BOUNDARY_H
#define SURGE_EXT_BOUNDARY_H

#include <string>

#include "core/common.h"

namespace surge::ext {

// What a caught fatal error leaves wrong in the executor: zend_bailout() clears the
// current frame, and the frames of the PHP code that died stay on the VM stack (perhaps
// on a page of their own). Saved before zend_try and restored in zend_catch, so the
// internal function that caught the error can return to its caller as usual; the dead
// frames are request memory, freed when the request ends.
struct ExecutorState {
  zend_execute_data* frame;
  zend_vm_stack stack;
  zval* top;
  zval* end;
  zend_class_entry* fakeScope;

  static ExecutorState save() {
    return {EG(current_execute_data), EG(vm_stack), EG(vm_stack_top), EG(vm_stack_end),
            EG(fake_scope)};
  }
  // Restores the executor and gives the process room to log why it ends: a fatal error
  // raised close to memory_limit leaves too little for the log line. The process ends
  // right after. (A memory_limit error itself never gets here: Zend's allocator catches
  // its own error and ends the process inside PHP.)
  void restore() const {
    if (PG(memory_limit) > 0) zend_set_memory_limit(zend_memory_usage(true) + (16u << 20));
    EG(current_execute_data) = frame;
    EG(vm_stack) = stack;
    EG(vm_stack_top) = top;
    EG(vm_stack_end) = end;
    EG(fake_scope) = fakeScope;
  }
};

// The last PHP error as "message in file:line" (after a fatal error: what killed us).
std::string lastPhpError();

// Turns a C++ exception thrown under a method or handler into a PHP exception (bad_alloc
// into "out of memory" with what to do about it). Call from a catch block only.
void throwPhpFromCpp() noexcept;

// Runs a method body with every C++ exception turned into a PHP exception. The body is a
// static function, so the wrapper costs a call the compiler inlines and a try block that
// costs nothing unless something throws.
template <void (*Body)(INTERNAL_FUNCTION_PARAMETERS)>
inline void guardedMethod(INTERNAL_FUNCTION_PARAMETERS) noexcept {
  try {
    Body(INTERNAL_FUNCTION_PARAM_PASSTHRU);
  } catch (...) {
    throwPhpFromCpp();
  }
}

}  // namespace surge::ext

// ZEND_METHOD with the guard: every method of every Surge class is declared with this.
#define SURGE_METHOD(classname, name)                                          \
  static void surge_method_##classname##_##name(INTERNAL_FUNCTION_PARAMETERS); \
  ZEND_METHOD(classname, name) {                                               \
    surge::ext::guardedMethod<surge_method_##classname##_##name>(              \
        INTERNAL_FUNCTION_PARAM_PASSTHRU);                                     \
  }                                                                            \
  static void surge_method_##classname##_##name(INTERNAL_FUNCTION_PARAMETERS)

#endif
