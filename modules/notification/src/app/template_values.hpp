#pragma once
// The values each template is rendered with, made from the event that caused the message and kept
// with it as JSON; and that JSON as the data Mustache renders.
#include <agora/order/events.hpp>
#include <boost/json/object.hpp>
#include <kainjow/mustache.hpp>

#include <string>

namespace agora::notification {

// number, total (money with its currency), shop; `lines` and has_lines when the event lists them
// (order.placed does not: the email then has no lines).
boost::json::object order_placed_values(const order::events::Placed& e, const std::string& shop);

// Objects become Mustache objects, arrays lists, numbers and booleans their text and truth.
kainjow::mustache::data mustache_data(const boost::json::value& v);

}  // namespace agora::notification
