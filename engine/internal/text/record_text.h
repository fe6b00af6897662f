// Copyright: the Annals authors.
//
// Text helpers shared by the NDJSON and CSV record codecs: JSON string
// escaping, the JSON number grammar, values quoted for error messages, and the
// `time` / `recorded` / `attrs` fields.
//
// Thread safety: pure functions, safe from any thread.
#ifndef ANNALS_INTERNAL_TEXT_RECORD_TEXT_H_
#define ANNALS_INTERNAL_TEXT_RECORD_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals::internal {

// Values quoted in error messages are cut to this many bytes (at a character
// boundary).
inline constexpr size_t kMaxQuotedBytes = 60;

// Appends `text` as a JSON string literal: `"` and `\` escaped, control
// characters as \b \f \n \r \t or \u00XX, everything else (UTF-8 included) as
// is.
void AppendJsonString(std::string_view text, std::string* out);

// True iff `text` has the syntax of exactly one JSON number:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumberSyntax(std::string_view text);

// True iff `text` is a JSON number (above) whose magnitude a double holds (1e308 is one, 1e309 is
// not), as the NDJSON reader requires: an attr accepted from any reader then reads back from its
// JSON form.
bool IsJsonNumber(std::string_view text);

// `text` as a JSON string literal for an error message, cut to kMaxQuotedBytes
// with "..." when longer; bytes that are not valid UTF-8 are shown as \xNN.
std::string QuoteForMessage(std::string_view text);

// `text` (valid UTF-8) cut to kMaxQuotedBytes at a character boundary, with
// "..." when cut.
std::string ShortenForMessage(std::string_view text);

// InvalidArgument `field "<field>": <reason>`, the field name quoted as by
// QuoteForMessage.
absl::Status FieldError(std::string_view field, std::string_view reason);

// The `time` field's text as an EventTime; errors name the field and quote the
// text.
absl::StatusOr<EventTime> ParseTimeField(std::string_view text);

// The `recorded` field's text: one date, not an interval; errors name the
// field.
absl::StatusOr<Date> ParseRecordedField(std::string_view text);

// `attrs` as a compact JSON object (keys in the given order): strings quoted,
// numbers and booleans as their text. "{}" when there are none.
std::string FormatAttrsJson(const std::vector<Attr>& attrs);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_RECORD_TEXT_H_
