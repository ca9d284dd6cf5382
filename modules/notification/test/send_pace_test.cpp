#include "domain/send_pace.hpp"

#include <catch2/catch.hpp>

using namespace agora::notification;
using namespace std::chrono_literals;

TEST_CASE("a send pace gives slots 1/rate apart, at once when the last slot is past") {
  SendPace pace(10);  // one per 100 ms
  const SendPace::Clock::time_point t0{};
  CHECK(pace.reserve(t0 + 1s) == 0ms);
  CHECK(pace.reserve(t0 + 1s) == 100ms);
  CHECK(pace.reserve(t0 + 1s + 50ms) == 150ms);  // the third slot, at 1.2 s
  // Idle for a while: no credit saved up, the next send goes at once and the one after waits.
  CHECK(pace.reserve(t0 + 5s) == 0ms);
  CHECK(pace.reserve(t0 + 5s) == 100ms);
}
