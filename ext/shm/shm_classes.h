/* Shared memory for the processes of one machine: Surge\Table, Surge\Atomic, Surge\Lock.
 * Each object maps its own shared memory when it is made (Table: at create()); a worker
 * forked afterwards inherits the mapping, and each process unmaps its view when its last
 * reference to the object goes. */
#ifndef SURGE_EXT_SHM_SHM_CLASSES_H
#define SURGE_EXT_SHM_SHM_CLASSES_H

#include <string>

#include "core/common.h"

namespace surge::ext {

extern zend_class_entry* table_ce;
extern zend_class_entry* atomic_ce;
extern zend_class_entry* lock_ce;

// Called once from MINIT.
void registerSharedMemoryClasses();
void registerTableClass();
void registerAtomicClass();
void registerLockClass();

// Throws a RuntimeException "<class>: <message>" (the message says what to do).
void throwShmError(const char* className, const std::string& message);

}  // namespace surge::ext

#endif
