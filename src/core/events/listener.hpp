#pragma once
// A dedicated libpq connection that LISTENs on channels and calls back on each NOTIFY.
#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace agora {

class NotifyListener {
 public:
  using OnNotify = std::function<void(std::string_view channel, std::string_view payload)>;
  // on_listening runs each time LISTEN succeeds (again after a lost connection): notifications
  // sent while not listening are gone, so it is the moment to catch up.
  NotifyListener(std::string url, std::vector<std::string> channels, OnNotify on_notify,
                 std::function<void()> on_listening);
  ~NotifyListener();
  void start();
  void stop();

 private:
  void run();
  std::string url_;
  std::vector<std::string> channels_;
  OnNotify on_notify_;
  std::function<void()> on_listening_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace agora
