/* Surge\Service: external programs the master supervises beside the workers. The class
 * records what the start file declares; the master runs them with a ServiceManager wired
 * into its Supervisor (master_services.cc). */
#ifndef SURGE_EXT_SERVICE_SERVICES_H
#define SURGE_EXT_SERVICE_SERVICES_H

#include <memory>
#include <string>
#include <vector>

#include "core/common.h"
#include "process/service_manager.h"
#include "process/service_spec.h"
#include "process/supervisor.h"

namespace surge::ext::service {

extern zend_class_entry* service_ce;

// MINIT.
void registerServiceClass();
// RSHUTDOWN: forgets the declared services.
void shutdown();

// What the start file declared (stopTimeout < 0: Worker::$stopTimeout, filled in by the
// master).
std::vector<ServiceSpec>& declared();

// The master's services, wired into the supervisor's hooks: the supervisor reaps them,
// its poll loop reads their output, its stop stops them. Null when none was declared.
// Created before the Supervisor (which takes the hooks), then started with it.
class MasterServices {
 public:
  ~MasterServices();
  static std::unique_ptr<MasterServices> attach(Supervisor::Hooks* hooks,
                                                const std::string& statusFile,
                                                double defaultStopTimeout);
  // The supervisor whose poll loop watches the output pipes; the services start at its
  // first wake-up, after the first workers were forked.
  void bind(Supervisor* supervisor) { supervisor_ = supervisor; }
  // Master, once run() returned: removes the state file `status` reads.
  void finish();
  const ServiceManager& manager() const { return *manager_; }

 private:
  MasterServices() = default;
  std::unique_ptr<ServiceManager> manager_;
  Supervisor* supervisor_ = nullptr;
  bool started_ = false;
};

// The running master's services for /metrics (null elsewhere or without services).
const ServiceManager* masterServices();

}  // namespace surge::ext::service

#endif
