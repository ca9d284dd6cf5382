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

void Destination::admit() {
  std::lock_guard lock(mutex_);
  const auto refuse = [&](const std::string& why) {
    refused_.inc();
    return Error(ErrorKind::unavailable, name_ + " is not called: " + why);
  };
  if (open_) {
    if (clock_.now() < open_until_) throw refuse("its circuit is open after failed calls");
    if (trial_out_) throw refuse("its circuit is half-open and a trial call is out");
    trial_out_ = true;  // this call is the trial
    show(CircuitState::half_open);
  }
  if (in_flight_ >= options_.max_in_flight) {
    if (open_) trial_out_ = false;
    throw refuse(std::to_string(in_flight_) + " calls are out already");
  }
  ++in_flight_;
}

void Destination::settle(bool failed) {
  std::lock_guard lock(mutex_);
  --in_flight_;
  (failed ? failed_ : answered_).inc();
  if (!failed) {
    failures_ = 0;
    if (open_ && trial_out_) {  // the trial answered: closed again
      open_ = trial_out_ = false;
      show(CircuitState::closed);
    }
    return;
  }
  ++failures_;
  const bool trial_failed = open_ && trial_out_;
  if (trial_failed || (!open_ && failures_ >= options_.failures_to_open)) {
    open_ = true;
    trial_out_ = false;
    open_until_ = clock_.now() + options_.open_for;
    show(CircuitState::open);
  }
}

Response Destination::send(const Request& request) {
  admit();
  try {
    auto answer = outbound::send(request);
    settle(answer.status >= 500);
    return answer;
  } catch (...) {
    settle(true);
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
