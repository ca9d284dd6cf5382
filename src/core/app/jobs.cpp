#include <agora/core/log.hpp>
#include <agora/core/module.hpp>

#include <algorithm>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

namespace agora {

struct Jobs::Impl {
  struct Job {
    std::string name;
    std::chrono::milliseconds interval;
    std::function<void()> fn;
    std::chrono::steady_clock::time_point next;
  };
  std::list<Job> jobs;  // stable addresses: a running job is used outside the lock
  std::mutex mutex;
  std::condition_variable changed;
  bool running = false;
  std::thread thread;

  void run() {
    std::unique_lock lock(mutex);
    while (running) {
      auto due = std::min_element(jobs.begin(), jobs.end(), [](auto& a, auto& b) { return a.next < b.next; });
      if (due == jobs.end()) {
        changed.wait(lock, [&] { return !running; });
        break;
      }
      if (changed.wait_until(lock, due->next, [&] { return !running; })) break;
      if (std::chrono::steady_clock::now() < due->next) continue;
      auto& job = *due;
      lock.unlock();
      try {
        job.fn();
      } catch (const std::exception& e) {
        log::error("background job failed", {{"job", job.name}, {"error", log::describe(e)}});
      }
      lock.lock();
      job.next = std::chrono::steady_clock::now() + job.interval;
    }
  }
};

Jobs::Jobs() : impl_(std::make_unique<Impl>()) {}
Jobs::~Jobs() { stop(); }

void Jobs::every(std::string name, std::chrono::milliseconds interval, std::function<void()> job) {
  std::lock_guard lock(impl_->mutex);
  impl_->jobs.push_back({std::move(name), interval, std::move(job), std::chrono::steady_clock::now() + interval});
  impl_->changed.notify_all();
}

void Jobs::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) return;
  impl_->running = true;
  impl_->thread = std::thread([this] { impl_->run(); });
}

void Jobs::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->running) return;
    impl_->running = false;
  }
  impl_->changed.notify_all();
  impl_->thread.join();
}

}  // namespace agora
