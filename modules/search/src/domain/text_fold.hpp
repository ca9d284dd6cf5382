#pragma once
// Accent and case folding: what the index stores and what a query is matched with, so "Café" finds
// "cafe" and "CAFÉ". Pure (ICU's normalization data only).
#include <string>
#include <string_view>
#include <vector>

namespace agora::search {

// Lower case, accents removed (NFD, combining marks dropped), "ß" kept for the stemmer. Invalid
// UTF-8 is replaced, never thrown.
std::string fold(std::string_view text);

// The words of folded text: runs of letters and digits (an apostrophe or hyphen inside a word splits it).
std::vector<std::string> words_of(std::string_view folded);

}  // namespace agora::search
