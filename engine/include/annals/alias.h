// Copyright: the Annals authors.
//
// Aliases: another name of a canonical actor, optionally only for a period. Queries resolve them
// when they run, so a dictionary can be fixed or extended without re-ingesting anything.
//
//   annals::Alias a{"Joe Biden", "PRESIDENT OF THE UNITED STATES", "2021-01-20", "2025-01-19"};
//   absl::StatusOr<uint64_t> added = db->AddAliases({a});
//   annals::Query q;
//   q.all_actors = {"Joe Biden"};  // also finds "PRESIDENT OF THE UNITED STATES", in that period
//
// Model (the contract is spec ALIASES.md):
// - Names are compared by lookup key (NFC, case-folded, whitespace collapsed).
// - The period runs from the start of `from`'s period to the end of `to`'s (the meaning of a
//   query's --from/--to); an empty side is unbounded.
// - An actor spec NAME in Query::all_actors or Query::any_actors matches events naming NAME at
//   any time, plus events naming an alias of NAME whose span overlaps that alias's period (and
//   the query's range). One level deep: aliases of an alias are not followed; querying an alias
//   name finds only events naming it. An event is returned once however many names match it.
// - The same (canonical, alias) pair may have several periods; they may not overlap.
#ifndef ANNALS_ALIAS_H_
#define ANNALS_ALIAS_H_

#include <string>

namespace annals {

struct Alias {
  std::string canonical;  // display name, as first added
  std::string alias;      // display name, as first added
  std::string from;       // EDTF time; empty: unbounded
  std::string to;         // EDTF time; empty: unbounded

  friend bool operator==(const Alias&, const Alias&) = default;
};

}  // namespace annals

#endif  // ANNALS_ALIAS_H_
