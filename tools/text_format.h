// Copyright: the Annals authors.
//
// Small text helpers for machine-readable output that is not an event record.
#ifndef ANNALS_TOOLS_TEXT_FORMAT_H_
#define ANNALS_TOOLS_TEXT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace annals::cli {

// A JSON string literal with its quotes; UTF-8 passes through, controls are
// escaped.
std::string JsonString(std::string_view text);

// An RFC 4180 CSV field: quoted (quotes doubled) when it holds a comma, quote,
// CR or LF.
std::string CsvField(std::string_view text);

// Bytes for people: "512 B", "12.3 KiB", "4.0 MiB", ... (powers of 1024).
std::string HumanBytes(uint64_t bytes);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_TEXT_FORMAT_H_
