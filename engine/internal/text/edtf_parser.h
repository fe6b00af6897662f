// Copyright: the Annals authors.
//
// Hand-written parser for one EDTF date (the forms listed in annals/time.h),
// used by ParseDate and for each end of an interval by ParseTime. Allocates
// nothing unless it fails.
#ifndef ANNALS_INTERNAL_TEXT_EDTF_PARSER_H_
#define ANNALS_INTERNAL_TEXT_EDTF_PARSER_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/time.h"

namespace annals::internal {

// InvalidArgument `invalid time "<text>": <reason>`, with `text` escaped where
// it is not printable.
absl::Status InvalidTime(std::string_view text, std::string_view reason);

// Parses text[begin, end) as one date. Errors quote the whole `text`; positions
// in them are 1-based offsets into `text`. REQUIRES: begin <= end <=
// text.size().
absl::StatusOr<Date> ParseDateRange(std::string_view text, size_t begin, size_t end);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_EDTF_PARSER_H_
