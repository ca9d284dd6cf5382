#pragma once
// One in-app message in a user's inbox, as the list and the live stream show it.
#include <agora/core/clock.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::notification {

struct InboxItem {
  std::string id;  // its message's id
  std::string user_id;
  std::string template_name;
  std::string title;
  std::string body;
  std::string data;  // the values it was rendered with, a JSON object
  Timestamp created_at;
  Timestamp stored_at;  // by the database's clock, for the live stream
  std::optional<Timestamp> read_at;
};

struct InboxPage {
  std::vector<InboxItem> items;  // newest first
  std::string next_cursor;       // "" on the last page
  std::int64_t unread = 0;
};

}  // namespace agora::notification
