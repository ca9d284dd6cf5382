#pragma once
// How stores talk to PostgreSQL: statements that read as SQL, typed values in and out.
//
// Each connection prepares a statement once and keeps it, so a run is one round trip and
// PostgreSQL may keep a generic plan. (A SOCI rowset prepares, runs and deallocates its statement
// every time: three round trips and a parse.) Parameters are $1, $2, ... given as typed values
// (Param); PostgreSQL infers their types from where they stand, so `WHERE id = $1` compares a
// uuid and `expires_at <= $2` a timestamptz with no cast. Results are read by column name into
// typed values (Rows::get), or whole into a struct described with BOOST_DESCRIBE_STRUCT whose
// members name the columns (Rows::as).
#include <agora/core/clock.hpp>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct pg_result;
namespace soci {
class session;
}

namespace agora::prepared {

// A timestamp as PostgreSQL reads a timestamptz, to the microsecond: 2026-12-02 18:15:11.123456+00
// (for a parameter, or a field of rows sent as one jsonb array and read with jsonb_to_recordset).
std::string timestamptz_text(Timestamp t);

// A statement's parameter as PostgreSQL reads it: text, or NULL.
class Param {
 public:
  Param(std::nullopt_t) {}
  Param(std::string v) : text_(std::move(v)) {}
  Param(std::string_view v) : text_(std::string(v)) {}
  Param(const char* v) : text_(std::string(v)) {}
  Param(bool v) : text_(v ? "t" : "f") {}
  template <std::integral I>
  requires(!std::same_as<I, bool> && !std::same_as<I, char>) Param(I v) : text_(std::to_string(v)) {}
  Param(Timestamp t) : text_(timestamptz_text(t)) {}
  Param(const std::vector<std::string>& v);  // an array: CAST($n AS text[]) or uuid[]
  template <class E>
  requires boost::describe::has_describe_enumerators<E>::value Param(E e)
      : text_(std::string(boost::describe::enum_to_string(e, "?"))) {}
  template <class T>
  Param(const std::optional<T>& v) : Param(v ? Param(*v) : Param(std::nullopt)) {}

  const char* c_str() const { return text_ ? text_->c_str() : nullptr; }

 private:
  std::optional<std::string> text_;
};

// Values read from a column's text (PostgreSQL's text output). Throw std::runtime_error when the
// text is not such a value.
void read(std::string_view text, std::string& out);
void read(std::string_view text, bool& out);  // 't' or 'f'
template <std::integral I>
requires(!std::same_as<I, bool>) void read(std::string_view text, I& out);
void read(std::string_view text, double& out);
void read(std::string_view text, Timestamp& out);
void read(std::string_view text, std::vector<std::string>& out);  // a one-dimensional array
template <class E>
requires boost::describe::has_describe_enumerators<E>::value void read(std::string_view text, E& out);

template <class T>
concept Readable = requires(std::string_view text, T& out) {
  read(text, out);
};

class Rows {
 public:
  explicit Rows(std::shared_ptr<pg_result> result) : result_(std::move(result)) {}
  int size() const;
  bool empty() const { return size() == 0; }
  std::int64_t affected() const;  // rows an INSERT, UPDATE or DELETE changed

  // The column named `column` of row `row` as a T; an optional T is empty for NULL, and NULL for
  // any other T throws. A column the statement does not return is a std::logic_error.
  template <class T>
  T get(int row, std::string_view column) const {
    return get<T>(row, index_of(column));
  }
  template <class T>
  T get(int row, int column) const;
  bool null(int row, std::string_view column) const { return null(row, index_of(column)); }
  bool null(int row, int column) const;
  std::string_view text(int row, int column) const;  // valid while the Rows are

  // Row `row` as a T, each described member from the column of its name. Members of types that
  // cannot be read from one column (nested lists, ...) are left for the caller; a readable member
  // with no column is a std::logic_error, so a misspelt alias cannot leave a field empty.
  template <class T>
  T as(int row) const;
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(size()));
    for (int i = 0; i < size(); ++i) out.push_back(as<T>(i));
    return out;
  }

 private:
  template <class T>
  struct IsOptional : std::false_type {
    using value_type = T;
  };
  template <class T>
  struct IsOptional<std::optional<T>> : std::true_type {
    using value_type = T;
  };

  int index_of(std::string_view column) const;  // throws std::logic_error when absent
  [[noreturn]] void null_value(int column) const;

  std::shared_ptr<pg_result> result_;
  mutable std::vector<std::string_view> names_;  // the columns' names, in the result's storage
};

// Runs the statement on the session's connection, preparing it there first if it is new to it.
// Throws soci::postgresql_soci_error with the SQLSTATE, as SOCI does.
Rows run(soci::session& sql, std::string_view statement, const std::vector<Param>& params = {});

// Rows for copy(), in COPY's text format: a field per column, in the target's column order.
class CopyRows {
 public:
  CopyRows& field(std::string_view value);  // never NULL
  CopyRows& field(std::int64_t value);
  void end_row();
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool row_started_ = false;
};

// Writes the rows with COPY ... FROM STDIN: for many rows at once, far cheaper than INSERT (no
// statement to take apart per row). `target`: the table and its columns, "schema.table (a, b)".
// Throws soci::postgresql_soci_error with the SQLSTATE, as run() does.
void copy(soci::session& sql, std::string_view target, const CopyRows& rows);

// The connection is closing: what it prepared goes with it.
void forget(soci::session& sql) noexcept;

template <std::integral I>
requires(!std::same_as<I, bool>) void read(std::string_view text, I& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc{} || end != text.data() + text.size())
    throw std::runtime_error("not an integer in range: " + std::string(text));
}

template <class E>
requires boost::describe::has_describe_enumerators<E>::value void read(std::string_view text, E& out) {
  if (!boost::describe::enum_from_string(std::string(text).c_str(), out))
    throw std::runtime_error("not a known value: " + std::string(text));
}

template <class T>
T Rows::get(int row, int column) const {
  if constexpr (IsOptional<T>::value) {
    if (null(row, column)) return std::nullopt;
    return get<typename T::value_type>(row, column);
  } else {
    if (null(row, column)) null_value(column);
    T out{};
    read(text(row, column), out);
    return out;
  }
}

template <class T>
T Rows::as(int row) const {
  T out{};
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    using M = std::remove_cvref_t<decltype(out.*member.pointer)>;
    if constexpr (Readable<typename IsOptional<M>::value_type>) {
      out.*member.pointer = get<M>(row, index_of(member.name));
    }
  });
  return out;
}

}  // namespace agora::prepared
