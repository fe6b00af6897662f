// Copyright: the Annals authors.
//
// Actor specs as written on the command line and in Query: `NAME` or `NAME=ROLE`, split at the
// last unescaped `=`; `\=` is a literal `=` and `\\` a backslash (spec FORMAT.md, "Roles").
// Used by `related` to leave out the entries that its --actor specs match.
#ifndef ANNALS_INTERNAL_QUERY_ACTOR_SPEC_H_
#define ANNALS_INTERNAL_QUERY_ACTOR_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "internal/query/index_stream.h"

namespace annals::internal {

struct ActorSpec {
  std::string name;
  std::optional<std::string> role;  // unset: any role; "": only entries without a role
};

ActorSpec ParseActorSpec(std::string_view text);

// A spec with its actor's dictionary number and the role's lookup key.
struct ResolvedSpec {
  uint32_t actor = 0;
  std::optional<std::string> role_key;
};

// Resolves at ctx's snapshot; nullopt for an actor not in the database.
absl::StatusOr<std::optional<ResolvedSpec>> ResolveActorSpec(const ScanContext& ctx,
                                                             std::string_view text);

// The lookup key of a role (NFC, case-folded, whitespace collapsed); "" stays "".
std::string RoleLookupKey(std::string_view role);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_QUERY_ACTOR_SPEC_H_
