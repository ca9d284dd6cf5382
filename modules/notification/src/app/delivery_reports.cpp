#include "app/delivery_reports.hpp"

#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>

namespace agora::notification {

DeliveryReports::Result DeliveryReports::record(std::string_view channel, const std::string& provider_id,
                                                const DeliveryReport& report) {
  const std::string channel_name(channel);
  const auto result = db_.transact([&](Tx& tx) {
    const auto m = message_store::lock_by_provider_id(tx.sql(), channel_name, provider_id);
    if (!m) return Result::unknown_message;
    const auto after = after_report(*m, report, clock_.now());
    if (!after) return Result::unchanged;
    message_store::record_report(tx.sql(), *after);
    return Result::recorded;
  });
  const auto outcome = report.outcome == DeliveryReport::Outcome::delivered ? "delivered" : "failed";
  if (result == Result::recorded)
    metrics_
        .counter("agora_notification_reports_total", "Provider reports recorded, by channel and outcome",
                 {{"channel", channel_name}, {"outcome", outcome}})
        .inc();
  if (result == Result::recorded && report.outcome == DeliveryReport::Outcome::failed)
    log::warn("notification: a message the provider took was not delivered",
              {{"channel", channel_name}, {"provider_id", provider_id}, {"error", report.error}});
  if (result == Result::unknown_message)
    log::warn("notification: a provider reported on a message not known here",
              {{"channel", channel_name}, {"provider_id", provider_id}, {"outcome", outcome}});
  return result;
}

}  // namespace agora::notification
