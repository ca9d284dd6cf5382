// Metrics registry and the Prometheus text exposition format 0.0.4.
#include <agora/core/metrics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <variant>

namespace agora {

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  std::sort(bounds_.begin(), bounds_.end());
}

void Histogram::observe(double v) {
  const auto i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::cumulative() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) out[i] = running += buckets_[i].load(std::memory_order_relaxed);
  return out;
}

std::vector<double> latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

namespace {

std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

std::string render_labels(const Labels& labels, const std::string& extra = {}) {
  if (labels.empty() && extra.empty()) return {};
  std::string out = "{";
  for (const auto& [k, v] : labels) {
    if (out.size() > 1) out += ",";
    out += k + "=\"" + escape(v) + "\"";
  }
  if (!extra.empty()) out += (out.size() > 1 ? "," : "") + extra;
  return out + "}";
}

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    return std::to_string(static_cast<long long>(v));
  return fmt::format("{}", v);
}

}  // namespace

struct Metrics::Family {
  std::string name;
  std::string help;
  std::string type;
  struct Series {
    Labels labels;
    std::variant<std::unique_ptr<Counter>, std::unique_ptr<Gauge>, std::unique_ptr<Histogram>, std::function<double()>>
        value;
  };
  std::map<std::string, Series> series;  // keyed by rendered labels
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics::Family& Metrics::family(std::string_view name, std::string_view help, std::string_view type) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    auto f = std::make_unique<Family>();
    f->name = name;
    f->help = help;
    f->type = type;
    it = families_.emplace(std::string(name), std::move(f)).first;
  }
  return *it->second;
}

Counter& Metrics::counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& s = family(name, help, "counter").series[render_labels(labels)];
  if (!std::holds_alternative<std::unique_ptr<Counter>>(s.value) || !std::get<0>(s.value)) {
    s.labels = labels;
    s.value = std::make_unique<Counter>();
  }
  return *std::get<std::unique_ptr<Counter>>(s.value);
}

Gauge& Metrics::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& s = family(name, help, "gauge").series[render_labels(labels)];
  if (!std::holds_alternative<std::unique_ptr<Gauge>>(s.value)) {
    s.labels = labels;
    s.value = std::make_unique<Gauge>();
  }
  return *std::get<std::unique_ptr<Gauge>>(s.value);
}

Histogram& Metrics::histogram(std::string_view name, std::string_view help, const Labels& labels,
                              std::vector<double> bounds) {
  std::lock_guard lock(mutex_);
  auto& s = family(name, help, "histogram").series[render_labels(labels)];
  if (!std::holds_alternative<std::unique_ptr<Histogram>>(s.value)) {
    s.labels = labels;
    s.value = std::make_unique<Histogram>(std::move(bounds));
  }
  return *std::get<std::unique_ptr<Histogram>>(s.value);
}

void Metrics::gauge_fn(std::string_view name, std::string_view help, const Labels& labels,
                       std::function<double()> read) {
  std::lock_guard lock(mutex_);
  auto& s = family(name, help, "gauge").series[render_labels(labels)];
  s.labels = labels;
  s.value = std::move(read);
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, f] : families_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f->help, name, f->type);
    for (const auto& [key, s] : f->series) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::unique_ptr<Counter>> || std::is_same_v<T, std::unique_ptr<Gauge>>) {
              out += name + key + " " + number(v->value()) + "\n";
            } else if constexpr (std::is_same_v<T, std::function<double()>>) {
              out += name + key + " " + number(v()) + "\n";
            } else {
              const auto counts = v->cumulative();
              for (std::size_t i = 0; i < v->bounds().size(); ++i)
                out += name + "_bucket" + render_labels(s.labels, "le=\"" + number(v->bounds()[i]) + "\"") + " " +
                       std::to_string(counts[i]) + "\n";
              out += name + "_bucket" + render_labels(s.labels, "le=\"+Inf\"") + " " + std::to_string(counts.back()) +
                     "\n";
              out += name + "_sum" + key + " " + number(v->sum()) + "\n";
              out += name + "_count" + key + " " + std::to_string(v->count()) + "\n";
            }
          },
          s.value);
    }
  }
  return out;
}

}  // namespace agora
