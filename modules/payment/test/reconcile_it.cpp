// Reconciliation of payments failed as gateway_unavailable: an authorization left by a call whose
// answer was lost is found by the gateway's look-up and voided once (payment.voided once), however many
// passes or instances look; a call that never reached the gateway is recorded as holding nothing; a
// gateway that does not answer the look-up is asked again until the window closes, then left to an
// operator.
#include "app/reconciler.hpp"
#include "gateways/sandbox_ledger.hpp"
#include "harness/stripe_emulator.hpp"
#include "payment_app.hpp"

#include <agora/core/metrics.hpp>
#include <agora/core/outbound.hpp>

#include <thread>

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using agora::test::StripeEmulator;
using namespace std::chrono_literals;

namespace {

// An app whose authorize gives up after the first unanswered attempt, and whose reconciliation looks
// up a failed call at once (or after `after_s`), every pass of 20 ms.
Overrides reconciling(Overrides more = {}, const std::string& after_s = "0") {
  more.emplace("payment.max_call_attempts", "1");
  more.emplace("payment.reconcile_after_s", after_s);
  more.emplace("payment.reconcile_interval_ms", "20");
  return more;
}

// The order's payment failed as gateway_unavailable, its authorize call unanswered: that call.
Call failed_unanswered(PaymentApp& app, const std::string& order) {
  REQUIRE(app.reaches(order, Status::failed));
  REQUIRE(app.payment(order).failure_code == "gateway_unavailable");
  const auto calls = app.calls(order);
  REQUIRE(calls.size() == 1);
  return calls[0];
}

// Waits until the order's payment is reconciled; what was found.
std::optional<Reconciliation> reconciled(PaymentApp& app, const std::string& order) {
  eventually([&] { return app.payment(order).reconciled_at.has_value(); });
  return app.payment(order).reconciliation;
}

// The gateways of another instance of the shop: the sandbox (one ledger per process, as one gateway).
Gateways& other_gateways() {
  static Metrics metrics;
  static outbound::Destinations destinations({}, Clock::system(), metrics);
  static Gateways gateways({"sandbox"}, GatewayOptions{.sandbox_latency = 50ms}, destinations);
  return gateways;
}

}  // namespace

TEST_CASE("an authorization whose answer was lost is found by reconciliation and voided once") {
  PaymentApp app(reconciling({}, "60"));
  const auto order = app.request_payment("sandbox_answer_lost");
  const auto call = failed_unanswered(app, order);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});  // the gateway holds the amount

  std::this_thread::sleep_for(150ms);  // several passes: the look-up waits reconcile_after_s
  CHECK(sandbox_ledger().look_ups(call.id) == 0);
  app.clock.advance(60s);
  REQUIRE(app.reaches(order, Status::voided));

  const auto p = app.payment(order);
  CHECK(p.reconciliation == Reconciliation::held);
  CHECK(p.gateway_ref == "sbx_auth_" + call.id);
  const auto calls = app.calls(order);
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].kind == CallKind::void_authorization);
  CHECK(calls[1].status == CallStatus::succeeded);
  std::this_thread::sleep_for(150ms);  // several passes more: it is reconciled once
  CHECK(sandbox_ledger().look_ups(call.id) == 1);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 1, 0});
  CHECK(app.published<events::Failed>(p.id).size() == 1);
  const auto voided = app.published<events::Voided>(p.id);
  REQUIRE(voided.size() == 1);
  CHECK(voided[0].order_id == order);
}

TEST_CASE("a payment whose call never reached the gateway is reconciled as nothing held, with nothing done") {
  PaymentApp app(reconciling());
  const auto order = app.request_payment("sandbox_unreachable");
  const auto call = failed_unanswered(app, order);
  REQUIRE(reconciled(app, order) == Reconciliation::nothing_held);
  std::this_thread::sleep_for(150ms);
  const auto p = app.payment(order);
  CHECK(p.status == Status::failed);
  CHECK(app.calls(order).size() == 1);
  CHECK(sandbox_ledger().requests(call.id) == 1);  // the one unanswered attempt, not asked again
  CHECK(sandbox_ledger().look_ups(call.id) == 1);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{});
  CHECK(app.published<events::Voided>(p.id).empty());
}

