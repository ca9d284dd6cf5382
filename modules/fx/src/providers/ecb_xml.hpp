#pragma once
// The ECB euro foreign exchange reference rates document (eurofxref-daily.xml):
// <Cube time='2026-11-24'><Cube currency='USD' rate='1.0856'/>...</Cube>. Base EUR; the rates
// hold from 00:00 UTC of that day.
#include "domain/rate_set.hpp"

#include <string_view>

namespace agora::fx {

// Throws Error{unavailable} for a document that is not well-formed or lacks the day or any rate.
RateSet parse_ecb_xml(std::string_view xml);

}  // namespace agora::fx
