#pragma once
// The in-app inbox: a user's in-app messages, stored in the transaction of the event that caused
// them and announced to every instance (topic kInboxTopic, key = user id) for the live stream;
// listed, counted and marked read by their user only.
#include "domain/inbox_item.hpp"
#include "domain/message.hpp"
#include "domain/template.hpp"

#include <agora/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora {
class Database;
class Tx;
}  // namespace agora

namespace agora::notification {

// What every instance hears when a user's inbox gets an item (a Watch on this topic).
inline constexpr std::string_view kInboxTopic = "notification.inbox";

class Inbox {
 public:
  Inbox(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  // Stores the in-app message `m` (its user's) as rendered.
  void add(Tx& tx, const Message& m, const Rendered& r);
  // Error{validation} for a cursor that is none of the user's items.
  InboxPage list(const std::string& user_id, int limit, const std::string& cursor);
  std::int64_t unread(const std::string& user_id);
  // Error{not_found} unless the user has the item (another user's is not found either).
  void mark_read(const std::string& user_id, const std::string& id);
  std::int64_t mark_all_read(const std::string& user_id);

  // For the live stream: the user's item `id` (nullopt when it is none of theirs), the user's items
  // stored after `from` by the database's clock (oldest first), and that clock now.
  std::optional<InboxItem> find(const std::string& user_id, const std::string& id);
  std::vector<InboxItem> stored_since(const std::string& user_id, Timestamp from, int limit);
  Timestamp database_now();

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace agora::notification
