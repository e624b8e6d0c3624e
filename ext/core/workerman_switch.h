/* The Workerman switch (php.ini surge.workerman=1): every Surge class also answers to its
 * Workerman name, as the same class, so an application written for Workerman runs with no
 * file edited and Composer never loads Workerman's own files. */
#ifndef SURGE_EXT_WORKERMAN_SWITCH_H
#define SURGE_EXT_WORKERMAN_SWITCH_H

#include <string>

#include "core/common.h"

namespace surge::ext::workerman {

// Whether surge.workerman is on (read once, at module start).
bool enabled();

// At MINIT, after every class is registered: reads the setting and, when it is on, makes
// each class of this extension known under its Workerman name.
void registerAliases(int moduleNumber);

// For the autoload of classes shipped as PHP code (Session and its handlers): with the
// switch on, the lowercased Surge name for a lowercased Workerman name.
bool surgeName(zend_string* lcName, std::string* lcSurge);
// Makes a Surge class just loaded known under its Workerman name too.
void aliasLoaded(zend_class_entry* ce);

// The protocol name a worker or connection shows in its $protocol property: Workerman's
// names for Surge's own protocol classes when the switch is on (GatewayWorker compares
// it with '\Workerman\Protocols\Websocket').
std::string protocolName(zend_class_entry* ce);

}  // namespace surge::ext::workerman

#endif
