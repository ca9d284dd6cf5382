#include "db/native.hpp"

#include <agora/core/prepared.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace agora::prepared {
namespace {

// What each open connection has prepared, by its libpq handle and server process (a handle's
// address may be reused by a later connection, never with the same server process at once).
struct Registry {
  std::mutex mutex;
  std::unordered_map<PGconn*, std::pair<int, std::unordered_set<std::string>>> prepared;
};
Registry& registry() {
  static Registry r;
  return r;
}

std::string name_of(std::string_view statement) {
  return "agora_" + std::to_string(std::hash<std::string_view>{}(statement));
}

[[noreturn]] void fail(PGconn* conn, PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(what) + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  std::string sqlstate = state ? state : "08006";  // no result: the connection failed
  if (result) PQclear(result);
  throw soci::postgresql_soci_error(message, sqlstate.c_str());
}

bool is_new(PGconn* conn, const std::string& name) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto& [pid, names] = r.prepared[conn];
  if (pid != PQbackendPID(conn)) {
    pid = PQbackendPID(conn);
    names.clear();
  }
  return !names.contains(name);
}

void remember(PGconn* conn, const std::string& name) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.prepared[conn].second.insert(name);
}

std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

[[noreturn]] void unreadable(std::string_view what, std::string_view text) {
  throw std::runtime_error("not " + std::string(what) + ": " + std::string(text));
}

// Digits at text[at, at + n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

}  // namespace

std::string timestamptz_text(Timestamp t) {
  using namespace std::chrono;
  const auto us = floor<microseconds>(t);
  const auto day = floor<days>(us);
  const year_month_day ymd{day};
  const hh_mm_ss hms{us - day};
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u %02d:%02d:%02d.%06lld+00", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<long long>(hms.subseconds().count()));
  return out;
}

Param::Param(const std::vector<std::string>& v) : text_(array_literal(v)) {}

void read(std::string_view text, std::string& out) { out.assign(text); }

void read(std::string_view text, bool& out) {
  if (text != "t" && text != "f") unreadable("a boolean", text);
  out = text == "t";
}

void read(std::string_view text, double& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc{} || end != text.data() + text.size()) unreadable("a number", text);
}

// PostgreSQL's ISO output of a timestamptz: 2026-12-02 18:15:11.123456+00 (the fraction and the
// offset's minutes and seconds only when not zero).
void read(std::string_view text, Timestamp& out) {
  using namespace std::chrono;
  const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const int h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || text[4] != '-' || text[7] != '-' || text[10] != ' ' ||
      text[13] != ':' || text[16] != ':')
    unreadable("a timestamp", text);
  std::size_t at = 19;
  long long micro = 0;
  if (at < text.size() && text[at] == '.') {
    int places = 0;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++places)
      if (places < 6) micro = micro * 10 + (text[at] - '0');
    for (; places < 6; ++places) micro *= 10;
  }
  if (at >= text.size() || (text[at] != '+' && text[at] != '-')) unreadable("a timestamp with an offset", text);
  const int sign = text[at] == '-' ? -1 : 1;
  int offset = 0;
  for (int unit = 3600; unit >= 1 && at < text.size(); unit /= 60) {
    const int v = digits(text, at + 1, 2);
    if (v < 0) unreadable("a timestamp with an offset", text);
    offset += v * unit;
    at += 3;
    if (at < text.size() && text[at] != ':') break;
  }
  if (at != text.size()) unreadable("a timestamp", text);
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) unreadable("a date", text);
  out = Timestamp(duration_cast<Timestamp::duration>(sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} +
                                                     seconds{s} + microseconds{micro} - seconds{sign * offset}));
}

