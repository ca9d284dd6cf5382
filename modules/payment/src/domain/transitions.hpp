#pragma once
// The rules of a payment's life: what an order event or a gateway's answer makes of it. Pure: the
// caller reads the payment under a row lock, applies a rule and stores what it returns.
#include "domain/answer.hpp"
#include "domain/payment.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace agora::payment {

// The event a change publishes, if any.
enum class Announcement { none, authorized, requires_action, failed, succeeded, voided, refunded };

// A payment as a change leaves it, and the call it starts (made by a runner once it commits).
struct Change {
  Payment payment;
  std::optional<CallToStart> start;
  Announcement announce = Announcement::none;
  // A refunded announcement's refund: the id it is known by (our call's, or the gateway's when the
  // gateway told of it) and the amount it gave back.
  std::string refund_id;
  std::int64_t refund_amount = 0;
};

// How a call whose outcome is unknown is tried again.
struct RetryPolicy {
  int max_attempts = 5;                  // an authorize still unanswered after these fails; other calls go on
  std::chrono::milliseconds base{1000};  // the wait after the first attempt, doubled after each further one
};

// The wait after `attempts` attempts: base, doubled per attempt after the first, at most 1024 × base
// (a capture the gateway keeps not answering is still tried every 17 minutes with a 1 s base).
std::chrono::milliseconds backoff(std::chrono::milliseconds base, int attempts);

// The time to take the money (the order placed or its first fulfillment, by payment.capture, or an
// authorization old enough to lapse soon): an authorized payment starts the capture of all it holds.
// nullopt when nothing changes (not authorized, the capture started already, or an authorization
// the gateway refused to void).
std::optional<Change> start_capture(const Payment& p, Timestamp now);

// The buyer is back from the gateway's page, or the gateway tells that they approved: a payment
// waiting for their action starts the call that completes its authorization (confirm). nullopt for
// any other (asked already, or not waiting).
std::optional<Change> after_buyer_action(const Payment& p, Timestamp now);

// order.cancelled: an authorization is voided, a capture refunded; a call that is out is answered
// first (cancel_requested). nullopt when nothing changes (final already, or handled before).
std::optional<Change> on_order_cancelled(const Payment& p, Timestamp now);

// order.return_received: a refund of `amount`, at most what is left of the capture. nullopt when
// nothing is left (or nothing was captured); Error{conflict} while another call is out (the event
// is tried again after it).
std::optional<Change> refund_on_return(const Payment& p, std::int64_t amount, Timestamp now);

// Staff give back `amount` (positive) of the capture, for `reason` if they gave one. Error{conflict}
// while another call is out or when nothing was captured (or it is all given back);
// Error{validation} naming "amount" when it is more than is left of the capture.
Change refund_by_staff(const Payment& p, std::int64_t amount, std::optional<std::string> reason, Timestamp now);

// The answer to a call, recorded on the call and its payment.
struct Answered {
  Change change;
  Call call;
  std::optional<std::string> attention;  // why an operator should look (logged as an error)
};
Answered on_answer(const Payment& p, const Call& c, const Answer& a, const RetryPolicy& retry, Timestamp now);

}  // namespace agora::payment
