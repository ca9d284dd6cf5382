#pragma once
// Work handed to threads of a component's own, one item at a time per thread, each key queued at
// most once: submitting a key already waiting does nothing. For runners that make slow calls
// outside transactions (payment gateways, SMTP); what is still queued at stop() is dropped, so the
// durable state the work reads must let a resume job find it again.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace agora {

template <class T>
class WorkQueue {
 public:
  // `work` runs on one of `threads` threads per item; when it throws, `failed` is told and the
  // thread goes on with the next item.
  WorkQueue(int threads, std::function<void(const T&)> work,
            std::function<void(const T&, const std::exception&)> failed)
      : threads_count_(threads), work_(std::move(work)), failed_(std::move(failed)) {}
  ~WorkQueue() { stop(); }
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void start() {
    std::lock_guard lock(mutex_);
    if (running_) return;
    running_ = true;
    for (int i = 0; i < threads_count_; ++i) threads_.emplace_back([this] { loop(); });
  }
  // Lets the items under way finish and drops the queued ones.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (!running_) return;
      running_ = false;
      queue_.clear();
      queued_.clear();
    }
    changed_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  // Queues the item unless one of its key is waiting already, or the queue is stopped. Any thread.
  void submit(const std::string& key, T item) {
    {
      std::lock_guard lock(mutex_);
      if (!running_ || !queued_.insert(key).second) return;
      queue_.emplace_back(key, std::move(item));
    }
    changed_.notify_one();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return !running_ || !queue_.empty(); });
      if (!running_) return;
      auto [key, item] = std::move(queue_.front());
      queue_.pop_front();
      queued_.erase(key);
      lock.unlock();
      try {
        work_(item);
      } catch (const std::exception& e) {
        failed_(item, e);
      }
      lock.lock();
    }
  }

  const int threads_count_;
  const std::function<void(const T&)> work_;
  const std::function<void(const T&, const std::exception&)> failed_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<std::string, T>> queue_;
  std::set<std::string> queued_;
  bool running_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace agora
