// The email templates: what they render, what they escape, and a template that does not render.
#include "domain/template.hpp"
#include "app/template_values.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::notification;

namespace {

Rendered placed(const order::events::Placed& e, const std::string& shop = "Agora") {
  return render(*default_template("order_placed", "email", "en"), "email", mustache_data(order_placed_values(e, shop)));
}

}  // namespace

TEST_CASE("the order confirmation gives the order's number and its total as money with its currency") {
  const auto e = placed({"o-1", "A-1042", std::nullopt, "buyer@example.com", "EUR", 123456});
  CHECK(e.subject == "Your Agora order A-1042");
  CHECK(e.text.find("Order number: A-1042") != std::string::npos);
  CHECK(e.text.find("Total: 1234.56 EUR") != std::string::npos);
  CHECK(e.html.find("<strong>1234.56 EUR</strong>") != std::string::npos);
}

TEST_CASE("money is formatted with its currency's minor units") {
  CHECK(placed({"o", "A-1", std::nullopt, "b@example.com", "JPY", 1500}).text.find("Total: 1500 JPY") !=
        std::string::npos);
  CHECK(placed({"o", "A-1", std::nullopt, "b@example.com", "KWD", 1500}).text.find("Total: 1.500 KWD") !=
        std::string::npos);
}

TEST_CASE("values are HTML-escaped in the HTML part only") {
  const auto e = placed({"o", "A<1>&\"2\"", std::nullopt, "b@example.com", "USD", 100}, "Tom & Jerry's");
  CHECK(e.subject == "Your Tom & Jerry's order A<1>&\"2\"");
  CHECK(e.text.find("Order number: A<1>&\"2\"") != std::string::npos);
  CHECK(e.html.find("<strong>A&lt;1&gt;&amp;&quot;2&quot;</strong>") != std::string::npos);
  CHECK(e.html.find("Tom &amp; Jerry&apos;s") != std::string::npos);
  CHECK(e.html.find("A<1>") == std::string::npos);
}

TEST_CASE("an order's lines are listed when the values have them, and the email reads without them") {
  const auto t = default_template("order_placed", "email", "en");
  auto values = order_placed_values({"o", "A-7", std::nullopt, "b@example.com", "USD", 2500}, "Agora");
  values["has_lines"] = true;
  values["lines"] = boost::json::array{{{"quantity", 2}, {"title", "Crème brûlée set"}, {"total", "25.00 USD"}}};
  const auto with = render(*t, "email", mustache_data(values));
  CHECK(with.text.find("2 x Crème brûlée set: 25.00 USD") != std::string::npos);
  CHECK(with.html.find("<td>2 &times; Crème brûlée set</td>") != std::string::npos);
  const auto without = placed({"o", "A-7", std::nullopt, "b@example.com", "USD", 2500});
  CHECK(without.html.find("<table>") == std::string::npos);
  CHECK(without.text.find(" x ") == std::string::npos);
}

TEST_CASE("a value the data lacks renders empty") {
  const auto e = render({"Order {{number}}{{nothing}}", "{{missing}}.", "<p>{{missing}}</p>"}, "email",
                        mustache_data(boost::json::object{{"number", "A-1"}}));
  CHECK(e.subject == "Order A-1");
  CHECK(e.text == ".");
  CHECK(e.html == "<p></p>");
}

TEST_CASE("the shipping email gives the carrier and the tracking number") {
  const auto e = render(*default_template("order_shipped", "email", "en"), "email",
                        mustache_data(boost::json::object{{"shop", "Agora"},
                                                          {"number", "A-9"},
                                                          {"carrier", "UPS"},
                                                          {"tracking_number", "1Z999AA10123456784"},
                                                          {"complete", true}}));
  CHECK(e.subject == "Your Agora order A-9 has shipped");
  CHECK(e.text.find("Carrier: UPS\nTracking number: 1Z999AA10123456784") != std::string::npos);
  CHECK(e.text.find("another parcel") == std::string::npos);
}

TEST_CASE("a locale without templates of its own gets the English ones; an unknown template is none") {
  CHECK(default_template("order_placed", "email", "fr") == default_template("order_placed", "email", "en"));
  CHECK(default_template("no_such_template", "email", "en") == nullptr);
}

TEST_CASE("a template that does not render is an error naming the part and the reason") {
  const auto values = mustache_data(boost::json::object{{"number", "A-1"}});
  try {
    render({"Order {{number}}", "{{#lines}}never closed", "<p></p>"}, "email", values);
    FAIL("rendered");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::validation);
    CHECK(std::string(e.what()).find("text does not render") != std::string::npos);
    REQUIRE(e.fields().size() == 1);
    CHECK(e.fields()[0].field == "text");
    CHECK(e.fields()[0].message.find("lines") != std::string::npos);
  }
  CHECK_THROWS_AS(render({"{{number", "x", ""}, "email", values), Error);
}

TEST_CASE("a subject that renders on two lines is refused: it would end the header") {
  CHECK_THROWS_WITH(
      render({"Order {{number}}", "x", ""}, "email", mustache_data(boost::json::object{{"number", "A\r\nBcc: x"}})),
      Catch::Contains("more than one line"));
}

TEST_CASE("an SMS renders its text only; push and in-app a title and a body, and each needs them") {
  const auto values = mustache_data(boost::json::object{{"number", "A-1"}, {"total", "5.00 EUR"}, {"shop", "Agora"}});
  const auto sms = render(*default_template("order_placed", "sms", "en"), "sms", values);
  CHECK(sms.subject.empty());
  CHECK(sms.text == "Agora: thank you for your order A-1 (5.00 EUR). We will write when it ships.");
  const auto push = render(*default_template("order_placed", "push", "en"), "push", values);
  CHECK(push.subject == "Order A-1 placed");
  CHECK(push.html.empty());
  CHECK_THROWS_WITH(render({"", "body", ""}, "in_app", values),
                    Catch::Contains("subject does not render: it is empty"));
  CHECK_THROWS_WITH(render({"", "{{nothing}}", ""}, "sms", values),
                    Catch::Contains("text does not render: it is empty"));
}
