// Copyright: the Annals authors.
//
// The NDJSON record codec behind annals::ParseJsonRecord and
// annals::FormatJsonRecord (record_io.h states the contract). Parsing uses
// a JsonTree (json_tree.h) per thread.
//
// Thread safety: safe from any thread.
#ifndef ANNALS_INTERNAL_TEXT_JSON_RECORD_H_
#define ANNALS_INTERNAL_TEXT_JSON_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals::internal {

// One NDJSON record as an Event, before NormalizeEvent. InvalidArgument naming
// the field.
absl::StatusOr<Event> ParseJsonEvent(std::string_view line);

// The `attrs` object of a record given on its own (the CSV `attrs` column), e.g.
// `{"tone":-2.5,"note":"x"}`: string, number or boolean values, in the order
// written. InvalidArgument naming the field for anything else.
absl::StatusOr<std::vector<Attr>> ParseJsonAttrs(std::string_view json);

// The record as compact JSON, fields in the record format's order, empty ones
// left out.
std::string FormatJsonEvent(const Event& event);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_JSON_RECORD_H_
