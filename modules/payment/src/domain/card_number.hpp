#pragma once
// Card numbers must never reach us: a buyer's client sends the gateway's token, never the card.
#include <string_view>

namespace agora::payment {

// True when the text holds a run of 13 to 19 digits (spaces and dashes between them ignored) that
// passes the Luhn check: a primary account number, sent where a token belongs.
bool looks_like_card_number(std::string_view text);

}  // namespace agora::payment
