// The order module: checkout (a cart becomes an order), the order's side of the checkout saga,
// orders for their buyers and for staff, fulfillment, delivery and completion.
#include "app/checkout_service.hpp"
#include "app/checkout_waiters.hpp"
#include "app/fulfillment_service.hpp"
#include "app/order_reconciler.hpp"
#include "app/order_saga.hpp"
#include "app/order_service.hpp"
#include "app/return_service.hpp"
#include "http/order_schemas.hpp"
#include "http/routes.hpp"
#include "options.hpp"

#include <agora/cart/api.hpp>
#include <agora/core/events.hpp>
#include <agora/fx/api.hpp>
#include <agora/inventory/events.hpp>
#include <agora/order/events.hpp>
#include <agora/order/module.hpp>
#include <agora/payment/api.hpp>
#include <agora/payment/events.hpp>
#include <agora/user/api.hpp>

namespace agora::order {
namespace {

namespace inv = inventory::events;
namespace pay = payment::events;

class OrderModule final : public Module {
 public:
  std::string_view name() const override { return "order"; }
  std::vector<ApiRef> requirements() const override {
    return {api<cart::Api>(), api<fx::Api>(), api<payment::Api>(), api<user::Api>()};
  }
  ConfigSection config_section() const override { return order::config_section(); }

  void install(Platform& p) override {
    options_ = read_options(p.config);
    checkout_.emplace(p.db, p.services.get<cart::Api>(), p.services.get<fx::Api>(), p.services.get<payment::Api>(),
                      p.services.get<user::Api>(), p.clock, options_);
    orders_.emplace(p.db, p.clock, options_.guest_token_secret);
    saga_.emplace(p.clock, options_.region);
    fulfillments_.emplace(p.db, p.clock, options_.return_window);
    reconciler_.emplace(p.db, p.clock, options_.stuck_after);
    returns_.emplace(p.db, p.clock, *orders_);

    add_order_schemas(p.router);
    add_checkout_routes(p.router, *checkout_, *orders_, waiters_, options_.checkout_wait);
    add_order_routes(p.router, *orders_);
    add_fulfillment_routes(p.router, *fulfillments_);
    add_return_routes(p.router, *returns_);
    p.jobs.every("order.completion", options_.completion_interval, [this] { fulfillments_->complete_due(); });
    p.jobs.every("order.reconcile", options_.reconcile_interval, [this] { reconciler_->cancel_stuck(); });

    auto& s = *saga_;
    p.events.subscribe(
        EventHandlers()
            .on<inv::Reserved>([&s](Tx& tx, const inv::Reserved& e) { s.on_reserved(tx, e); })
            .on<inv::ReservationFailed>(
                [&s](Tx& tx, const inv::ReservationFailed& e) { s.on_reservation_failed(tx, e); })
            .on<inv::Expired>([&s](Tx& tx, const inv::Expired& e) { s.on_reservation_expired(tx, e); })
            .on<pay::Authorized>([&s](Tx& tx, const pay::Authorized& e) { s.on_authorized(tx, e); })
            .on<pay::ActionRequired>([&s](Tx& tx, const pay::ActionRequired& e) { s.on_action_required(tx, e); })
            .on<pay::Failed>([&s](Tx& tx, const pay::Failed& e) { s.on_payment_failed(tx, e); })
            .on<pay::Succeeded>([&s](Tx& tx, const pay::Succeeded& e) { s.on_captured(tx, e); })
            .on<pay::Voided>([&s](Tx& tx, const pay::Voided& e) { s.on_voided(tx, e); })
            .on<pay::Refunded>([&s](Tx& tx, const pay::Refunded& e) { s.on_refunded(tx, e); })
            .subscription("order.saga"));
    // Checkouts waiting for an answer hear of it on whichever instance ran the step.
    p.events.watch({.topics = {std::string(events::kTopic)},
                    .on_event =
                        [this](const Notice& n) {
                          if (n.type == events::Placed::kName.type || n.type == events::Cancelled::kName.type ||
                              n.type == events::ActionRequired::kName.type)
                            waiters_.heard(n.key);
                        },
                    // Notices missed: a waiting checkout answers 202 at its deadline, and the buyer reads the order.
                    .on_gap = [] {}});
  }

  void stop() override { waiters_.stop(); }

 private:
  Options options_;
  CheckoutWaiters waiters_;
  std::optional<CheckoutService> checkout_;
  std::optional<OrderService> orders_;
  std::optional<OrderSaga> saga_;
  std::optional<FulfillmentService> fulfillments_;
  std::optional<OrderReconciler> reconciler_;
  std::optional<ReturnService> returns_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<OrderModule>(); }

}  // namespace agora::order
