// The notification module (first slice): order events become email messages, one per event and
// recipient, recorded in the event's transaction and sent over SMTP by a sender outside any
// transaction, with retries; notification.events tells of each message sent or failed.
#include "app/message_sender.hpp"
#include "app/order_reactions.hpp"
#include "email/smtp_client.hpp"
#include "options.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/events.hpp>

#include <optional>

namespace agora::notification {
namespace {

class NotificationModule final : public Module {
 public:
  std::string_view name() const override { return "notification"; }
  ConfigSection config_section() const override { return notification::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    smtp_.emplace(o.smtp);
    sender_.emplace(p.db, p.clock, p.metrics, *smtp_, o.sender);
    reactions_.emplace(p.clock, *sender_, o.shop_name, o.locale);
    // One subscription for every order reaction, so that per-key order holds between them.
    p.events.subscribe(EventHandlers()
                           .on<order::events::Placed>([this](Tx& tx, const order::events::Placed& e, const Event& env) {
                             reactions_->on_placed(tx, e, env);
                           })
                           .subscription("notification.order_reactions"));
    p.jobs.every("notification.resume", o.resume_interval, [this] { sender_->resume(); });
  }

  void start() override { sender_->start(); }
  void stop() override { sender_->stop(); }

 private:
  std::optional<SmtpClient> smtp_;
  std::optional<MessageSender> sender_;
  std::optional<OrderReactions> reactions_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<NotificationModule>(); }

}  // namespace agora::notification
