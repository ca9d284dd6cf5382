#include "http/payment_schemas.hpp"
#include "http/routes.hpp"

#include <agora/core/log.hpp>

namespace agora::payment {
namespace {

using http::Method;
using http::Request;
using http::Responder;
using http::Response;

// A gateway's webhook endpoint. No authentication: `receive` verifies the delivery and keeps its
// event, or throws (answered as problem+json with nothing stored). The gateway is answered as soon as
// the event is stored, then the event is processed on the same worker; the inbox's job processes what
// this misses (a crash in between).
void add_webhook_route(http::Router& router, std::string path, std::function<std::string(const Request&)> receive,
                       WebhookInbox& inbox, http::RouteDoc doc) {
  const auto handle = [receive = std::move(receive), &inbox](const Request& req, std::shared_ptr<Responder> r) {
    r->work_on_workers([&receive, &inbox, &req, r] {
      const auto id = receive(req);
      r->respond(Response::json(boost::json::object{{"received", true}}));
      try {
        inbox.process(id);
      } catch (const std::exception& e) {
        log::warn("payment: a gateway's event could not be processed yet",
                  {{"event_id", id}, {"error", log::describe(e)}});
      }
    });
  };
  // A provider's callbacks are signed, and a burst of its retries must not be refused.
  doc.response = kWebhookReceived;
  router.add(Method::post, std::move(path), nullptr, {.async = handle, .rate_class = "none", .doc = std::move(doc)});
}

std::string header_text(const Request& req, std::string_view name) {
  return std::string(req.header(name).value_or(""));
}

}  // namespace

void add_stripe_webhook_route(http::Router& router, StripeWebhooks& stripe) {
  add_webhook_route(
      router, "/api/v1/payments/webhooks/stripe",
      [&stripe](const Request& req) { return stripe.receive(req.body, req.header("stripe-signature")); },
      stripe.inbox(),
      {.summary =
           "Stripe's webhook: 200 once the event is stored (or was before), 400 when its signature does not hold",
       .request = std::string(kStripeEvent),
       .parameters = std::string(kStripeSignature)});
}

void add_paypal_webhook_route(http::Router& router, PaypalWebhooks& paypal) {
  add_webhook_route(
      router, "/api/v1/payments/webhooks/paypal",
      [&paypal](const Request& req) {
        return paypal.receive(req.body,
                              {header_text(req, "paypal-transmission-id"), header_text(req, "paypal-transmission-time"),
                               header_text(req, "paypal-transmission-sig"), header_text(req, "paypal-cert-url"),
                               header_text(req, "paypal-auth-algo")});
      },
      paypal.inbox(),
      {.summary = "PayPal's webhook: 200 once the event is stored (or was before), 400 when PayPal does not verify "
                  "it, 503 when PayPal cannot be asked now (it sends it again)",
       .request = std::string(kPaypalEvent),
       .parameters = std::string(kPaypalTransmission),
       .problems = {503}});
}

}  // namespace agora::payment
