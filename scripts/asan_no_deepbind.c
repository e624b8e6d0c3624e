/* Preloaded (ahead of libasan) by scripts/asan-phpt.sh: PHP opens every extension with
 * RTLD_DEEPBIND, which the sanitizer runtime refuses (it would let the extension bind to
 * libc's malloc instead of the sanitizer's). This dlopen() drops that flag and hands the
 * call on to the next dlopen() in line, the sanitizer's. */
#define _GNU_SOURCE
#include <dlfcn.h>

void* dlopen(const char* file, int flags) {
  static void* (*next)(const char*, int) = 0;
  if (!next) next = (void* (*)(const char*, int))dlsym(RTLD_NEXT, "dlopen");
  return next(file, flags & ~RTLD_DEEPBIND);
}
