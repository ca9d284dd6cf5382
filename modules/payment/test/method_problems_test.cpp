// payment::Api's checks of a checkout's payment method: the gateway must be one of payment.gateways,
// the sandbox and Stripe need a well-formed token of theirs, PayPal none but a return_url, and anything
// that looks like a card number is refused before it goes further.
#include "app/method_checks.hpp"
#include "domain/card_number.hpp"

#include <agora/core/config.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/outbound.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;

namespace {

std::vector<std::string> fields_of(const std::vector<FieldError>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

// Destinations that are never called: checks make no calls.
outbound::Destinations& destinations() {
  static Metrics metrics;
  static outbound::Destinations destinations({}, Clock::system(), metrics);
  return destinations;
}

GatewayOptions with_stripe_key() {
  GatewayOptions o;
  o.stripe.secret_key = "sk_test_checks";
  return o;
}

std::vector<FieldError> problems(const std::string& gateway, const std::string& token,
                                 const std::string& return_url = "https://shop.example/back") {
  const Gateways gateways({"sandbox", "stripe"}, with_stripe_key(), destinations());
  return MethodChecks(gateways).problems({gateway, token, return_url}, "payment");
}

std::vector<FieldError> paypal_problems(const std::string& token, const std::string& return_url) {
  GatewayOptions options;
  options.paypal = {.client_id = "client", .client_secret = "secret"};
  const Gateways gateways({"paypal"}, options, destinations());
  return MethodChecks(gateways).problems({"paypal", token, return_url}, "payment");
}

}  // namespace

TEST_CASE("a sandbox token of letters, digits, _ and - can be used") {
  REQUIRE(problems("sandbox", "sandbox_ok").empty());
  REQUIRE(problems("sandbox", "any-Token_42").empty());
}

TEST_CASE("a card number sent as the token is refused, however it is written") {
  for (const auto* token :
       {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "tok_4111111111111111", "4222222222222"}) {
    const auto found = problems("sandbox", token);
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "payment.token");
    CHECK(found[0].message == "looks like a card number: send the gateway's token, never the card");
    CHECK(found[0].message.find(token) == std::string::npos);
  }
}

TEST_CASE("digits that fail the Luhn check, or are too few or too many for a card, are not a card number") {
  CHECK_FALSE(looks_like_card_number("4242424242424241"));      // Luhn fails
  CHECK_FALSE(looks_like_card_number("424242424242"));          // 12 digits
  CHECK_FALSE(looks_like_card_number("42424242424242424242"));  // 20 digits
  CHECK(looks_like_card_number("6011 0009 9013 9424"));
  CHECK(looks_like_card_number("4000056655665550000"));  // 19 digits
  REQUIRE(problems("sandbox", "4242424242424241").empty());
}

TEST_CASE("a gateway that is not one of payment.gateways is named as the problem") {
  const auto found = problems("paypal", "");
  REQUIRE(fields_of(found) == std::vector<std::string>{"payment.gateway"});
  REQUIRE(found[0].message == "is not a gateway of this shop: one of sandbox, stripe");
}

TEST_CASE("Stripe takes a PaymentMethod id or a card token, of letters, digits and _") {
  REQUIRE(problems("stripe", "pm_card_visa").empty());
  REQUIRE(problems("stripe", "pm_1PqRsTuVwXyZ").empty());
  REQUIRE(problems("stripe", "tok_visa").empty());
  for (const auto& token : {std::string(), std::string("sandbox_ok"), std::string("pm_"), std::string("pm_a b"),
                            std::string("pm_card-visa"), std::string("src_123"), "pm_" + std::string(253, 'a')})
    CHECK(fields_of(problems("stripe", token)) == std::vector<std::string>{"payment.token"});
}

TEST_CASE("the sandbox requires a token, and one of at most 255 letters, digits, _ and -") {
  REQUIRE(fields_of(problems("sandbox", "")) == std::vector<std::string>{"payment.token"});
  REQUIRE(fields_of(problems("sandbox", "sandbox ok")) == std::vector<std::string>{"payment.token"});
  REQUIRE(fields_of(problems("sandbox", std::string(256, 'a'))) == std::vector<std::string>{"payment.token"});
  REQUIRE(problems("sandbox", std::string(255, 'a')).empty());
}

TEST_CASE("payment.gateways naming a gateway without an adapter does not start") {
  REQUIRE_THROWS_AS(Gateways({"sandbox", "bitcoin"}, {}, destinations()), ConfigError);
}

TEST_CASE("stripe without a secret key does not start") {
  REQUIRE_THROWS_WITH(Gateways({"stripe"}, {}, destinations()),
                      "config key payment.stripe_secret_key: required when payment.gateways lists stripe");
}

TEST_CASE("PayPal takes no token, and needs the URL it sends the buyer back to") {
  REQUIRE(paypal_problems("", "https://shop.example/back").empty());
  CHECK(fields_of(paypal_problems("pm_card_visa", "https://shop.example/back")) ==
        std::vector<std::string>{"payment.token"});
  for (const auto* url : {"", "shop.example/back", "javascript:alert(1)"})
    CHECK(fields_of(paypal_problems("", url)) == std::vector<std::string>{"payment.return_url"});
}

TEST_CASE("paypal without its client id and secret does not start") {
  REQUIRE_THROWS_WITH(Gateways({"paypal"}, {}, destinations()),
                      "config keys payment.paypal_client_id and payment.paypal_client_secret: required when "
                      "payment.gateways lists paypal");
}
