// What the other modules' events make the notification module send, beyond the order confirmation:
// the account links (by email only), payments, shipments with tracking, refunds, and low stock to
// the staff.
#include "notification_app.hpp"

#include <agora/inventory/events.hpp>
#include <agora/payment/events.hpp>
#include <agora/user/events.hpp>

#include <thread>

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using agora::test::ReceivedEmail;
using namespace std::chrono_literals;

namespace {

// The order events the order module publishes up to placed: the buyer is known from order.created.
order::events::Placed created_and_placed(NotificationApp& app, const std::optional<std::string>& customer_id,
                                         const std::string& email) {
  order::events::Created created;
  created.order_id = new_id();
  created.customer_id = customer_id;
  created.email = email;
  created.currency = "EUR";
  created.total = 4250;
  app.publish(created);
  order::events::Placed placed{created.order_id, "A-" + new_id().substr(24), customer_id, email, "EUR", 4250};
  app.publish(placed);
  return placed;
}

// The emails the server took with this subject so far.
std::vector<ReceivedEmail> with_subject(const SmtpServer& smtp, const std::string& part) {
  std::vector<ReceivedEmail> out;
  for (const auto& m : smtp.received())
    if (m.subject.find(part) != std::string::npos) out.push_back(m);
  return out;
}

}  // namespace

TEST_CASE("a sign-up gets its verification link by email, and only by email", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp, Overrides{{"notification.shop_url", "https://shop.example.com/"}});
  const auto r =
      app.call("POST", "/api/v1/auth/register",
               {{"email", "new@example.com"}, {"password", "correct horse battery staple"}, {"name", "Nia"}});
  REQUIRE(r.status == 201);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].to == "new@example.com");
  CHECK(mail[0].subject == "Confirm your email address for Café Ünïcode");
  CHECK(mail[0].text.find("Hello Nia,") != std::string::npos);
  const auto at = mail[0].text.find("https://shop.example.com/verify-email?token=");
  REQUIRE(at != std::string::npos);
  const auto token = mail[0].text.substr(at + 44, mail[0].text.find('\n', at) - at - 44);
  // The link's token verifies the address at the user module.
  CHECK(app.call("POST", "/api/v1/auth/verify-email", {{"token", token}}).status == 200);
  REQUIRE(app.handled());
  const auto all = app.messages(true);
  REQUIRE(all.size() == 1);  // no in-app copy of the link, whatever the user chose for security messages
  CHECK(all[0].channel == "email");
}

TEST_CASE("a password reset request mails its link", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto sam = app.sign_up("sam@example.com");
  REQUIRE(app.call("POST", "/api/v1/auth/password/forgot", {{"email", "sam@example.com"}}).status == 202);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].subject == "Reset your Café Ünïcode password");
  CHECK(mail[0].text.find("http://localhost:8080/reset-password?token=") != std::string::npos);
}

TEST_CASE("payments, shipments and refunds of an order are told to its buyer, once each", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto customer = app.sign_up("buyer@example.com");
  const auto placed = created_and_placed(app, customer.id, "buyer@example.com");

  const payment::events::Succeeded paid{new_id(), placed.order_id, 4250, "EUR"};
  app.publish(paid);
  order::events::FulfillmentCreated shipped;
  shipped.order_id = placed.order_id;
  shipped.fulfillment_id = new_id();
  shipped.carrier = "DHL";
  shipped.tracking_number = "00340434161094042557";
  shipped.complete = true;
  app.publish(shipped);
  const payment::events::Refunded refunded{paid.payment_id, placed.order_id, new_id(), 1000, 1000, "EUR"};
  app.publish(refunded);
  app.publish(refunded);  // delivered again: nothing twice

  const auto mail = smtp.wait_for(4);
  CHECK(mail.size() == 4);
  const auto receipt = with_subject(smtp, "Payment received");
  REQUIRE(receipt.size() == 1);
  CHECK(receipt[0].text.find("42.50 EUR for order " + placed.number) != std::string::npos);
  const auto shipping = with_subject(smtp, "has shipped");
  REQUIRE(shipping.size() == 1);
  CHECK(shipping[0].text.find("Tracking number: 00340434161094042557") != std::string::npos);
  CHECK(shipping[0].text.find("Carrier: DHL") != std::string::npos);
  const auto refund = with_subject(smtp, "refund");
  REQUIRE(refund.size() == 1);
  CHECK(refund[0].text.find("We refunded 10.00 EUR for order " + placed.number) != std::string::npos);

  // The customer's inbox has each too (order messages go to email and in-app by default).
  const auto inbox = app.call("GET", "/api/v1/notifications", nullptr, customer.token).json();
  std::vector<std::string> templates;
  for (const auto& item : inbox.at("items").as_array()) templates.emplace_back(item.at("template").as_string());
  CHECK(templates == std::vector<std::string>{"refund_issued", "order_shipped", "payment_succeeded", "order_placed"});
}

TEST_CASE("a failed payment is told to a guest by email, with the gateway's words", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto placed = created_and_placed(app, std::nullopt, "guest@example.com");
  app.publish(payment::events::Failed{new_id(), placed.order_id, "card_declined", "Your card was declined."});
  REQUIRE(smtp.wait_for(2).size() == 2);
  const auto failed = with_subject(smtp, "did not go through");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].to == "guest@example.com");
  CHECK(failed[0].text.find("could not be made: Your card was declined.") != std::string::npos);
}

TEST_CASE("a payment event for an order whose buyer is not known yet waits for its order.created", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp, Overrides{{"events.retry_base_ms", "50"}});
  const auto order_id = new_id();
  app.publish(payment::events::Succeeded{new_id(), order_id, 990, "EUR"});
  std::this_thread::sleep_for(200ms);
  CHECK(smtp.received().empty());
  order::events::Created created;
  created.order_id = order_id;
  created.email = "late@example.com";
  created.currency = "EUR";
  app.publish(created);
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].subject.find("Payment received") != std::string::npos);
}

TEST_CASE("low stock alerts every active account with the warehouse role, and no one else", "[reactions]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto keeper = app.sign_up("keeper@example.com", "warehouse");
  app.sign_up("shopper@example.com");
  app.publish(inventory::events::LowStock{"MUG-BLUE", std::nullopt, 3, 5});
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].to == "keeper@example.com");
  CHECK(mail[0].subject == "Low stock: MUG-BLUE (3 left)");
  CHECK(mail[0].text.find("low in all warehouses: 3 available, below the threshold of 5") != std::string::npos);
  const auto inbox = app.call("GET", "/api/v1/notifications", nullptr, keeper.token).json();
  REQUIRE(inbox.at("items").as_array().size() == 1);
  CHECK(inbox.at("items").at(0).at("title") == "Low stock: MUG-BLUE");
}
