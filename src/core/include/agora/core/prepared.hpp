#pragma once
// Statements each connection prepares once and keeps, run in one round trip: no parsing again,
// and PostgreSQL may keep a generic plan. (A SOCI rowset prepares, runs and deallocates its
// statement every time: three round trips and a parse.) For the statements on the write path.
// Parameters are $1, $2, ... given as text (std::nullopt is NULL), typed by casts in the SQL;
// values come back as text.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_result;
namespace soci {
class session;
}

namespace agora::prepared {

using Param = std::optional<std::string>;

class Rows {
 public:
  explicit Rows(std::shared_ptr<pg_result> result) : result_(std::move(result)) {}
  int size() const;
  bool null(int row, int column) const;
  std::string_view text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  bool boolean(int row, int column) const;  // a boolean column ('t' or 'f')
  std::int64_t affected() const;            // rows an INSERT, UPDATE or DELETE changed

 private:
  std::shared_ptr<pg_result> result_;
};

// A PostgreSQL array literal of the values, each quoted: a parameter for CAST($n AS text[]) or
// uuid[], which plans as an index lookup ("= ANY") however many values it holds.
std::string array_literal(const std::vector<std::string>& values);

// Runs the statement on the session's connection, preparing it there first if it is new to it.
// Throws soci::postgresql_soci_error with the SQLSTATE, as SOCI does.
Rows run(soci::session& sql, std::string_view statement, const std::vector<Param>& params = {});

// The connection is closing: what it prepared goes with it.
void forget(soci::session& sql) noexcept;

}  // namespace agora::prepared
