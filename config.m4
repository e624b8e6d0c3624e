dnl The surge extension: a Workerman-style socket server core in C++20.
PHP_ARG_ENABLE([surge],
  [whether to enable surge support],
  [AS_HELP_STRING([--enable-surge], [Enable surge support])],
  [no])

PHP_ARG_ENABLE([surge-debug],
  [whether to build surge with assertions and -Werror],
  [AS_HELP_STRING([--enable-surge-debug], [Build surge with assertions, debug info and -Werror])],
  [no], [no])

if test "$PHP_SURGE" != "no"; then
  if test "$PHP_THREAD_SAFETY" = "yes"; then
    AC_MSG_ERROR([surge forks worker processes and needs a non-thread-safe (NTS) PHP build])
  fi

  PHP_REQUIRE_CXX()
  PKG_PROG_PKG_CONFIG
  PKG_CHECK_MODULES([LIBEVENT], [libevent_core >= 2.1], [],
    [AC_MSG_ERROR([libevent 2.1 not found: install libevent-dev (Debian/Ubuntu) or libevent-devel])])
  PKG_CHECK_MODULES([OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([OpenSSL not found: install libssl-dev (Debian/Ubuntu) or openssl-devel])])
  PKG_CHECK_MODULES([ZLIB], [zlib >= 1.2.9], [],
    [AC_MSG_ERROR([zlib not found: install zlib1g-dev (Debian/Ubuntu) or zlib-devel])])
  PKG_CHECK_MODULES([HIREDIS], [hiredis >= 0.14], [],
    [AC_MSG_ERROR([hiredis 0.14 or later not found (Surge's Redis client): install libhiredis-dev (Debian/Ubuntu) or hiredis-devel])])
  PHP_EVAL_INCLINE($LIBEVENT_CFLAGS)
  PHP_EVAL_LIBLINE($LIBEVENT_LIBS, SURGE_SHARED_LIBADD)
  PHP_EVAL_INCLINE($OPENSSL_CFLAGS)
  PHP_EVAL_LIBLINE($OPENSSL_LIBS, SURGE_SHARED_LIBADD)
  PHP_EVAL_INCLINE($ZLIB_CFLAGS)
  PHP_EVAL_LIBLINE($ZLIB_LIBS, SURGE_SHARED_LIBADD)
  PHP_EVAL_INCLINE($HIREDIS_CFLAGS)
  PHP_EVAL_LIBLINE($HIREDIS_LIBS, SURGE_SHARED_LIBADD)

  SURGE_CXXFLAGS="-std=c++20 -fvisibility=hidden -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  if test "$PHP_SURGE_DEBUG" != "no"; then
    SURGE_CXXFLAGS="$SURGE_CXXFLAGS -O0 -g -Werror"
  else
    SURGE_CXXFLAGS="$SURGE_CXXFLAGS -O2 -DNDEBUG"
  fi

  SURGE_CORE_SOURCES="
    src/base/buffer.cc
    src/base/json_string.cc
    src/base/log.cc
    src/base/log_line.cc
    src/base/log_throttle.cc
    src/event/event_loop.cc
    src/event/io_watcher.cc
    src/event/poller.cc
    src/event/signal_watcher.cc
    src/event/timer.cc
    src/event/deadline.cc
    src/net/connection.cc
    src/net/connection_tls.cc
    src/net/tls_context.cc
    src/net/input_budget.cc
    src/net/connector.cc
    src/net/proxy_handshake.cc
    src/net/datagram_socket.cc
    src/ipc/mailbox.cc
    src/ipc/presence_index.cc
    src/ipc/local_directory.cc
    src/ipc/envelope.cc
    src/net/listen_socket.cc
    src/net/listener.cc
    src/net/output_queue.cc
    src/net/io_totals.cc
    src/net/socket_address.cc
    src/metrics/prometheus_text.cc
    src/metrics/metrics_endpoint.cc
    src/metrics/board_metrics.cc
    src/metrics/application_metrics.cc
    src/metrics/series_store.cc
    src/process/banner.cc
    src/process/command_line.cc
    src/process/connections_dump.cc
    src/process/daemon.cc
    src/process/exit_status.cc
    src/process/file_watcher.cc
    src/process/master_control.cc
    src/process/pid_file.cc
    src/process/run_command.cc
    src/process/status_board.cc
    src/process/status_context.cc
    src/process/status_json.cc
    src/process/status_table.cc
    src/process/supervisor.cc
    src/process/user_switch.cc
    src/task/task_message.cc
    src/task/task_slots.cc
    src/protocol/frame/frame_codec.cc
    src/protocol/http/http_date.cc
    src/protocol/http/mime_types.cc
    src/protocol/http/multipart_parser.cc
    src/protocol/http/range_header.cc
    src/protocol/http/request_parser.cc
    src/protocol/http/response_head.cc
    src/protocol/http/status_phrases.cc
    src/protocol/text/text_codec.cc
    src/protocol/websocket/client_handshake.cc
    src/protocol/websocket/deflate.cc
    src/protocol/websocket/deflate_params.cc
    src/protocol/websocket/frame_parser.cc
    src/protocol/websocket/frame_writer.cc
    src/protocol/websocket/handshake.cc
    src/protocol/websocket/handshake_request.cc
    src/protocol/websocket/message_assembler.cc
    src/protocol/websocket/utf8_validator.cc
    src/jobs/job_consumer.cc
    src/jobs/job_record.cc
    src/redis/hiredis_reply.cc
    src/redis/redis_blocking.cc
    src/redis/redis_connection.cc
    src/redis/redis_endpoint.cc
  "
  SURGE_EXT_SOURCES="
    ext/client/async_tcp_connection.cc
    ext/client/client_target.cc
    ext/client/connect_options.cc
    ext/client/ws_client.cc
    ext/client/ws_client_driver.cc
    ext/core/boundary.cc
    ext/core/callable.cc
    ext/core/fibers.cc
    ext/core/file_watch.cc
    ext/core/workerman_switch.cc
    ext/events/event_loop.cc
    ext/events/loop_callbacks.cc
    ext/core/accept_limit.cc
    ext/core/connection_handler.cc
    ext/core/connection_liveness.cc
    ext/core/timeout_settings.cc
    ext/core/tls_options.cc
    ext/core/connection_interface.cc
    ext/core/connection_registry.cc
    ext/core/connection_retirement.cc
    ext/core/master_process.cc
    ext/core/php_library.cc
    ext/core/protocol_drivers.cc
    ext/core/protocol_errors.cc
    ext/core/run_all.cc
    ext/core/runtime.cc
    ext/core/status.cc
    ext/core/tcp_connection.cc
    ext/core/timer.cc
    ext/core/worker.cc
    ext/core/worker_listener.cc
    ext/core/worker_process.cc
    ext/metrics/http_metrics.cc
    ext/metrics/metrics_server.cc
    ext/task/task_caller.cc
    ext/task/task_pool.cc
    ext/task/task_process.cc
    ext/http/http.cc
    ext/http/http_chunk.cc
    ext/http/http_driver.cc
    ext/http/http_request.cc
    ext/http/http_request_session.cc
    ext/http/http_response.cc
    ext/http/http_server.cc
    ext/http/http_timeouts.cc
    ext/http/http_server_send.cc
    ext/http/http_server_sent_events.cc
    ext/http/http_upload.cc
    ext/protocols/frame_driver.cc
    ext/protocols/frame_protocol.cc
    ext/protocols/protocol_interface.cc
    ext/protocols/raw_driver.cc
    ext/protocols/send_encoding.cc
    ext/protocols/text_driver.cc
    ext/protocols/text_protocol.cc
    ext/protocols/user_driver.cc
    ext/protocols/user_protocol.cc
    ext/surge.cc
    ext/websocket/websocket.cc
    ext/websocket/websocket_broadcast.cc
    ext/cluster/directory.cc
    ext/cluster/cluster_bus.cc
    ext/cluster/connection_directory_methods.cc
    ext/cluster/worker_directory_methods.cc
    ext/cluster/worker_directory_queries.cc
    ext/websocket/websocket_deflate.cc
    ext/websocket/websocket_driver.cc
    ext/websocket/websocket_server.cc
    ext/websocket/websocket_server_handshake.cc
    ext/websocket/websocket_server_send.cc
    ext/websocket/ws.cc
    ext/udp/async_udp_connection.cc
    ext/udp/udp_connection.cc
    ext/udp/udp_receiver.cc
    ext/jobs/job_class.cc
    ext/jobs/jobs_class.cc
    ext/jobs/jobs_worker.cc
  "

  dnl Application metrics: Surge\Metrics and its Counter, Gauge, Histogram (ext/metrics).
  SURGE_EXT_SOURCES="$SURGE_EXT_SOURCES
    ext/metrics/app_metrics.cc
    ext/metrics/counter.cc
    ext/metrics/gauge.cc
    ext/metrics/histogram.cc
    ext/metrics/metrics.cc
  "

  dnl Shared memory for the processes of one machine: Surge\Table, Atomic, Lock (src/shm, ext/shm).
  SURGE_CORE_SOURCES="$SURGE_CORE_SOURCES
    src/shm/robust_mutex.cc
    src/shm/robust_rwlock.cc
    src/shm/shared_atomic.cc
    src/shm/shared_lock.cc
    src/shm/shared_region.cc
    src/shm/shared_table.cc
  "
  SURGE_EXT_SOURCES="$SURGE_EXT_SOURCES
    ext/shm/atomic.cc
    ext/shm/lock.cc
    ext/shm/shm_classes.cc
    ext/shm/table.cc
  "

  dnl Supervised services: Surge\Service, run by the master (src/process/service_*, ext/service).
  SURGE_CORE_SOURCES="$SURGE_CORE_SOURCES
    src/process/line_splitter.cc
    src/process/service_launch.cc
    src/process/service_manager.cc
    src/process/service_status.cc
    src/metrics/service_metrics.cc
  "
  SURGE_EXT_SOURCES="$SURGE_EXT_SOURCES
    ext/service/master_services.cc
    ext/service/service_class.cc
  "

  dnl Logs: levels, the JSON format, Surge\Log, the HTTP access log (src/base, ext/logs, ext/http).
  SURGE_CORE_SOURCES="$SURGE_CORE_SOURCES
    src/protocol/http/access_log_line.cc
  "
  SURGE_EXT_SOURCES="$SURGE_EXT_SOURCES
    ext/logs/log_class.cc
    ext/logs/log_settings.cc
    ext/http/access_log.cc
  "

  PHP_NEW_EXTENSION(surge, $SURGE_CORE_SOURCES $SURGE_EXT_SOURCES, $ext_shared,, $SURGE_CXXFLAGS, cxx)
  PHP_ADD_INCLUDE([$ext_srcdir/src])
  PHP_ADD_INCLUDE([$ext_srcdir/ext])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/base $ext_builddir/src/event $ext_builddir/src/net $ext_builddir/src/process $ext_builddir/src/protocol/text $ext_builddir/src/protocol/frame $ext_builddir/src/protocol/http $ext_builddir/src/protocol/websocket $ext_builddir/ext $ext_builddir/ext/core $ext_builddir/ext/events $ext_builddir/ext/protocols $ext_builddir/ext/http $ext_builddir/ext/websocket $ext_builddir/ext/udp $ext_builddir/ext/client])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/redis $ext_builddir/src/jobs $ext_builddir/ext/jobs])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/ipc $ext_builddir/ext/cluster])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/metrics $ext_builddir/ext/metrics])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/shm $ext_builddir/ext/shm])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/service])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/logs])
  PHP_ADD_EXTENSION_DEP(surge, spl)
  PHP_ADD_EXTENSION_DEP(surge, json)
  PHP_SUBST(SURGE_SHARED_LIBADD)
fi
