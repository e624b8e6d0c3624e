/* The Surge extension: module entry and the version shared by the banner, the
 * Worker::VERSION constant and package.xml. */
#ifndef PHP_SURGE_H
#define PHP_SURGE_H

#define PHP_SURGE_VERSION "0.1.0"

/* The Workerman API level Surge implements: Worker::VERSION, which Workerman libraries
 * compare with version_compare() to pick their 4.x or 5.x code. */
#define PHP_SURGE_WORKERMAN_API "5.2.2"

extern zend_module_entry surge_module_entry;
#define phpext_surge_ptr &surge_module_entry

#endif
