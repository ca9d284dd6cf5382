#pragma once
// A staff refund as the admin API reads it and answers it.
#include "app/staff_refunds.hpp"

#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

namespace agora::payment {

// {"amount": minor units (a positive integer), "reason"?: up to 500 characters}, asked with an
// Idempotency-Key (the platform replays a request that names one, and only that one: money given back
// must not be given twice by a retry). Error{validation} listing every bad field and a missing key.
RefundRequest parse_refund(const http::Request& req);

// {refund_id, payment}: the refund's id (its call's) and the payment as payment_json writes it.
boost::json::object refund_json(const RefundStarted& started);

}  // namespace agora::payment
