#pragma once
// Records what a provider reports of messages it took (an SMS's status callback): the message it
// knows by its id moves on to delivered or failed, once; a report that arrives again changes nothing.
#include "domain/delivery_report.hpp"

#include <agora/core/clock.hpp>

#include <string>
#include <string_view>

namespace agora {
class Database;
class Metrics;
}  // namespace agora

namespace agora::notification {

class DeliveryReports {
 public:
  enum class Result { recorded, unchanged, unknown_message };

  DeliveryReports(Database& db, const Clock& clock, Metrics& metrics) : db_(db), clock_(clock), metrics_(metrics) {}
  // The report of the message on `channel` the provider knows by `provider_id`.
  Result record(std::string_view channel, const std::string& provider_id, const DeliveryReport& report);

 private:
  Database& db_;
  const Clock& clock_;
  Metrics& metrics_;
};

}  // namespace agora::notification
