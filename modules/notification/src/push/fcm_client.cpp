#include "push/fcm_client.hpp"

#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace agora::notification {
namespace {

using Kind = FcmResult::Kind;

const boost::json::value* at(const boost::json::value* v, std::string_view key) {
  if (!v || !v->is_object()) return nullptr;
  return v->get_object().if_contains(key);
}

std::string text(const boost::json::value* v) { return v && v->is_string() ? std::string(v->get_string()) : ""; }

// The errorCode of the FcmError among the error's details, and whether a BadRequest among them
// names the token as the field at fault.
struct Details {
  std::string error_code;
  bool token_at_fault = false;
};

Details details_of(const boost::json::value* error) {
  Details d;
  const auto* details = at(error, "details");
  if (!details || !details->is_array()) return d;
  for (const auto& detail : details->get_array()) {
    if (const auto code = text(at(&detail, "errorCode")); !code.empty()) d.error_code = code;
    if (const auto* violations = at(&detail, "fieldViolations"); violations && violations->is_array())
      for (const auto& v : violations->get_array())
        if (text(at(&v, "field")) == "message.token") d.token_at_fault = true;
  }
  return d;
}

}  // namespace

FcmResult fcm_result(long status, const std::string& body) {
  boost::system::error_code parse_error;
  const auto json = boost::json::parse(body, parse_error);
  const auto* root = parse_error ? nullptr : &json;
  if (status == 200) {
    auto name = text(at(root, "name"));
    if (!name.empty()) return {Kind::accepted, std::move(name)};
    return {Kind::temporary, "200 without a message name"};
  }
  const auto* error = at(root, "error");
  const auto state = text(at(error, "status"));
  const auto details = details_of(error);
  auto why = std::to_string(status);
  for (const auto& part : {state, details.error_code})
    if (!part.empty() && why.find(part) == std::string::npos) why += " " + part;
  if (const auto message = text(at(error, "message")); !message.empty()) why += ": " + message;

  // Only FCM's word on the token removes it: a bare 404 (a wrong base URL or project) must not.
  if ((status == 404 && details.error_code == "UNREGISTERED") ||
      (status == 400 && state == "INVALID_ARGUMENT" && details.token_at_fault))
    return {Kind::token_gone, why};
  if (status == 401 || status == 429 || status >= 500) return {Kind::temporary, why};
  if (status >= 400) return {Kind::permanent, why};
  return {Kind::temporary, why};  // a 1xx or 3xx FCM does not send: try again
}

FcmClient::FcmClient(std::string api_base_url, std::string project_id, outbound::Destination& fcm,
                     AccessTokenSource& tokens, std::chrono::milliseconds timeout)
    : url_(std::move(api_base_url) + "/v1/projects/" + project_id + "/messages:send"),
      fcm_(fcm),
      tokens_(tokens),
      timeout_(timeout) {}

FcmResult FcmClient::send(const std::string& token, const FcmMessage& message) {
  boost::json::object data;
  for (const auto& [key, value] : message.data) data[key] = value;
  const auto body = boost::json::serialize(boost::json::object{
      {"message",
       {{"token", token}, {"notification", {{"title", message.title}, {"body", message.body}}}, {"data", data}}}});
  const auto access = tokens_.token();
  outbound::Response response;
  try {
    response = fcm_.send(
        {.method = "POST",
         .url = url_,
         .headers = {{"Authorization", "Bearer " + access}, {"Content-Type", "application/json; charset=utf-8"}},
         .body = body,
         .timeout = timeout_});
  } catch (const std::exception& e) {
    return {Kind::temporary, log::describe(e)};
  }
  auto result = fcm_result(response.status, response.body);
  if (response.status == 401) tokens_.forget(access);  // expired or revoked before we thought
  return result;
}

}  // namespace agora::notification
