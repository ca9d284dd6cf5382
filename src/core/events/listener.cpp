#include "events/listener.hpp"

#include <agora/core/log.hpp>

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>

namespace agora {

NotifyListener::NotifyListener(std::string url, std::string channel, std::function<void()> on_notify)
    : url_(std::move(url)), channel_(std::move(channel)), on_notify_(std::move(on_notify)) {}

NotifyListener::~NotifyListener() { stop(); }

void NotifyListener::start() {
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void NotifyListener::stop() {
  running_ = false;
  if (thread_.joinable()) thread_.join();
}

// Reconnects after a lost connection; the dispatchers' polling covers the gap.
void NotifyListener::run() {
  while (running_) {
    PGconn* conn = PQconnectdb(url_.c_str());
    if (PQstatus(conn) == CONNECTION_OK) {
      PGresult* r = PQexec(conn, ("LISTEN " + channel_).c_str());
      const bool listening = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (listening) on_notify_();  // catch up with whatever was committed while not listening
      while (listening && running_ && PQstatus(conn) == CONNECTION_OK) {
        pollfd pfd{PQsocket(conn), POLLIN, 0};
        if (poll(&pfd, 1, 200) < 0) break;
        if (!PQconsumeInput(conn)) break;
        bool notified = false;
        while (PGnotify* n = PQnotifies(conn)) {
          notified = true;
          PQfreemem(n);
        }
        if (notified) on_notify_();
      }
    }
    if (running_) log::warn("event listener lost its database connection", {{"error", PQerrorMessage(conn)}});
    PQfinish(conn);
    for (int i = 0; i < 10 && running_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace agora
