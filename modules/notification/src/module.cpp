// The notification module: events become messages, one per event, channel and recipient, recorded
// in the event's transaction and sent by a sender outside any transaction, with retries;
// notification.events tells of each message sent or failed.
#include "app/account_reactions.hpp"
#include "app/deliveries.hpp"
#include "app/delivery_reports.hpp"
#include "app/devices.hpp"
#include "app/message_intake.hpp"
#include "app/message_sender.hpp"
#include "app/order_reactions.hpp"
#include "app/stock_reactions.hpp"
#include "app/template_admin.hpp"
#include "app/template_lookup.hpp"
#include "email/email_channel.hpp"
#include "http/delivery_routes.hpp"
#include "http/device_routes.hpp"
#include "http/inbox_routes.hpp"
#include "http/sms_callback_routes.hpp"
#include "http/template_routes.hpp"
#include "http/unsubscribe_routes.hpp"
#include "options.hpp"
#include "push/push_channel.hpp"
#include "sms/sms_channel.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/outbound.hpp>
#include <agora/inventory/events.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/events.hpp>
#include <agora/payment/events.hpp>
#include <agora/user/api.hpp>
#include <agora/user/events.hpp>

#include <optional>

namespace agora::notification {
namespace {

class NotificationModule final : public Module {
 public:
  std::string_view name() const override { return "notification"; }
  std::vector<ApiRef> requirements() const override { return {api<user::Api>()}; }
  ConfigSection config_section() const override { return notification::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    templates_.emplace(p.db, o.locale);
    unsubscribe_.emplace(o.api_url, o.unsubscribe_secret, p.services.get<user::Api>());
    add_unsubscribe_routes(p.router, *unsubscribe_);
    email_.emplace(o.smtp, *unsubscribe_);
    sender_.emplace(p.db, p.clock, p.metrics, *templates_, o.sender);
    sender_->add_channel(kEmail, *email_);
    if (o.sms.configured()) add_sms(p, o.sms);
    devices_.emplace(p.db, p.clock);
    if (!o.push.service_account.empty()) {
      push_.emplace(o.push, *devices_, p.outbound.get("google_oauth"), p.outbound.get("fcm"), p.clock);
      sender_->add_channel(kPush, *push_);
    }
    inbox_.emplace(p.db, p.clock);
    stream_.emplace(*inbox_, o.stream_threads);
    intake_.emplace(p.clock, p.metrics, *sender_, *templates_, *inbox_, p.services.get<user::Api>(), o.locale);
    orders_.emplace(*intake_, o.shop_name);
    accounts_.emplace(*intake_, o.shop_name, o.shop_url);
    stock_.emplace(*intake_, p.services.get<user::Api>(), o.shop_name);
    // One subscription for the order's and its payment's reactions, so that per-key order holds between them.
    p.events.subscribe(
        EventHandlers()
            .on<order::events::Created>(
                [this](Tx& tx, const order::events::Created& e, const Event& env) { orders_->on_created(tx, e, env); })
            .on<order::events::Placed>(
                [this](Tx& tx, const order::events::Placed& e, const Event& env) { orders_->on_placed(tx, e, env); })
            .on<order::events::FulfillmentCreated>([this](Tx& tx, const order::events::FulfillmentCreated& e,
                                                          const Event& env) { orders_->on_shipped(tx, e, env); })
            .on<payment::events::Succeeded>([this](Tx& tx, const payment::events::Succeeded& e, const Event& env) {
              orders_->on_payment_succeeded(tx, e, env);
            })
            .on<payment::events::Failed>([this](Tx& tx, const payment::events::Failed& e, const Event& env) {
              orders_->on_payment_failed(tx, e, env);
            })
            .on<payment::events::Refunded>([this](Tx& tx, const payment::events::Refunded& e, const Event& env) {
              orders_->on_refunded(tx, e, env);
            })
            .subscription("notification.order_reactions"));
    p.events.subscribe(
        EventHandlers()
            .on<user::events::Registered>([this](Tx& tx, const user::events::Registered& e, const Event& env) {
              accounts_->on_registered(tx, e, env);
            })
            .on<user::events::PasswordResetRequested>(
                [this](Tx& tx, const user::events::PasswordResetRequested& e, const Event& env) {
                  accounts_->on_password_reset_requested(tx, e, env);
                })
            .subscription("notification.account_reactions"));
    p.events.subscribe(
        EventHandlers()
            .on<inventory::events::LowStock>([this](Tx& tx, const inventory::events::LowStock& e, const Event& env) {
              stock_->on_low_stock(tx, e, env);
            })
            .subscription("notification.stock_reactions"));
    p.events.watch(
        {.topics = {std::string(kInboxTopic)},
         .on_event =
             [this](const agora::Notice& n) { n.key.empty() ? stream_->changed_all() : stream_->changed(n.key); },
         .on_gap = [this] { stream_->changed_all(); }});
    add_inbox_routes(p.router, *inbox_, *stream_);
    add_device_routes(p.router, *devices_);
    // Every instance reads the stored templates again when an admin changes one anywhere.
    p.events.watch({.topics = {std::string(kTemplatesTopic)},
                    .on_event = [this](const agora::Notice&) { templates_->reload(); },
                    .on_gap = [this] { templates_->reload(); }});
    template_admin_.emplace(p.db, p.clock, *templates_, o.shop_name);
    add_template_routes(p.router, *template_admin_);
    deliveries_.emplace(p.db, p.clock, *sender_);
    add_delivery_routes(p.router, *deliveries_);
    p.jobs.every("notification.resume", o.resume_interval, [this] { sender_->resume(); });
  }

  void start() override {
    templates_->reload();
    sender_->start();
    stream_->start();
  }
  void stop() override {
    stream_->stop();
    sender_->stop();
  }

 private:
  // SMS through Twilio, and its delivery reports when Twilio is given a callback URL.
  void add_sms(Platform& p, const TwilioOptions& twilio) {
    sms_.emplace(twilio, p.outbound.get("twilio"));
    sender_->add_channel(kSms, *sms_);
    if (twilio.callback_url.empty()) return;
    reports_.emplace(p.db, p.clock, p.metrics);
    add_sms_callback_routes(p.router, *reports_, twilio);
  }

  std::optional<TemplateLookup> templates_;
  std::optional<UnsubscribeLinks> unsubscribe_;
  std::optional<EmailChannel> email_;
  std::optional<SmsChannel> sms_;
  std::optional<DeliveryReports> reports_;
  std::optional<Devices> devices_;
  std::optional<PushChannel> push_;
  std::optional<MessageSender> sender_;
  std::optional<Inbox> inbox_;
  std::optional<InboxStream> stream_;
  std::optional<MessageIntake> intake_;
  std::optional<OrderReactions> orders_;
  std::optional<AccountReactions> accounts_;
  std::optional<StockReactions> stock_;
  std::optional<TemplateAdmin> template_admin_;
  std::optional<Deliveries> deliveries_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<NotificationModule>(); }

}  // namespace agora::notification
