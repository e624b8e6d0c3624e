#pragma once

// What `php start.php status` and `connections` print, as pure functions of a board
// snapshot (or of the connection lines the workers dumped) plus the few facts that
// depend on the reader's clock and machine, passed in so that tests fix them. The text
// layouts are Workerman's (reference §7.7), branded Surge. One header per concern:
#include "process/connections_dump.h"  // the connection dump lines and their table
#include "process/status_context.h"    // the reader's clock and machine; busy workers
#include "process/status_json.h"       // `status` as JSON
#include "process/status_table.h"      // the `status` table
