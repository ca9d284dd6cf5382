#pragma once
// A dedicated libpq connection that LISTENs for outbox commits and calls back on each NOTIFY.
#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace agora {

class NotifyListener {
 public:
  NotifyListener(std::string url, std::string channel, std::function<void()> on_notify);
  ~NotifyListener();
  void start();
  void stop();

 private:
  void run();
  std::string url_;
  std::string channel_;
  std::function<void()> on_notify_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace agora
