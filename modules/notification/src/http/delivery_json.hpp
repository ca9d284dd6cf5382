#pragma once
// The admins' deliveries as the API reads and writes them.
#include "app/deliveries.hpp"
#include "http/page_query.hpp"

#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

namespace agora::notification {

struct MessageQuery {
  MessageFilter filter;
  PageQuery page;
};

// ?status=&channel=&template=&recipient=&user_id=&limit=&cursor=: Error{validation} naming each bad one.
MessageQuery message_query(const http::Request& req);

// {id, channel, recipient, template, event_id, event_type, status, attempts, provider_id, last_error,
//  created_at, sent_at, delivered_at}
boost::json::object message_json(const Message& m);
// {items, next_cursor}
boost::json::object message_page_json(const MessagePage& page);

}  // namespace agora::notification
