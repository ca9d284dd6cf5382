// The payment module: a payment per order, authorized when the order asks for it, captured when it
// is placed or first shipped (and before its authorization lapses), voided or refunded when it is
// cancelled, refunded when staff ask, each through the order's gateway by a runner that stores every
// call's idempotency key before making it; a buyer back from the gateway's page, and what a gateway
// tells of a payment by webhook, move it too; what an authorization left unanswered holds at the
// gateway is found and voided by reconciliation.
#include "app/buyer_returns.hpp"
#include "app/expiring_authorizations.hpp"
#include "app/method_checks.hpp"
#include "app/order_reactions.hpp"
#include "app/payment_queries.hpp"
#include "app/payment_runner.hpp"
#include "app/paypal_webhooks.hpp"
#include "app/reconciler.hpp"
#include "app/staff_refunds.hpp"
#include "app/stripe_webhooks.hpp"
#include "http/routes.hpp"
#include "options.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/order/events.hpp>
#include <agora/payment/module.hpp>

namespace agora::payment {
namespace {

class PaymentModule final : public Module {
 public:
  std::string_view name() const override { return "payment"; }
  ConfigSection config_section() const override { return payment::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    gateways_.emplace(o.gateways, o.gateway, p.outbound);
    checks_.emplace(*gateways_);
    runner_.emplace(p.db, p.clock, p.metrics, *gateways_, o.runner);
    reactions_.emplace(p.clock, *gateways_, *runner_, o.capture);
    queries_.emplace(p.db);
    returns_.emplace(p.db, p.clock, *runner_);
    expiring_.emplace(p.db, p.clock, *runner_, o.capture_authorizations_after);
    refunds_.emplace(p.db, p.clock, *runner_);
    reconciler_.emplace(p.db, p.clock, *gateways_, *runner_, o.reconcile);

    p.services.provide<Api>(*checks_);
    add_admin_routes(p.router, *queries_, *refunds_);
    add_buyer_routes(p.router, *returns_);
    // One subscription for every order reaction, so that per-key order holds between them (an
    // order.cancelled never overtakes its order.payment_requested).
    p.events.subscribe(
        EventHandlers()
            .on<order::events::PaymentRequested>(
                [this](Tx& tx, const order::events::PaymentRequested& e) { reactions_->on_payment_requested(tx, e); })
            .on<order::events::Placed>([this](Tx& tx, const order::events::Placed& e) { reactions_->on_placed(tx, e); })
            .on<order::events::FulfillmentCreated>([this](Tx& tx, const order::events::FulfillmentCreated& e) {
              reactions_->on_fulfillment_created(tx, e);
            })
            .on<order::events::Cancelled>(
                [this](Tx& tx, const order::events::Cancelled& e) { reactions_->on_cancelled(tx, e); })
            .on<order::events::ReturnReceived>(
                [this](Tx& tx, const order::events::ReturnReceived& e) { reactions_->on_return_received(tx, e); })
            .subscription("payment.order_reactions"));
    p.jobs.every("payment.resume", o.resume_interval, [this] { runner_->resume(); });
    p.jobs.every("payment.reconcile", o.reconcile_interval, [this] { reconciler_->reconcile_due(); });
    // In immediate mode an authorization still there is one whose order was never placed: not ours to take.
    if (o.capture == CaptureMode::at_fulfillment)
      p.jobs.every("payment.capture_expiring", o.resume_interval, [this] { expiring_->capture_due(); });
    if (gateways_->find("stripe")) {
      if (o.stripe_webhook_secret.empty())
        throw ConfigError("config key payment.stripe_webhook_secret: required when payment.gateways lists stripe");
      stripe_webhooks_.emplace(p.db, p.clock, *runner_, o.stripe_webhook_secret, o.webhooks);
      add_stripe_webhook_route(p.router, *stripe_webhooks_);
      p.jobs.every("payment.stripe_webhooks", o.resume_interval, [this] { stripe_webhooks_->inbox().process_due(); });
    }
    if (auto* paypal = gateways_->paypal_client()) {
      if (o.paypal_webhook_id.empty())
        throw ConfigError("config key payment.paypal_webhook_id: required when payment.gateways lists paypal");
      paypal_webhooks_.emplace(p.db, p.clock, *runner_, *paypal, o.paypal_webhook_id, o.webhooks);
      add_paypal_webhook_route(p.router, *paypal_webhooks_);
      p.jobs.every("payment.paypal_webhooks", o.resume_interval, [this] { paypal_webhooks_->inbox().process_due(); });
    }
  }

  void start() override { runner_->start(); }
  void stop() override { runner_->stop(); }

 private:
  std::optional<Gateways> gateways_;
  std::optional<MethodChecks> checks_;
  std::optional<PaymentRunner> runner_;
  std::optional<OrderReactions> reactions_;
  std::optional<PaymentQueries> queries_;
  std::optional<BuyerReturns> returns_;
  std::optional<ExpiringAuthorizations> expiring_;
  std::optional<StaffRefunds> refunds_;
  std::optional<Reconciler> reconciler_;
  std::optional<StripeWebhooks> stripe_webhooks_;  // when stripe is one of the gateways
  std::optional<PaypalWebhooks> paypal_webhooks_;  // when paypal is
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<PaymentModule>(); }

}  // namespace agora::payment
