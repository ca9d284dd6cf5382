#pragma once
// Calls to services outside Agora over HTTP(S), through libcurl: the ECB's rates, an external
// issuer's JWKS, and the payment and notification providers as they come. Each service is a
// Destination with bounded calls at once and a circuit breaker. The timeout bounds the whole call,
// name resolution included (libcurl resolves on its own thread).
#include <agora/core/clock.hpp>
#include <agora/core/metrics.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::outbound {

struct Request {
  std::string method = "GET";
  std::string url;                                           // http:// or https:// only
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given (with a body: its Content-Type)
  std::string body;                                          // a POST's always; other methods' when not empty
  std::chrono::milliseconds timeout{5000};
  std::size_t max_body = 4 << 20;  // a longer answer fails the call
  long max_redirects = 0;          // redirects followed
};

struct Response {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // of the last answer; names in lower case
  std::string body;

  std::optional<std::string> header(std::string_view lower_case_name) const;
};

// Throws Error{unavailable} naming the URL when no answer came: refused, reset, timed out, or
// longer than max_body. An answer of any status is returned.
Response send(const Request& request);

// How every destination is guarded ([outbound] in the config).
struct DestinationOptions {
  int max_in_flight = 16;                      // calls at once; one more fails at once
  int failures_to_open = 5;                    // failed calls in a row open the circuit
  std::chrono::milliseconds open_for{30'000};  // then one trial call is let through (half-open)
};

enum class CircuitState { closed, half_open, open };

// One outside service (the ECB, an issuer's JWKS, a payment provider): every call to it goes
// through here. A call fails when no answer comes or the answer is a 5xx; failures_to_open in a
// row open the circuit, and while it is open calls fail at once with Error{unavailable} naming the
// destination, so that a service that is down does not hold Agora's threads for its timeouts.
// After open_for, one trial call decides: answered, the circuit closes; failed, it opens again.
class Destination {
 public:
  Destination(std::string name, DestinationOptions options, const Clock& clock, Metrics& metrics);
  Response send(const Request& request);
  CircuitState state() const;
  const std::string& name() const { return name_; }

 private:
  bool admit();  // true: this call is the half-open circuit's trial; throws when the call may not go out
  void settle(bool trial, bool failed);
  void show(CircuitState state);  // in the gauge

  const std::string name_;
  const DestinationOptions options_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  int in_flight_ = 0;
  int failures_ = 0;  // in a row
  bool open_ = false;
  bool trial_out_ = false;  // the half-open circuit's trial call is out
  Timestamp open_until_{};
  Gauge& state_gauge_;
  Gauge& in_flight_gauge_;
  Counter &answered_, &failed_, &refused_;
};

// The destinations of this process by name, made on first use. Their circuits are in /metrics
// (agora_outbound_circuit_state: 0 closed, 1 half-open, 2 open; agora_outbound_in_flight;
// agora_outbound_calls_total by outcome: answered, failed, refused while open or full), and the App
// names those not closed in
// /health/ready's notes without making the instance unready.
class Destinations {
 public:
  Destinations(DestinationOptions options, const Clock& clock, Metrics& metrics)
      : options_(options), clock_(clock), metrics_(metrics) {}
  Destination& get(const std::string& name);
  std::vector<std::string> not_closed() const;  // names, with their state: "ecb (open)"

 private:
  const DestinationOptions options_;
  const Clock& clock_;
  Metrics& metrics_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Destination>, std::less<>> by_name_;
};

}  // namespace agora::outbound