// PostgreSQL's output of a one-dimensional array: {a,"b c",NULL,"with \"quote\""}.
void read(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') unreadable("an array", text);
  std::size_t at = 1;
  const std::size_t end = text.size() - 1;
  while (at < end) {
    std::string item;
    if (text[at] == '"') {
      for (++at; at < end && text[at] != '"'; ++at) {
        if (text[at] == '\\') ++at;
        if (at < end) item += text[at];
      }
      if (at >= end) unreadable("an array", text);
      ++at;
    } else {
      const auto comma = text.find(',', at);
      const auto stop = comma == std::string_view::npos || comma > end ? end : comma;
      item.assign(text.substr(at, stop - at));
      if (item == "NULL") unreadable("an array without NULLs", text);
      at = stop;
    }
    out.push_back(std::move(item));
    if (at < end && text[at++] != ',') unreadable("an array", text);
  }
}

int Rows::size() const { return PQntuples(result_.get()); }

bool Rows::null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Rows::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

int Rows::index_of(std::string_view column) const {
  if (names_.empty())  // read once: rows are read by column name, many columns per row
    for (int i = 0, n = PQnfields(result_.get()); i < n; ++i) names_.emplace_back(PQfname(result_.get(), i));
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == column) return static_cast<int>(i);
  throw std::logic_error("the statement returns no column " + std::string(column));
}

void Rows::null_value(int column) const {
  throw std::logic_error("column " + std::string(PQfname(result_.get(), column)) + " is NULL");
}

std::int64_t Rows::affected() const {
  const char* n = PQcmdTuples(result_.get());
  std::int64_t v = 0;
  std::from_chars(n, n + std::strlen(n), v);
  return v;
}

Rows run(soci::session& sql, std::string_view statement, const std::vector<Param>& params) {
  PGconn* conn = native_connection(sql);
  const auto name = name_of(statement);
  if (is_new(conn, name)) {
    PGresult* made = PQprepare(conn, name.c_str(), std::string(statement).c_str(), 0, nullptr);
    if (!made || PQresultStatus(made) != PGRES_COMMAND_OK) fail(conn, made, "cannot prepare a statement");
    PQclear(made);
    remember(conn, name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* result =
      PQexecPrepared(conn, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(conn, result, "statement failed");
  return Rows(std::shared_ptr<pg_result>(result, PQclear));
}

CopyRows& CopyRows::field(std::string_view value) {
  if (row_started_) text_ += '\t';
  row_started_ = true;
  for (const char c : value) {
    switch (c) {
      case '\\':
        text_ += "\\\\";
        break;
      case '\t':
        text_ += "\\t";
        break;
      case '\n':
        text_ += "\\n";
        break;
      case '\r':
        text_ += "\\r";
        break;
      default:
        text_ += c;
    }
  }
  return *this;
}

CopyRows& CopyRows::field(std::int64_t value) { return field(std::to_string(value)); }

void CopyRows::end_row() {
  text_ += '\n';
  row_started_ = false;
}

void copy(soci::session& sql, std::string_view target, const CopyRows& rows) {
  PGconn* conn = native_connection(sql);
  PGresult* started = PQexec(conn, ("COPY " + std::string(target) + " FROM STDIN").c_str());
  if (!started || PQresultStatus(started) != PGRES_COPY_IN) fail(conn, started, "cannot start a COPY");
  PQclear(started);
  const auto& text = rows.text();
  const bool sent = PQputCopyData(conn, text.data(), static_cast<int>(text.size())) == 1;
  // Ending it with an error message makes the server refuse the rows sent. When even the end cannot
  // be sent, the connection is broken: its pool replaces it.
  if (PQputCopyEnd(conn, sent ? nullptr : "the rows could not be sent") != 1) fail(conn, nullptr, "COPY failed");
  // Every result is read, so that the connection is ready for the next statement.
  PGresult* failed = nullptr;
  while (PGresult* r = PQgetResult(conn)) {
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && !failed)
      failed = r;
    else
      PQclear(r);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_BOTH) break;  // still copying: never ends
  }
  if (failed || !sent) fail(conn, failed, "COPY failed");
}

void forget(soci::session& sql) noexcept {
  PGconn* conn = native_connection(sql);
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.prepared.erase(conn);
}

}  // namespace agora::prepared
