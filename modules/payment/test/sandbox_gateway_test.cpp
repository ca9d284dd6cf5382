// The sandbox gateway answers by token and by key as Stripe does: a key sent again gets the first
// answer and counts nothing twice; an unreachable sandbox remembers nothing.
#include "gateways/sandbox_gateway.hpp"
#include "gateways/sandbox_ledger.hpp"

#include <agora/core/ids.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using Outcome = Answer::Outcome;

namespace {

CallRequest authorization(const std::string& order_id, const std::string& token) {
  return {new_id(), order_id, 1999, "USD", token, "https://shop.example/back", ""};
}

}  // namespace

TEST_CASE("each sandbox token answers as it says") {
  SandboxGateway sandbox(std::chrono::milliseconds(0));
  const auto order = new_id();
  const auto ok = authorization(order, "sandbox_ok");
  const auto authorized = sandbox.authorize(ok);
  CHECK(authorized.outcome == Outcome::succeeded);
  CHECK(authorized.reference == "sbx_auth_" + ok.key);

  const auto declined = sandbox.authorize(authorization(order, "sandbox_decline"));
  CHECK(declined.outcome == Outcome::declined);
  CHECK(declined.code == "card_declined");
  CHECK(sandbox.authorize(authorization(order, "sandbox_insufficient_funds")).code == "insufficient_funds");

  const auto action = sandbox.authorize(authorization(order, "sandbox_action"));
  CHECK(action.outcome == Outcome::requires_action);
  CHECK(action.action_url == "https://sandbox.agora.invalid/authenticate/" + action.reference);

  CHECK(sandbox.authorize(authorization(order, "sandbox_unreachable")).outcome == Outcome::unknown);
}

TEST_CASE("a key sent again is answered as the first time and counted once") {
  SandboxGateway sandbox(std::chrono::milliseconds(0));
  const auto order = new_id();
  const auto call = authorization(order, "sandbox_ok");
  const auto first = sandbox.authorize(call);
  const auto again = sandbox.authorize(call);
  REQUIRE(again.reference == first.reference);
  REQUIRE(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
  REQUIRE(sandbox_ledger().requests(call.key) == 2);

  CallRequest capture{new_id(), order, 1999, "USD", "", "", first.reference};
  sandbox.capture(capture);
  sandbox.capture(capture);
  REQUIRE(sandbox_ledger().counts(order) == SandboxCounts{1, 1, 0, 0});
}

TEST_CASE("an unreachable sandbox answers unknown every time and remembers nothing") {
  SandboxGateway sandbox(std::chrono::milliseconds(0));
  const auto order = new_id();
  const auto call = authorization(order, "sandbox_unreachable");
  for (int i = 0; i < 3; ++i) REQUIRE(sandbox.authorize(call).outcome == Outcome::unknown);
  REQUIRE(sandbox_ledger().requests(call.key) == 3);
  REQUIRE(sandbox_ledger().counts(order) == SandboxCounts{});
}
