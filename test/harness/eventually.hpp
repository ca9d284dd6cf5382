#pragma once
// Waits, polling every 20 ms, until a condition holds or the timeout passes; returns whether it held.
// For effects that happen on other threads (dispatchers, watchers, servers), never for timing.
#include <chrono>
#include <functional>
#include <thread>

namespace agora::test {

inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace agora::test
