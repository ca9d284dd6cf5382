#include "events/listener.hpp"

#include <agora/core/log.hpp>

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>

namespace agora {

NotifyListener::NotifyListener(std::string url, std::vector<std::string> channels, OnNotify on_notify,
                               std::function<void()> on_listening)
    : url_(std::move(url)),
      channels_(std::move(channels)),
      on_notify_(std::move(on_notify)),
      on_listening_(std::move(on_listening)) {}

NotifyListener::~NotifyListener() { stop(); }

void NotifyListener::start() {
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void NotifyListener::stop() {
  running_ = false;
  if (thread_.joinable()) thread_.join();
}

// Reconnects after a lost connection; on_listening lets the owner cover the gap.
void NotifyListener::run() {
  while (running_) {
    PGconn* conn = PQconnectdb(url_.c_str());
    if (PQstatus(conn) == CONNECTION_OK) {
      std::string listen;
      for (const auto& channel : channels_) listen += "LISTEN " + channel + ";";
      PGresult* r = PQexec(conn, listen.c_str());
      const bool listening = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (listening) on_listening_();
      while (listening && running_ && PQstatus(conn) == CONNECTION_OK) {
        pollfd pfd{PQsocket(conn), POLLIN, 0};
        if (poll(&pfd, 1, 200) < 0) break;
        if (!PQconsumeInput(conn)) break;
        while (PGnotify* n = PQnotifies(conn)) {
          on_notify_(n->relname, n->extra);
          PQfreemem(n);
        }
      }
    }
    if (running_) log::warn("event listener lost its database connection", {{"error", PQerrorMessage(conn)}});
    PQfinish(conn);
    for (int i = 0; i < 10 && running_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace agora
