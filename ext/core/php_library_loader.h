/* The PHP classes shipped inside the extension (php/, embedded by scripts/gen-php-library.sh
 * into ext/php_library.h), installed lazily through Zend's autoload hook. */
#ifndef SURGE_EXT_PHP_LIBRARY_LOADER_H
#define SURGE_EXT_PHP_LIBRARY_LOADER_H

namespace surge::ext {

// At MINIT: chains the autoload hook so that the first lookup of an embedded class compiles
// and runs its file; other names go on to the previous hook (SPL's autoloaders).
void installPhpLibrary();

}  // namespace surge::ext

#endif
