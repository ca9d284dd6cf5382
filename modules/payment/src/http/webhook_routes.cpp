#include "http/routes.hpp"

#include <agora/core/log.hpp>

namespace agora::payment {
namespace {

using http::Method;
using http::Request;
using http::Responder;
using http::Response;

}  // namespace

void add_webhook_routes(http::Router& router, StripeWebhooks& stripe) {
  // No authentication: the signature is. Stripe is answered as soon as the event is stored, then the
  // event is processed on the same worker; the job processes what this misses (a crash in between).
  const auto receive = [&stripe](const Request& req, std::shared_ptr<Responder> r) {
    r->work_on_workers([&stripe, &req, r] {
      const auto id = stripe.receive(req.body, req.header("stripe-signature"));
      r->respond(Response::json(boost::json::object{{"received", true}}));
      try {
        stripe.process(id);
      } catch (const std::exception& e) {
        log::warn("payment: a Stripe event could not be processed yet",
                  {{"event_id", id}, {"error", log::describe(e)}});
      }
    });
  };
  router.add(Method::post, "/api/v1/payments/webhooks/stripe", nullptr, {.async = receive});
}

}  // namespace agora::payment
