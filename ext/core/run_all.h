/* Worker::runAll(): the command line, the master, and the start of each worker process. */
#ifndef SURGE_EXT_RUN_ALL_H
#define SURGE_EXT_RUN_ALL_H

namespace surge::ext {

void runAll();

}  // namespace surge::ext

#endif
