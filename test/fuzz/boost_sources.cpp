// The compiled parts of Boost.JSON and Boost.URL, built with the fuzzers' instrumentation.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
