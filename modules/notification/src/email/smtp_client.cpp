#include "email/smtp_client.hpp"

#include "domain/mime.hpp"

#include <agora/core/config.hpp>

#include <curl/curl.h>

#include <cstring>
#include <memory>

namespace agora::notification {
namespace {

struct Upload {
  const std::string& bytes;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& u = *static_cast<Upload*>(user);
  const auto n = std::min(size * count, u.bytes.size() - u.sent);
  std::memcpy(buffer, u.bytes.data() + u.sent, n);
  u.sent += n;
  return n;
}

std::string url_of(const SmtpOptions& o) {
  const std::string scheme = o.tls == SmtpTls::implicit ? "smtps://" : "smtp://";
  // libcurl greets the server (EHLO) with the URL's path: the domain we send from.
  return scheme + o.host + ":" + std::to_string(o.port) + "/" + domain_of(o.from);
}

}  // namespace

SmtpTls smtp_tls_from(std::string_view text) {
  if (text == "none") return SmtpTls::none;
  if (text == "starttls") return SmtpTls::starttls;
  if (text == "implicit") return SmtpTls::implicit;
  throw ConfigError("config key notification.smtp.tls: none, starttls or implicit, not " + std::string(text));
}

SmtpClient::SmtpClient(SmtpOptions options) : options_(std::move(options)) {}

SmtpClient::~SmtpClient() {
  for (auto* handle : idle_) curl_easy_cleanup(handle);  // says QUIT on each open connection
}

Delivery SmtpClient::send(const std::string& to, const std::string& message, const std::string& message_id) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(nullptr, curl_easy_cleanup);
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      curl.reset(idle_.back());
      idle_.pop_back();
    }
  }
  if (!curl) curl.reset(curl_easy_init());
  if (!curl) return {Delivery::Outcome::temporary_failure, "", "libcurl could not start a transfer"};
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, to.c_str()),
                                                                         curl_slist_free_all);
  const auto url = url_of(options_);
  const auto from = "<" + address_of(options_.from) + ">";
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = {};
  auto* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  if (options_.tls == SmtpTls::starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);

  const auto result = curl_easy_perform(c);
  if (result == CURLE_OK) {
    // Kept with its connection for the next email (libcurl sends MAIL FROM on it again), without
    // pointers to this call's buffers.
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(c, CURLOPT_READDATA, nullptr);
    std::lock_guard lock(mutex_);
    idle_.push_back(curl.release());
    return {Delivery::Outcome::sent, message_id, ""};
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  auto reason = std::string(curl_easy_strerror(result)) + (error[0] ? std::string(": ") + error : "");
  if (code > 0) reason += " (SMTP " + std::to_string(code) + ")";
  // A login refused is the server's configuration, not the message's fault: it waits for a fix.
  const auto permanent = code >= 500 && result != CURLE_LOGIN_DENIED;
  const auto outcome = permanent ? Delivery::Outcome::permanent_failure : Delivery::Outcome::temporary_failure;
  return {outcome, "", reason};
}

}  // namespace agora::notification
