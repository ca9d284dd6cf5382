#pragma once
// The PayPal gateway: Orders v2 with intent AUTHORIZE, through PaypalClient. authorize makes an order
// for the amount (POST /v2/checkout/orders), named by our order id (its reference_id and custom_id),
// which the buyer approves at PayPal; confirm then authorizes it (POST
// /v2/checkout/orders/{id}/authorize). capture and void act on that authorization (POST
// /v2/payments/authorizations/{id}/capture, /void), refund on its capture (POST
// /v2/payments/captures/{id}/refund). Every call carries the call's id as PayPal-Request-Id, PayPal's
// idempotency key; paypal_answers.hpp says how the answers are read. A look-up of a confirm reads the
// order (GET /v2/checkout/orders/{id}) for its authorizations.
#include "domain/payment.hpp"
#include "gateways/gateway.hpp"
#include "gateways/paypal_client.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace agora::payment {

class PaypalGateway final : public Gateway {
 public:
  explicit PaypalGateway(PaypalClient& paypal) : paypal_(paypal) {}
  Answer authorize(const CallRequest& call) override;
  Answer confirm(const CallRequest& call) override;
  Answer capture(const CallRequest& call) override;
  Answer cancel(const CallRequest& call) override;
  Answer refund(const CallRequest& call) override;
  // An authorize (an order made) holds nothing: nothing_held without asking.
  Answer look_up(CallKind kind, const CallRequest& call) override;
  // No token (the buyer approves at PayPal), and a return_url for PayPal to send the buyer back to.
  std::vector<FieldError> method_problems(const PaymentMethod& method, std::string_view prefix) const override;

 private:
  Answer post(CallKind kind, const std::string& path, std::string body, const CallRequest& call);

  PaypalClient& paypal_;
};

}  // namespace agora::payment
