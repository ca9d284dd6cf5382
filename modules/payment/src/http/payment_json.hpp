#pragma once
// A payment and its calls written as the admin API answers them: amounts as {"amount", "currency"}
// in minor units, times in RFC 3339, absent values null. The buyer's token is never written.
#include "app/payment_queries.hpp"

#include <boost/json/object.hpp>

namespace agora::payment {

boost::json::object payment_json(const PaymentRecord& record);

}  // namespace agora::payment
