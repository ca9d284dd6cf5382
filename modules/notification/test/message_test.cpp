// What an attempt to send makes of a message.
#include "domain/message.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::notification;
using namespace std::chrono_literals;

namespace {

const RetryPolicy kPolicy{.base = 1000ms, .max = 5000ms, .max_attempts = 4};

Message sending(int attempts) {
  Message m;
  m.status = Status::sending;
  m.attempts = attempts;
  m.lease_until = Timestamp{} + 60s;
  return m;
}

}  // namespace

TEST_CASE("a message the provider took is sent, with the provider's id") {
  const auto now = Timestamp{} + 10s;
  const auto m = after_attempt(sending(1), {Delivery::Outcome::sent, "<m@x>", ""}, kPolicy, now);
  CHECK(m.status == Status::sent);
  CHECK(m.provider_id == "<m@x>");
  CHECK(m.sent_at == now);
  CHECK_FALSE(m.lease_until);
}

TEST_CASE("a temporary failure is tried again after a wait that doubles, up to the longest") {
  const auto now = Timestamp{};
  const Delivery refused{Delivery::Outcome::temporary_failure, "", "connection refused"};
  CHECK(after_attempt(sending(1), refused, kPolicy, now).next_attempt_at == now + 1s);
  CHECK(after_attempt(sending(2), refused, kPolicy, now).next_attempt_at == now + 2s);
  const auto third = after_attempt(sending(3), refused, kPolicy, now);
  CHECK(third.status == Status::queued);
  CHECK(third.next_attempt_at == now + 4s);
  CHECK(third.last_error == "connection refused");
  CHECK(backoff(10, kPolicy) == 5000ms);
}

TEST_CASE("the last attempt's temporary failure, or a permanent one at any attempt, fails the message") {
  const auto now = Timestamp{};
  CHECK(after_attempt(sending(4), {Delivery::Outcome::temporary_failure, "", "timeout"}, kPolicy, now).status ==
        Status::failed);
  const auto refused = after_attempt(sending(1), {Delivery::Outcome::permanent_failure, "", "550"}, kPolicy, now);
  CHECK(refused.status == Status::failed);
  CHECK(refused.last_error == "550");
}