TEST_CASE("a gateway that does not answer the look-up is asked again until the window closes, then left to a person") {
  PaymentApp app(reconciling({{"payment.reconcile_window_s", "3600"}}));
  // Failed through a gateway this instance no longer has: nothing answers its look-ups.
  auto p = app.new_payment("retired", "tok");
  p.status = Status::failed;
  p.failure_code = "gateway_unavailable";
  auto call = started_call(p.id, {CallKind::authorize, p.amount}, new_id(), p.created_at);
  call.status = CallStatus::failed;
  call.attempts = 1;
  call.finished_at = p.created_at;
  app.store(p, call);

  std::this_thread::sleep_for(150ms);  // several passes, each asking in vain
  CHECK_FALSE(app.payment(p.order_id).reconciled_at);
  app.clock.advance(3599s);
  std::this_thread::sleep_for(150ms);
  CHECK_FALSE(app.payment(p.order_id).reconciled_at);
  app.clock.advance(1s);  // the window closes
  REQUIRE(reconciled(app, p.order_id) == Reconciliation::unanswered);
  CHECK(app.payment(p.order_id).status == Status::failed);
  CHECK(app.calls(p.order_id).size() == 1);
}

TEST_CASE("two instances reconciling at once look up and void a lost authorization once") {
  // The app's own pass comes after an hour: the two instances below are the only ones.
  PaymentApp app(reconciling({{"payment.reconcile_interval_ms", "3600000"}}));
  const auto order = app.request_payment("sandbox_answer_lost");
  const auto call = failed_unanswered(app, order);

  const RunnerOptions runs{.threads = 1};
  PaymentRunner first_runner(app.db(), app.clock, app.metrics(), other_gateways(), runs);
  PaymentRunner second_runner(app.db(), app.clock, app.metrics(), other_gateways(), runs);
  first_runner.start();
  second_runner.start();
  Reconciler first(app.db(), app.clock, other_gateways(), first_runner, ReconcileOptions{.after = 0s});
  Reconciler second(app.db(), app.clock, other_gateways(), second_runner, ReconcileOptions{.after = 0s});
  std::thread one([&] { first.reconcile_due(); });
  std::thread two([&] { second.reconcile_due(); });
  one.join();
  two.join();
  first.reconcile_due();  // a later pass finds it reconciled
  second.reconcile_due();

  REQUIRE(app.reaches(order, Status::voided));
  CHECK(sandbox_ledger().look_ups(call.id) == 1);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 1, 0});
  CHECK(app.calls(order).size() == 2);
  CHECK(app.published<events::Voided>(app.payment(order).id).size() == 1);
}

TEST_CASE("a Stripe intent whose answer was lost is found by a search of the order and cancelled") {
  StripeEmulator stripe;
  // Looked up an hour after it failed, so that the failure is seen before the void.
  PaymentApp app(stripe.config(reconciling({{"payment.stripe_timeout_ms", "300"}}, "3600")));
  stripe.hang_next(1);  // Stripe makes and authorizes the intent; its answer is lost
  const auto order = app.request_payment("pm_card_visa", 4250, "stripe");
  const auto call = failed_unanswered(app, order);
  app.clock.advance(3601s);
  REQUIRE(app.reaches(order, Status::voided));

  const auto p = app.payment(order);
  CHECK(p.reconciliation == Reconciliation::held);
  CHECK(p.gateway_ref == stripe.intent_of(order));
  CHECK(stripe.counted("intents_created") == 1);
  CHECK(stripe.counted("authorized", order) == 1);
  CHECK(stripe.counted("cancelled", order) == 1);
  CHECK(stripe.requests_with(call.id) == 1);  // the search is not the create asked again
  CHECK(app.published<events::Voided>(p.id).size() == 1);
}
