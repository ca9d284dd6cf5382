#include <agora/core/error.hpp>
#include <agora/core/outbound.hpp>

namespace agora::outbound {

Destination::Destination(std::string name, DestinationOptions options, const Clock& clock, Metrics& metrics)
    : name_(std::move(name)),
      options_(options),
      clock_(clock),
      state_gauge_(metrics.gauge("agora_outbound_circuit_state",
                                 "a destination's circuit: 0 closed, 1 half-open (a trial call decides), 2 open",
                                 {{"destination", name_}})),
      in_flight_gauge_(
          metrics.gauge("agora_outbound_in_flight", "calls out to a destination now", {{"destination", name_}})),
      answered_(metrics.counter("agora_outbound_calls_total", "calls to outside services by outcome",
                                {{"destination", name_}, {"outcome", "answered"}})),
      failed_(metrics.counter("agora_outbound_calls_total", "calls to outside services by outcome",
                              {{"destination", name_}, {"outcome", "failed"}})),
      refused_(metrics.counter("agora_outbound_calls_total", "calls to outside services by outcome",
                               {{"destination", name_}, {"outcome", "refused"}})) {}

CircuitState Destination::state() const {
  std::lock_guard lock(mutex_);
  if (!open_) return CircuitState::closed;
  return clock_.now() < open_until_ ? CircuitState::open : CircuitState::half_open;
}

void Destination::show(CircuitState state) { state_gauge_.set(static_cast<double>(state)); }

bool Destination::admit() {
  std::lock_guard lock(mutex_);
  const auto refuse = [&](const std::string& why) {
    refused_.inc();
    return Error(ErrorKind::unavailable, name_ + " is not called: " + why);
  };
  if (in_flight_ >= options_.max_in_flight) throw refuse(std::to_string(in_flight_) + " calls are out already");
  bool trial = false;
  if (open_) {
    if (clock_.now() < open_until_) throw refuse("its circuit is open after failed calls");
    if (trial_out_) throw refuse("its circuit is half-open and a trial call is out");
    trial = trial_out_ = true;
    show(CircuitState::half_open);
  }
  in_flight_gauge_.set(++in_flight_);
  return trial;
}

// Only the trial decides a half-open circuit: a call that went out before the circuit opened and
// ends meanwhile changes nothing but the count of failures in a row.
void Destination::settle(bool trial, bool failed) {
  std::lock_guard lock(mutex_);
  in_flight_gauge_.set(--in_flight_);
  (failed ? failed_ : answered_).inc();
  failures_ = failed ? failures_ + 1 : 0;
  if (trial) {
    trial_out_ = false;
    open_ = failed;
  } else if (open_ || failures_ < options_.failures_to_open) {
    return;
  } else {
    open_ = true;
  }
  if (open_) open_until_ = clock_.now() + options_.open_for;
  show(open_ ? CircuitState::open : CircuitState::closed);
}

Response Destination::send(const Request& request) {
  const bool trial = admit();
  try {
    auto answer = outbound::send(request);
    settle(trial, answer.status >= 500);
    return answer;
  } catch (...) {
    settle(trial, true);
    throw;
  }
}

Destination& Destinations::get(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& d = by_name_[name];
  if (!d) d = std::make_unique<Destination>(name, options_, clock_, metrics_);
  return *d;
}

std::vector<std::string> Destinations::not_closed() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, d] : by_name_)
    if (const auto s = d->state(); s != CircuitState::closed)
      out.push_back(name + (s == CircuitState::open ? " (open)" : " (half-open)"));
  return out;
}

}  // namespace agora::outbound
