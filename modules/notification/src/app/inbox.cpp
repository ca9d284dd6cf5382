#include "app/inbox.hpp"

#include "store/inbox_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::notification {

void Inbox::add(Tx& tx, const Message& m, const Rendered& r) {
  inbox_store::insert(tx.sql(), {.id = m.id,
                                 .user_id = *m.user_id,
                                 .template_name = m.template_name,
                                 .title = r.subject,
                                 .body = r.text,
                                 .data = m.data,
                                 .created_at = m.created_at});
  tx.announce({std::string(kInboxTopic), "added", *m.user_id});
}

InboxPage Inbox::list(const std::string& user_id, int limit, const std::string& cursor) {
  if (!cursor.empty() && !is_uuid(cursor))
    throw Error(ErrorKind::validation, "invalid cursor", {{"cursor", "is not a cursor this list gave"}});
  auto conn = db_.acquire();
  auto items = inbox_store::page(*conn, user_id, limit + 1, cursor);
  if (!items) throw Error(ErrorKind::validation, "invalid cursor", {{"cursor", "is not a cursor this list gave"}});
  InboxPage page{std::move(*items), "", inbox_store::unread(*conn, user_id)};
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

std::int64_t Inbox::unread(const std::string& user_id) {
  auto conn = db_.acquire();
  return inbox_store::unread(*conn, user_id);
}

void Inbox::mark_read(const std::string& user_id, const std::string& id) {
  if (!is_uuid(id)) throw Error(ErrorKind::not_found, "no notification " + id + " of yours");
  auto conn = db_.acquire();
  if (!inbox_store::mark_read(*conn, user_id, id, clock_.now()))
    throw Error(ErrorKind::not_found, "no notification " + id + " of yours");
}

std::int64_t Inbox::mark_all_read(const std::string& user_id) {
  auto conn = db_.acquire();
  return inbox_store::mark_all_read(*conn, user_id, clock_.now());
}

std::optional<InboxItem> Inbox::find(const std::string& user_id, const std::string& id) {
  if (!is_uuid(id)) return std::nullopt;
  auto conn = db_.acquire();
  return inbox_store::find(*conn, user_id, id);
}

std::vector<InboxItem> Inbox::stored_since(const std::string& user_id, Timestamp from, int limit) {
  auto conn = db_.acquire();
  return inbox_store::stored_since(*conn, user_id, from, limit);
}

Timestamp Inbox::database_now() {
  auto conn = db_.acquire();
  return inbox_store::database_now(*conn);
}

}  // namespace agora::notification
