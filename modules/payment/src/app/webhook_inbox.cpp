#include "app/webhook_inbox.hpp"

#include "app/payment_changes.hpp"
#include "store/payment_store.hpp"
#include "store/webhook_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::payment {
namespace {

constexpr std::size_t kMaxEventId = 255;
constexpr std::size_t kDueBatch = 500;  // events per pass of process_due; more wait for the next pass

using Verdict = Heard::Verdict;

// What processing did, for the row's outcome and the log.
struct Processed {
  std::string outcome;
  std::optional<std::string> attention;
  std::string order_id;
};

}  // namespace

WebhookInbox::WebhookInbox(Database& db, const Clock& clock, PaymentRunner& runner, std::string gateway, Reader read,
                           WebhookOptions options)
    : db_(db), clock_(clock), runner_(runner), gateway_(std::move(gateway)), read_(read), options_(options) {}

std::string WebhookInbox::keep(std::string_view body) {
  const auto event = read_(body);
  if (event.id.size() > kMaxEventId) throw Error(ErrorKind::bad_request, "the event id is too long");
  db_.transact([&](Tx& tx) {
    webhook_store::insert(tx.sql(), {gateway_, event.id, event.type, std::string(body), clock_.now()});
  });
  return event.id;
}

void WebhookInbox::process(const std::string& event_id) {
  const auto payment_of = [&](Tx& tx, const GatewayEvent& e) -> std::optional<Payment> {
    if (!e.reference.empty())
      if (auto p = payment_store::lock_by_reference(tx.sql(), gateway_, e.reference)) return p;
    // Before its call's answer was recorded, a payment has no reference yet: the order id finds it.
    if (is_uuid(e.order_id))
      if (auto p = payment_store::lock_by_order(tx.sql(), e.order_id); p && p->gateway == gateway_) return p;
    return std::nullopt;
  };
  const auto done = db_.transact([&](Tx& tx) -> std::optional<Processed> {
    const auto now = clock_.now();
    const auto stored = webhook_store::claim(tx.sql(), gateway_, event_id, now);
    if (!stored) return std::nullopt;
    const auto event = read_(stored->payload);
    Processed out{"ignored"};
    if (event.meaning) {
      auto p = payment_of(tx, *event.meaning);
      Heard heard{Verdict::wait};
      out.outcome = "no payment has it";
      if (p) {
        out.order_id = p->order_id;
        // Each step is saved and announced in turn (an authorization before the capture it led to).
        do {
          heard = on_gateway_event(*p, *event.meaning, now);
          if (heard.verdict == Verdict::applied) {
            save(tx, heard.change, now, runner_);
            p = heard.change.payment;
          }
        } while (heard.verdict == Verdict::applied && heard.again);
        out.attention = heard.attention;
        out.outcome = heard.verdict == Verdict::applied ? "applied"
                      : heard.verdict == Verdict::stale ? "stale"
                                                        : "its payment has a call out";
      }
      if (heard.verdict == Verdict::wait && stored->attempts + 1 < options_.max_attempts) {
        webhook_store::put_off(tx.sql(), *stored, now + backoff(options_.retry_base, stored->attempts + 1),
                               out.outcome);
        return out;
      }
      if (heard.verdict == Verdict::wait) out.outcome = "given up: " + out.outcome;
    }
    webhook_store::processed(tx.sql(), *stored, now, out.outcome);
    return out;
  });
  if (!done) return;
  if (done->attention)
    log::error("payment: " + *done->attention,
               {{"gateway", gateway_}, {"event_id", event_id}, {"order_id", done->order_id}});
  else if (done->outcome.starts_with("given up"))
    log::warn("payment: a gateway's event was given up on",
              {{"gateway", gateway_}, {"event_id", event_id}, {"outcome", done->outcome}});
}

void WebhookInbox::process_due() {
  std::vector<std::string> due;
  {
    auto conn = db_.acquire();
    due = webhook_store::due(*conn, gateway_, clock_.now(), kDueBatch);
  }
  for (const auto& id : due) process(id);
}

}  // namespace agora::payment
