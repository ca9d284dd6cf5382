// A call whose outcome is not known is made again with the same key until the gateway answers; a
// call stored but never made or never recorded (a crash) is finished by the resume job with its key.
// The sandbox counts each key once, so nothing is charged twice.
#include "gateways/sandbox_gateway.hpp"
#include "payment_app.hpp"

#include <thread>

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using namespace std::chrono_literals;

namespace {

// A payment in `authorizing` with its authorize call committed and nothing recorded of it, as a
// crash right after order.payment_requested's transaction leaves it; `lease_until`: the lease that
// transaction took for the runner that was to make the call, or of a runner that died holding it.
std::pair<Payment, Call> left_authorizing(PaymentApp& app, Timestamp lease_until) {
  auto p = app.new_payment("sandbox", "sandbox_ok");
  p.lease_until = lease_until;
  const auto call = started_call(p.id, {CallKind::authorize, p.amount}, new_id(), p.created_at);
  app.store(p, call);
  return {p, call};
}

}  // namespace

TEST_CASE("an unreachable gateway is asked again with the same key, then the payment fails as gateway_unavailable") {
  PaymentApp app(Overrides{{"payment.max_call_attempts", "3"}});
  const auto order = app.request_payment("sandbox_unreachable");
  REQUIRE(eventually([&] { return app.attempts_of(order) == 1; }));
  std::this_thread::sleep_for(150ms);  // several resume passes: the retry is not due yet
  REQUIRE(app.attempts_of(order) == 1);
  app.clock.advance(1s);
  REQUIRE(eventually([&] { return app.attempts_of(order) == 2; }));
  app.clock.advance(2s);  // the wait doubles
  REQUIRE(app.reaches(order, Status::failed));

  const auto calls = app.calls(order);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].attempts == 3);
  CHECK(calls[0].status == CallStatus::failed);
  CHECK(sandbox_ledger().requests(calls[0].id) == 3);
  const auto failed = app.published<events::Failed>(app.payment(order).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "gateway_unavailable");
}

TEST_CASE("a payment whose authorize call was stored but never made is finished by the resume job with that key") {
  PaymentApp app;
  const auto [p, call] = left_authorizing(app, app.clock.now() + 30s);  // the process died before the call
  std::this_thread::sleep_for(150ms);  // several resume passes: the lease its transaction took holds it
  REQUIRE(app.payment(p.order_id).status == Status::authorizing);
  app.clock.advance(31s);  // the lease runs out
  REQUIRE(app.reaches(p.order_id, Status::authorized));
  CHECK(sandbox_ledger().requests(call.id) == 1);
  CHECK(sandbox_ledger().counts(p.order_id) == SandboxCounts{1, 0, 0, 0});
  const auto authorized = app.published<events::Authorized>(p.id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].amount == 1500);
  CHECK(authorized[0].currency == "EUR");
}

TEST_CASE("a call the gateway answered but that was never recorded is asked again and charged once") {
  PaymentApp app;
  const auto now = app.clock.now();
  const auto [p, call] = left_authorizing(app, now + 30s);  // the runner that made the call died
  const auto first = SandboxGateway(0ms).authorize({call.id, p.order_id, p.amount, p.currency, p.token, "", ""});
  std::this_thread::sleep_for(150ms);  // several resume passes: its lease holds it
  REQUIRE(app.payment(p.order_id).status == Status::authorizing);
  app.clock.advance(31s);  // the lease runs out
  REQUIRE(app.reaches(p.order_id, Status::authorized));
  CHECK(app.payment(p.order_id).gateway_ref == first.reference);
  CHECK(sandbox_ledger().requests(call.id) == 2);
  CHECK(sandbox_ledger().counts(p.order_id) == SandboxCounts{1, 0, 0, 0});
  CHECK(app.published<events::Authorized>(p.id).size() == 1);
}
