#include "http/delivery_json.hpp"

#include "domain/channels.hpp"

#include <agora/core/ids.hpp>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <algorithm>

namespace agora::notification {
namespace {

template <class T>
boost::json::value nullable(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::value nullable(const std::optional<Timestamp>& t) {
  return t ? boost::json::value(to_rfc3339(*t)) : boost::json::value(nullptr);
}

}  // namespace

MessageQuery message_query(const http::Request& req) {
  MessageFilter f;
  std::vector<FieldError> errors;
  const auto param = [&](std::string_view name) -> std::optional<std::string> {
    const auto v = req.query_param(name);
    if (!v || v->empty()) return std::nullopt;
    if (v->size() > 320) {
      errors.push_back({std::string(name), "is too long"});
      return std::nullopt;
    }
    return std::string(*v);
  };
  if (const auto s = param("status")) {
    Status status{};
    if (boost::describe::enum_from_string(s->c_str(), status))
      f.status = status;
    else
      errors.push_back({"status", "must be one of queued, sending, sent, delivered, failed, bounced"});
  }
  f.channel = param("channel");
  if (f.channel && std::find(std::begin(kChannels), std::end(kChannels), *f.channel) == std::end(kChannels))
    errors.push_back({"channel", "must be one of email, sms, push, in_app"});
  f.template_name = param("template");
  f.recipient = param("recipient");
  f.user_id = param("user_id");
  if (f.user_id && !is_uuid(*f.user_id)) errors.push_back({"user_id", "is not a user id"});
  const auto page = page_query(req, errors);
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid message query", std::move(errors));
  return {std::move(f), page};
}

boost::json::object message_json(const Message& m) {
  return {{"id", m.id},
          {"channel", m.channel},
          {"recipient", m.recipient},
          {"user_id", nullable(m.user_id)},
          {"template", m.template_name},
          {"locale", m.locale},
          {"event_id", m.event_id},
          {"event_type", m.event_type},
          {"status", boost::describe::enum_to_string(m.status, "unknown")},
          {"attempts", m.attempts},
          {"subject", nullable(m.subject)},
          {"provider_id", nullable(m.provider_id)},
          {"last_error", nullable(m.last_error)},
          {"created_at", to_rfc3339(m.created_at)},
          {"sent_at", nullable(m.sent_at)},
          {"delivered_at", nullable(m.delivered_at)}};
}

boost::json::object message_page_json(const MessagePage& page) {
  boost::json::array items;
  for (const auto& m : page.items) items.push_back(message_json(m));
  return {
      {"items", std::move(items)},
      {"next_cursor", page.next_cursor.empty() ? boost::json::value(nullptr) : boost::json::value(page.next_cursor)}};
}

}  // namespace agora::notification
