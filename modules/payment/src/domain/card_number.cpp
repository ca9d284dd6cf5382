#include "domain/card_number.hpp"

#include <string>

namespace agora::payment {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool passes_luhn(const std::string& digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled && (d *= 2) > 9) d -= 9;
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool card_like(const std::string& digits) { return digits.size() >= 13 && digits.size() <= 19 && passes_luhn(digits); }

}  // namespace

bool looks_like_card_number(std::string_view text) {
  // Each run of digits and separators is judged whole: a number written 4242 4242 4242 4242 is one run.
  std::string run;
  for (const char c : text) {
    if (is_digit(c)) {
      run += c;
    } else if (c != ' ' && c != '-') {
      if (card_like(run)) return true;
      run.clear();
    }
  }
  return card_like(run);
}

}  // namespace agora::payment
