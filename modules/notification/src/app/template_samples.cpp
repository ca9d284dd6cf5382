#include "app/template_samples.hpp"

#include "app/template_values.hpp"

namespace agora::notification {

std::optional<boost::json::object> sample_values(std::string_view template_name, const std::string& shop) {
  if (template_name == "order_placed") {
    auto values = order_placed_values(
        {"0190a0c4-0000-7000-8000-000000000001", "A-1042", std::nullopt, "buyer@example.com", "EUR", 4250}, shop);
    // Lines as the template can show them, so that a preview shows what a template does with them.
    values["has_lines"] = true;
    values["lines"] = boost::json::array{{{"quantity", 2}, {"title", "Espresso cups"}, {"total", "25.00 EUR"}},
                                         {{"quantity", 1}, {"title", "Milk jug"}, {"total", "17.50 EUR"}}};
    return values;
  }
  if (template_name == "order_shipped")
    return boost::json::object{{"shop", shop},
                               {"number", "A-1042"},
                               {"carrier", "DHL"},
                               {"tracking_number", "00340434161094042557"},
                               {"complete", false}};
  if (template_name == "payment_succeeded" || template_name == "refund_issued")
    return payment_values("A-1042", 4250, "EUR", shop);
  if (template_name == "payment_failed") return payment_failed_values("A-1042", "Your card was declined.", shop);
  if (template_name == "email_verification" || template_name == "password_reset")
    return account_link_values("Sam", "https://shop.example.com/verify-email?token=sample",
                               *parse_rfc3339("2026-12-05T12:00:00Z"), shop);
  if (template_name == "low_stock") return low_stock_values("MUG-BLUE", std::nullopt, 3, 5, shop);
  return std::nullopt;
}

}  // namespace agora::notification
