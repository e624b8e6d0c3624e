/* Installs the embedded PHP classes lazily. Zend calls its autoload hook for every class it
 * cannot find (new, static access, class_exists(), extends/implements while declaring); the
 * hook runs the embedded file of that class, if there is one, before the autoloaders of
 * spl_autoload_register() are asked. A script that never touches a session never compiles
 * the session code, and a script's own autoloaders cannot shadow these classes.
 *
 * A file is compiled and its top-level code run like a script's (Session::init() reads the
 * ini settings when Session.php loads). A parse error, fatal
 * error or exception in it surfaces at the lookup that loaded it, naming the file as
 * surge://php/<path>. */
#include "core/php_library_loader.h"

#include "core/common.h"

extern "C" {
#include "zend_compile.h"
#include "zend_execute.h"
#include "zend_observer.h"
}

#include <cstdio>
#include <string_view>

#include "core/php_library.h"
#include "core/workerman_switch.h"

namespace surge::ext {
namespace {

zend_class_entry* (*previous_autoload)(zend_string* name, zend_string* lc_name) = nullptr;

const php_library::File* findFile(std::string_view name) {
  for (const php_library::File& file : php_library::kFiles) {
    if (file.lc_class_name == name) return &file;
  }
  return nullptr;
}

// Runs a file's top-level code in a frame of its own with an empty symbol table, the way
// the engine runs a script: not like include or eval, which would share (and materialize) the
// symbol table of whatever function happened to trigger the lookup.
void execute(zend_op_array* op_array) {
  zend_array* symbols = zend_new_array(0);
  zend_execute_data* frame =
      zend_vm_stack_push_call_frame(ZEND_CALL_TOP_CODE | ZEND_CALL_HAS_SYMBOL_TABLE,
                                    reinterpret_cast<zend_function*>(op_array), 0, nullptr);
  frame->symbol_table = symbols;
  frame->prev_execute_data = EG(current_execute_data);
  zval result;
  ZVAL_UNDEF(&result);
  zend_init_code_execute_data(frame, op_array, &result);
  ZEND_OBSERVER_FCALL_BEGIN(frame);
  zend_execute_ex(frame);
  zend_vm_stack_free_call_frame(frame);
  zval_ptr_dtor(&result);
  zend_array_destroy(symbols);
}

// Compiles one embedded file and runs it.
void runFile(const php_library::File& file) {
  char filename[256];
  std::snprintf(filename, sizeof filename, "surge://%.*s", static_cast<int>(file.path.size()),
                file.path.data());
  zend_string* source = zend_string_init(file.source.data(), file.source.size(), 0);
  zend_op_array* op_array =
      zend_compile_string(source, filename, ZEND_COMPILE_POSITION_AT_OPEN_TAG);
  zend_string_release(source);
  if (op_array == nullptr) return;  // a ParseError is pending: the caller's lookup throws it
  zend_try {
    execute(op_array);
  }
  zend_catch {
    destroy_op_array(op_array);
    efree_size(op_array, sizeof(zend_op_array));
    zend_bailout();
  }
  zend_end_try();
  destroy_op_array(op_array);
  efree_size(op_array, sizeof(zend_op_array));
}

zend_class_entry* autoload(zend_string* name, zend_string* lc_name) {
  // Zend's in_autoload set guarantees this is not re-entered for the same name, so a file
  // whose class extends another embedded class simply triggers a nested lookup here.
  if (const php_library::File* file = findFile({ZSTR_VAL(lc_name), ZSTR_LEN(lc_name)})) {
    runFile(*file);
    auto* ce = static_cast<zend_class_entry*>(zend_hash_find_ptr(EG(class_table), lc_name));
    if (ce != nullptr || EG(exception) != nullptr) return ce;
  }
  // The Workerman name of one of these classes (surge.workerman=1): the same class.
  std::string lcSurge;
  if (workerman::surgeName(lc_name, &lcSurge)) {
    auto* ce = static_cast<zend_class_entry*>(
        zend_hash_str_find_ptr(EG(class_table), lcSurge.data(), lcSurge.size()));
    if (ce == nullptr) {
      if (const php_library::File* file = findFile(lcSurge)) {
        runFile(*file);
        ce = static_cast<zend_class_entry*>(
            zend_hash_str_find_ptr(EG(class_table), lcSurge.data(), lcSurge.size()));
      }
    }
    if (ce != nullptr) {
      workerman::aliasLoaded(ce);
      return ce;
    }
    if (EG(exception) != nullptr) return nullptr;
  }
  return previous_autoload != nullptr ? previous_autoload(name, lc_name) : nullptr;
}

}  // namespace

void installPhpLibrary() {
  previous_autoload = zend_autoload;
  zend_autoload = autoload;
}

}  // namespace surge::ext
