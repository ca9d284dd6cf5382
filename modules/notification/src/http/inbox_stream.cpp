#include "http/inbox_stream.hpp"

#include "http/inbox_json.hpp"

#include <agora/core/log.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace agora::notification {
namespace {

// An item is found by when the database stored it, looking back this far: an item stored a moment
// before another but committed after it is still found.
constexpr auto kLookBack = std::chrono::seconds(5);
// Items read per pass; a connection that missed more than kMaxPasses passes' worth is told to
// reload its list ({"type": "gap"}) and goes on from now.
constexpr int kBatch = 500;
constexpr int kMaxPasses = 4;

std::string frame(std::string_view type, boost::json::object fields = {}) {
  fields["type"] = type;
  return boost::json::serialize(fields);
}

}  // namespace

InboxStream::InboxStream(Inbox& inbox, int threads)
    : inbox_(inbox),
      queue_(
          threads, [this](const std::string& user_id) { refresh(user_id); },
          [](const std::string& user_id, const std::exception& e) {
            // The next notice for the user catches the connection up.
            log::warn("notification: a live inbox could not catch up",
                      {{"user_id", user_id}, {"error", log::describe(e)}});
          }) {}

http::WebSocketCallbacks InboxStream::connect(const std::string& user_id, const std::optional<std::string>& after,
                                              std::shared_ptr<http::WebSocket> ws) {
  auto c = std::make_shared<Connection>();
  c->user_id = user_id;
  c->ws = ws;
  // Registered before its starting point is read, locked until then: a notice in between waits for
  // the lock and then finds what was stored after that point.
  std::unique_lock lock(c->mutex);
  {
    std::lock_guard users(mutex_);
    by_user_.emplace(user_id, c);
  }
  try {
    if (after) {
      ws->send(frame("hello", {{"unread", inbox_.unread(user_id)}}));
      const auto seen = inbox_.find(user_id, *after);
      if (!seen) {
        ws->send(frame("error", {{"detail", "after: no such notification of yours"}}));
        ws->close();
      } else {
        c->high_water = seen->stored_at;
        c->sent.emplace(seen->id, seen->stored_at);
        catch_up(*c);
      }
    } else {
      // From now: what was stored within the look-back before is the client's already (its list
      // has it), read before the hello, so that whatever commits after reaches the stream. The
      // unread count, read after, may count one of those too: it never misses one.
      c->high_water = inbox_.database_now();
      for (const auto& item : inbox_.stored_since(user_id, c->high_water - kLookBack, kBatch))
        c->sent.emplace(item.id, item.stored_at);
      ws->send(frame("hello", {{"unread", inbox_.unread(user_id)}}));
    }
  } catch (...) {
    remove(c);
    throw;
  }
  return {.on_message = [](std::string_view) {},  // the client only listens; marking read is the REST API's
          .on_close =
              [this, weak = std::weak_ptr(c)] {
                if (auto c = weak.lock()) remove(c);
              }};
}

void InboxStream::stop() {
  queue_.stop();
  std::lock_guard lock(mutex_);
  by_user_.clear();
}

void InboxStream::changed(const std::string& user_id) {
  {
    std::lock_guard lock(mutex_);
    if (!by_user_.contains(user_id)) return;
  }
  queue_.submit(user_id, user_id);
}

void InboxStream::changed_all() {
  std::vector<std::string> users;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [user_id, _] : by_user_) users.push_back(user_id);
  }
  for (const auto& u : users) queue_.submit(u, u);
}

void InboxStream::refresh(const std::string& user_id) {
  std::vector<std::shared_ptr<Connection>> connections;
  {
    std::lock_guard lock(mutex_);
    const auto [first, last] = by_user_.equal_range(user_id);
    for (auto it = first; it != last; ++it) connections.push_back(it->second);
  }
  for (const auto& c : connections) {
    std::lock_guard lock(c->mutex);
    catch_up(*c);
  }
}

void InboxStream::catch_up(Connection& c) {
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    const auto items = inbox_.stored_since(c.user_id, c.high_water - kLookBack, kBatch);
    bool fresh = false;
    for (const auto& item : items) {
      if (!c.sent.emplace(item.id, item.stored_at).second) continue;
      fresh = true;
      c.ws->send(notification_frame(item));
      c.high_water = std::max(c.high_water, item.stored_at);
    }
    std::erase_if(c.sent, [&](const auto& entry) { return entry.second < c.high_water - 2 * kLookBack; });
    if (items.size() < static_cast<std::size_t>(kBatch) || !fresh) return;
  }
  c.ws->send(frame("gap", {{"detail", "more was missed than is sent at once: reload the list"}}));
  c.high_water = inbox_.database_now();
}

void InboxStream::remove(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mutex_);
  const auto [first, last] = by_user_.equal_range(c->user_id);
  for (auto it = first; it != last; ++it)
    if (it->second == c) {
      by_user_.erase(it);
      return;
    }
}

}  // namespace agora::notification
