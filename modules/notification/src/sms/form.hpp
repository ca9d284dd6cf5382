#pragma once
// application/x-www-form-urlencoded, as Twilio's API reads request bodies and sends its status
// callbacks. The payment module has an encoder of its own for Stripe's bodies; neither is in core yet.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::notification {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// name=value pairs joined by '&', every byte but A-Z a-z 0-9 - . _ ~ percent-encoded (a space as
// %20), so that no value can add a field of its own.
std::string form_encode(const FormFields& fields);

// The pairs of a form body in their order, '+' read as a space and %XX decoded; nullopt when a
// % is not followed by two hex digits. A pair without '=' is a name with an empty value.
std::optional<FormFields> form_decode(std::string_view body);

}  // namespace agora::notification
