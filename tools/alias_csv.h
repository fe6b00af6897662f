// Copyright: the Annals authors.
//
// Alias files for `annals alias load`: CSV (RFC 4180) with a header naming the columns
// canonical and alias (required) and from and to (optional), in any order. Blank lines are
// skipped. `alias list --format csv` writes this format.
#ifndef ANNALS_TOOLS_ALIAS_CSV_H_
#define ANNALS_TOOLS_ALIAS_CSV_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/alias.h"

namespace annals::cli {

struct AliasFile {
  std::vector<Alias> aliases;
  std::vector<size_t> lines;  // the line (1-based) each alias starts on
};

// Parses the whole file. InvalidArgument with "LINE: what is wrong" (the caller adds the file
// name): an unknown, repeated or missing column, a row with the wrong number of fields, an
// unterminated quote.
absl::StatusOr<AliasFile> ParseAliasCsv(std::string_view text);

// The header line and one row, without the newline.
std::string AliasCsvHeader();
std::string AliasCsvRow(const Alias& alias);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_ALIAS_CSV_H_
