#pragma once
// A payment of an order and the calls made to its gateway for it, as stored.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agora::payment {

// The statuses ending in -ing have a call to make; the others wait for an order event or are final.
enum class Status {
  authorizing,
  requires_action,
  authorized,
  capturing,
  captured,
  voiding,
  voided,
  failed,
  refunding,
  refunded
};
BOOST_DESCRIBE_ENUM(Status, authorizing, requires_action, authorized, capturing, captured, voiding, voided, failed,
                    refunding, refunded)
bool has_call_out(Status s);  // a status ending in -ing: its call is made, or being made

// confirm completes an authorization that waited for the buyer's action (PayPal's approval, 3-D Secure).
enum class CallKind { authorize, confirm, capture, void_authorization, refund };
std::string_view to_text(CallKind kind);                   // authorize, confirm, capture, void, refund
std::optional<CallKind> call_kind(std::string_view text);  // nullopt for anything else

enum class CallStatus { started, succeeded, failed };
BOOST_DESCRIBE_ENUM(CallStatus, started, succeeded, failed)

// What the reconciliation job found of a payment failed as gateway_unavailable (domain/reconciliation.hpp).
enum class Reconciliation {
  held,          // the unanswered call left an authorization: it is voided
  nothing_held,  // the gateway holds nothing of it
  unanswered,    // the gateway did not answer before the window closed: an operator looks
};
BOOST_DESCRIBE_ENUM(Reconciliation, held, nothing_held, unanswered)

struct Payment {
  std::string id;
  std::string order_id;
  std::optional<std::string> customer_id;
  std::string email;
  std::string gateway;
  std::string token;
  std::string return_url;
  std::int64_t amount = 0;
  std::string currency;
  Status status = Status::authorizing;
  std::optional<std::string> gateway_ref;
  std::optional<std::string> action_url;
  std::optional<std::string> failure_code;
  std::optional<std::string> failure_message;
  std::int64_t captured = 0;
  std::int64_t refunded = 0;
  bool cancel_requested = false;
  std::optional<Timestamp> lease_until;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> authorized_at;
  std::optional<Timestamp> captured_at;
  std::optional<Timestamp> reconciled_at;
  std::optional<Reconciliation> reconciliation;
};
BOOST_DESCRIBE_STRUCT(Payment, (),
                      (id, order_id, customer_id, email, gateway, token, return_url, amount, currency, status,
                       gateway_ref, action_url, failure_code, failure_message, captured, refunded, cancel_requested,
                       lease_until, created_at, updated_at, authorized_at, captured_at, reconciled_at, reconciliation))

// One call to the gateway; its id is the idempotency key the gateway is sent, every attempt.
struct Call {
  std::string id;
  std::string payment_id;
  CallKind kind = CallKind::authorize;  // read by the store (a described enum cannot be named void)
  std::int64_t amount = 0;
  CallStatus status = CallStatus::started;
  int attempts = 0;
  std::optional<std::string> last_error;
  std::optional<std::string> gateway_ref;
  Timestamp created_at;
  std::optional<Timestamp> finished_at;
  std::optional<std::string> reason;  // why staff asked for it (a refund of theirs)
};
BOOST_DESCRIBE_STRUCT(Call, (),
                      (id, payment_id, kind, amount, status, attempts, last_error, gateway_ref, created_at, finished_at,
                       reason))

// A call a change starts: made by a runner once the change commits.
struct CallToStart {
  CallKind kind;
  std::int64_t amount;
  std::optional<std::string> reason = std::nullopt;
};

// A new call, started now.
Call started_call(const std::string& payment_id, const CallToStart& start, const std::string& id, Timestamp now);

}  // namespace agora::payment
