/* Task workers ($worker->taskCount, onTask, task()): what the master, the worker
 * processes and the status board call. The task processes are a supervised group of
 * their own per Worker, after the Workers' groups (group index >= workers().size()). */
#ifndef SURGE_EXT_TASK_POOL_H
#define SURGE_EXT_TASK_POOL_H

#include <sys/types.h>

#include <vector>

#include "core/common.h"
#include "process/status_board.h"
#include "process/supervisor.h"

namespace surge::ext::task {

// MINIT, after the Worker class: Surge\TaskError and the task properties of Worker.
void registerTaskClasses();

// Master, before anything forks: checks every Worker's task settings (throws and
// returns false on a mistake) and maps the shared slots of each pool.
bool preparePools();
// Master: one supervised group per pool, appended after the Workers' groups.
void addGroups(std::vector<Supervisor::Group>* groups);
// Master: the status board's records for those groups, appended the same way.
void addBoardGroups(std::vector<StatusBoard::GroupSpec>* groups);
// The Worker a supervisor group runs: its own, or the one a task pool belongs to.
zend_object* workerOfGroup(int group);
// Master, after a child exited: a task process's slot takes no more tasks.
void childExited(int group, pid_t pid);

// In a new child, instead of Worker::run(): true when this is a task process (it is
// set up to take tasks; the caller runs the loop). False in a worker process, which
// may then call task() on its Worker.
bool runsTasks(zend_object* worker, int group, int slot, pid_t masterPid);

}  // namespace surge::ext::task

#endif
