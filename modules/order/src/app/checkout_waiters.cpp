#include "app/checkout_waiters.hpp"

#include <vector>

namespace agora::order {

CheckoutWaiters::CheckoutWaiters() : deadlines_([this] { run(); }) {}

CheckoutWaiters::~CheckoutWaiters() { stop(); }

std::uint64_t CheckoutWaiters::wait(const std::string& order_id, Clock::time_point deadline, Answer answer) {
  std::lock_guard lock(mutex_);
  const auto ticket = ++next_ticket_;
  waiting_.emplace(order_id, Waiter{ticket, deadline, std::move(answer)});
  changed_.notify_one();
  return ticket;
}

bool CheckoutWaiters::take(const std::string& order_id, std::uint64_t ticket) {
  std::lock_guard lock(mutex_);
  const auto [first, last] = waiting_.equal_range(order_id);
  for (auto it = first; it != last; ++it)
    if (it->second.ticket == ticket) {
      waiting_.erase(it);
      return true;
    }
  return false;
}

void CheckoutWaiters::heard(const std::string& order_id) {
  std::vector<Answer> due;
  {
    std::lock_guard lock(mutex_);
    const auto [first, last] = waiting_.equal_range(order_id);
    for (auto it = first; it != last; ++it) due.push_back(std::move(it->second.answer));
    waiting_.erase(first, last);
  }
  for (auto& answer : due) answer(true);
}

void CheckoutWaiters::stop() {
  std::vector<Answer> due;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& [id, w] : waiting_) due.push_back(std::move(w.answer));
    waiting_.clear();
    changed_.notify_one();
  }
  deadlines_.join();
  for (auto& answer : due) answer(false);
}

void CheckoutWaiters::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = Clock::time_point::max();
    std::vector<Answer> due;
    const auto now = Clock::now();
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      if (it->second.deadline <= now) {
        due.push_back(std::move(it->second.answer));
        it = waiting_.erase(it);
      } else {
        next = std::min(next, it->second.deadline);
        ++it;
      }
    }
    if (!due.empty()) {
      lock.unlock();
      for (auto& answer : due) answer(false);
      lock.lock();
      continue;
    }
    if (next == Clock::time_point::max())
      changed_.wait(lock);
    else
      changed_.wait_until(lock, next);
  }
}

}  // namespace agora::order
