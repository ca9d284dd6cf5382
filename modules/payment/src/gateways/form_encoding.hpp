#pragma once
// Request bodies in application/x-www-form-urlencoded, as Stripe's API reads them: nested fields are
// named with brackets (metadata[order_id]) and sent in the order given.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::payment {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// name=value pairs joined by '&', every byte but A-Z a-z 0-9 - . _ ~ percent-encoded (a space too,
// as %20), so that no value can add a field of its own.
std::string form_encode(const FormFields& fields);

}  // namespace agora::payment
