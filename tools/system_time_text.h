// Copyright: the Annals authors.
//
// System times on the command line (spec HISTORY.md): `--as-of`, `--since`, `--until` and
// `--before` take any time ParseTime reads and mean the end of its period (`--as-of 2026-11-29` is
// the database after every write of that day, UTC); system times are printed exact to the µs.
#ifndef ANNALS_TOOLS_SYSTEM_TIME_TEXT_H_
#define ANNALS_TOOLS_SYSTEM_TIME_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace annals::cli {

// The exclusive end in system time of `text`'s period. InvalidArgument for a time that does not
// parse or whose period has no end (`2024/..`).
absl::StatusOr<int64_t> SystemTimeEnd(std::string_view text);

// The last µs of `text`'s period: the API's as-of / after / through value. nullopt for "".
// REQUIRES: `text` passed SystemTimeEnd (the command line validated it).
std::optional<int64_t> LastMicroOf(const std::string& text);

// `2026-11-29T14:05:09.123456Z`: always six fraction digits, UTC.
std::string FormatSystemTime(int64_t us);

// FormatSystemTime as a JSON string; `null` when unset.
std::string SystemTimeJson(std::optional<int64_t> us);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_SYSTEM_TIME_TEXT_H_
