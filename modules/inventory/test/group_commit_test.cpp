// Group commit: every caller gets its own answer, whichever batch its request ran in, and a batch
// that fails as a whole fails only the request that causes it.
#include "app/group_commit.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>

using namespace agora;
using namespace agora::inventory;

namespace {

// Runs `callers` threads that each submit their number; returns what each got ("error: ..." for a throw).
std::vector<std::string> submit_concurrently(GroupCommit<int, std::string>& group, int callers, std::size_t lanes) {
  std::vector<std::string> got(callers);
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i)
    threads.emplace_back([&, i] {
      try {
        got[i] = group.submit(static_cast<std::size_t>(i) % lanes, i);
      } catch (const Error& e) {
        got[i] = std::string("error: ") + e.what();
      }
    });
  for (auto& t : threads) t.join();
  return got;
}

}  // namespace

TEST_CASE("every caller of a group commit gets the answer to its own request") {
  std::atomic<int> batches{0};
  GroupCommit<int, std::string> group(2, 8, [&](const std::vector<const int*>& batch) {
    ++batches;
    std::vector<std::string> answers;
    for (const int* n : batch) answers.push_back("n" + std::to_string(*n));
    return answers;
  });
  const auto got = submit_concurrently(group, 40, 2);
  for (int i = 0; i < 40; ++i) REQUIRE(got[i] == "n" + std::to_string(i));
  REQUIRE(batches >= 5);  // at most 8 a batch
}

TEST_CASE("a batch that fails as a whole fails only the request that causes it") {
  GroupCommit<int, std::string> group(1, 16, [](const std::vector<const int*>& batch) {
    std::vector<std::string> answers;
    for (const int* n : batch) {
      if (*n == 7) throw Error(ErrorKind::conflict, "seven is refused");
      answers.push_back("n" + std::to_string(*n));
    }
    return answers;
  });
  const auto got = submit_concurrently(group, 30, 1);
  for (int i = 0; i < 30; ++i) REQUIRE(got[i] == (i == 7 ? "error: seven is refused" : "n" + std::to_string(i)));
}

TEST_CASE("a lone request runs at once, in a batch of its own") {
  std::vector<std::size_t> sizes;
  GroupCommit<int, int> group(1, 16, [&](const std::vector<const int*>& batch) {
    sizes.push_back(batch.size());
    return std::vector<int>{*batch.front() * 2};
  });
  REQUIRE(group.submit(0, 21) == 42);
  REQUIRE(group.submit(0, 5) == 10);
  REQUIRE(sizes == std::vector<std::size_t>{1, 1});
}
