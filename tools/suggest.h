// Copyright: the Annals authors.
//
// "Did you mean": the known word closest to a mistyped one.
//
//   ClosestMatch("qurey", {"ingest", "query"}) == "query"
#ifndef ANNALS_TOOLS_SUGGEST_H_
#define ANNALS_TOOLS_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

// The number of single-character insertions, deletions, substitutions and
// transpositions of neighbours that turn `a` into `b`.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `typed`: a candidate that `typed` is a prefix of, or
// one within an edit distance of a third of its length (at least 1, at most 3);
// ties go to the first candidate. "" when none is close.
std::string ClosestMatch(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_SUGGEST_H_
