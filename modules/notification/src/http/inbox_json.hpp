#pragma once
// The inbox as the API and the live stream write it.
#include "domain/inbox_item.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace agora::notification {

// {id, template, title, body, data, created_at, read_at}
boost::json::object inbox_item_json(const InboxItem& item);
// {items, next_cursor, unread}
boost::json::object inbox_page_json(const InboxPage& page);
// A live stream's frame for a new item: {"type": "notification", "notification": {...}}.
std::string notification_frame(const InboxItem& item);

}  // namespace agora::notification
