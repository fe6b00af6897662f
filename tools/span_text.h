// Copyright: the Annals authors.
//
// A database's time span for people and scripts, in the canonical EDTF form of
// record times: the coarsest precision that states each end exactly.
//
//   SpanText(start of 1999-01-01, end of 2024-12-31) == "1999-01-01/2024-12-31"
//   SpanText(start of 1999-01-01, kPlusInfinity)     == "1999-01-01/.."
#ifndef ANNALS_TOOLS_SPAN_TEXT_H_
#define ANNALS_TOOLS_SPAN_TEXT_H_

#include <cstdint>
#include <string>

namespace annals::cli {

// The date that starts at `start_us` ("..": kMinusInfinity).
std::string SpanStartText(int64_t start_us);

// The date whose period ends just before `end_us` (exclusive; "..": kPlusInfinity),
// so that the interval START/END read back covers exactly [start_us, end_us).
std::string SpanEndText(int64_t end_us);

// SpanStartText(start_us) + "/" + SpanEndText(end_us).
std::string SpanText(int64_t start_us, int64_t end_us);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_SPAN_TEXT_H_
