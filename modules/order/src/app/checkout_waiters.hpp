#pragma once
// Checkouts waiting for their order to be placed, fail or need the buyer's action: each answered
// once, when its order's settling event is heard (on any instance: notices come by NOTIFY) or when
// its deadline passes. Waiting holds no thread.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace agora::order {

class CheckoutWaiters {
 public:
  using Clock = std::chrono::steady_clock;
  // settled: the order's event was heard; false when the deadline passed first.
  using Answer = std::function<void(bool settled)>;

  CheckoutWaiters();
  ~CheckoutWaiters();

  // Returns a ticket for take().
  std::uint64_t wait(const std::string& order_id, Clock::time_point deadline, Answer answer);
  // Takes the waiter back unanswered (the order was settled already); false when it was answered.
  bool take(const std::string& order_id, std::uint64_t ticket);
  // An event that settles the checkout of `order_id` committed: its waiters are answered.
  void heard(const std::string& order_id);
  void stop();  // answers every waiter as timed out

 private:
  struct Waiter {
    std::uint64_t ticket;
    Clock::time_point deadline;
    Answer answer;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::multimap<std::string, Waiter> waiting_;
  std::uint64_t next_ticket_ = 0;
  bool stopping_ = false;
  std::thread deadlines_;
};

}  // namespace agora::order
