#pragma once
// Group commit: concurrent callers hand in requests, one of them (the leader) runs every request
// waiting in its lane as one batch, and each caller gets its own answer. No caller waits for a batch
// to fill: whoever arrives while a batch runs joins the next one, so batches grow with the load and
// a lone request runs at once. A batch that fails as a whole runs again one request at a time, so an
// error reaches only the request that causes it.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace agora::inventory {

template <class Request, class Answer>
class GroupCommit {
 public:
  // Answers every request of a batch, in order; throws when the batch fails as a whole.
  using Run = std::function<std::vector<Answer>(const std::vector<const Request*>&)>;

  // Requests with the same key share a lane (and so batches); lanes run side by side.
  GroupCommit(std::size_t lanes, std::size_t max_batch, Run run) : max_batch_(max_batch), run_(std::move(run)) {
    for (std::size_t i = 0; i < lanes; ++i) lanes_.push_back(std::make_unique<Lane>());
  }

  // Blocks until the request's batch has run; returns its answer or throws its error.
  Answer submit(std::size_t key, const Request& request) {
    Lane& lane = *lanes_[key % lanes_.size()];
    Slot slot{&request};
    std::unique_lock lock(lane.mutex);
    lane.waiting.push_back(&slot);
    while (!slot.done) {
      if (lane.leading) {
        lane.turn.wait(lock);
        continue;
      }
      lane.leading = true;
      std::vector<Slot*> batch;
      while (!lane.waiting.empty() && batch.size() < max_batch_) {
        batch.push_back(lane.waiting.front());
        lane.waiting.pop_front();
      }
      lock.unlock();
      run(batch);
      lock.lock();
      for (auto* s : batch) s->done = true;
      lane.leading = false;
      lane.turn.notify_all();
    }
    if (slot.error) std::rethrow_exception(slot.error);
    return std::move(*slot.answer);
  }

 private:
  struct Slot {
    const Request* request;
    std::optional<Answer> answer;
    std::exception_ptr error;
    bool done = false;
  };
  struct Lane {
    std::mutex mutex;
    std::condition_variable turn;
    std::deque<Slot*> waiting;
    bool leading = false;
  };

  void run(const std::vector<Slot*>& batch) {
    if (batch.size() > 1) {
      try {
        std::vector<const Request*> requests;
        for (auto* s : batch) requests.push_back(s->request);
        auto answers = run_(requests);
        for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->answer.emplace(std::move(answers[i]));
        return;
      } catch (...) {
        // one at a time below
      }
    }
    for (auto* s : batch) {
      try {
        s->answer.emplace(std::move(run_({s->request}).front()));
      } catch (...) {
        s->error = std::current_exception();
      }
    }
  }

  std::size_t max_batch_;
  Run run_;
  std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace agora::inventory
