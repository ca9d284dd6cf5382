#include "providers/ecb_provider.hpp"

#include "providers/ecb_xml.hpp"
#include "providers/fetch_document.hpp"

namespace agora::fx {

RateSet EcbProvider::fetch() { return parse_ecb_xml(fetch_document(to_, url_, timeout_)); }

}  // namespace agora::fx
