#pragma once
// A staff refund as the admin API reads it and answers it.
#include "app/staff_refunds.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace agora::payment {

// {"amount": minor units (a positive integer), "reason"?: up to 500 characters}: Error{validation}
// listing every bad field.
RefundRequest parse_refund(const boost::json::value& body);

// {refund_id, payment}: the refund's id (its call's) and the payment as payment_json writes it.
boost::json::object refund_json(const RefundStarted& started);

}  // namespace agora::payment
