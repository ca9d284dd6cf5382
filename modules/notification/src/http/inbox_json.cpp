#include "http/inbox_json.hpp"

#include <agora/core/json_text.hpp>
#include <boost/json/parse.hpp>

namespace agora::notification {

boost::json::object inbox_item_json(const InboxItem& item) {
  return {{"id", item.id},
          {"template", item.template_name},
          {"title", item.title},
          {"body", item.body},
          {"data", boost::json::parse(item.data)},
          {"created_at", to_rfc3339(item.created_at)},
          {"read_at", item.read_at ? boost::json::value(to_rfc3339(*item.read_at)) : nullptr}};
}

boost::json::object inbox_page_json(const InboxPage& page) {
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(inbox_item_json(item));
  return {
      {"items", std::move(items)},
      {"next_cursor", page.next_cursor.empty() ? boost::json::value(nullptr) : boost::json::value(page.next_cursor)},
      {"unread", page.unread}};
}

std::string notification_frame(const InboxItem& item) {
  return json_text::serialize(boost::json::object{{"type", "notification"}, {"notification", inbox_item_json(item)}});
}

}  // namespace agora::notification
