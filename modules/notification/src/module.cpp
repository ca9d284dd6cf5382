// The notification module: events become messages, one per event, channel and recipient, recorded
// in the event's transaction and sent by a sender outside any transaction, with retries;
// notification.events tells of each message sent or failed.
#include "app/deliveries.hpp"
#include "app/message_intake.hpp"
#include "app/message_sender.hpp"
#include "app/order_reactions.hpp"
#include "app/template_admin.hpp"
#include "app/template_lookup.hpp"
#include "email/email_channel.hpp"
#include "http/delivery_routes.hpp"
#include "http/inbox_routes.hpp"
#include "http/template_routes.hpp"
#include "options.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/events.hpp>
#include <agora/user/api.hpp>

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
    email_.emplace(o.smtp);
    sender_.emplace(p.db, p.clock, p.metrics, *templates_, o.sender);
    sender_->add_channel(kEmail, *email_);
    inbox_.emplace(p.db, p.clock);
    stream_.emplace(*inbox_, o.stream_threads);
    intake_.emplace(p.clock, p.metrics, *sender_, *templates_, *inbox_, p.services.get<user::Api>(), o.locale);
    reactions_.emplace(*intake_, o.shop_name);
    // One subscription for every order reaction, so that per-key order holds between them.
    p.events.subscribe(EventHandlers()
                           .on<order::events::Placed>([this](Tx& tx, const order::events::Placed& e, const Event& env) {
                             reactions_->on_placed(tx, e, env);
                           })
                           .subscription("notification.order_reactions"));
    p.events.watch(
        {.topics = {std::string(kInboxTopic)},
         .on_event =
             [this](const agora::Notice& n) { n.key.empty() ? stream_->changed_all() : stream_->changed(n.key); },
         .on_gap = [this] { stream_->changed_all(); }});
    add_inbox_routes(p.router, *inbox_, *stream_);
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
  std::optional<TemplateLookup> templates_;
  std::optional<EmailChannel> email_;
  std::optional<MessageSender> sender_;
  std::optional<Inbox> inbox_;
  std::optional<InboxStream> stream_;
  std::optional<MessageIntake> intake_;
  std::optional<OrderReactions> reactions_;
  std::optional<TemplateAdmin> template_admin_;
  std::optional<Deliveries> deliveries_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<NotificationModule>(); }

}  // namespace agora::notification
