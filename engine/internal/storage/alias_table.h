// Copyright: the Annals authors.
//
// The alias table (alias.h, spec ALIASES.md): validating, reading, adding and removing alias
// entries. Encoding: format.h (dict, tag 'L').
//
// Thread safety: the readers may run concurrently with anything. AddAliases and RemoveAlias
// must be serialized with every other write of the database (the caller holds the writer lock).
#ifndef ANNALS_INTERNAL_STORAGE_ALIAS_TABLE_H_
#define ANNALS_INTERNAL_STORAGE_ALIAS_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/alias.h"
#include "internal/storage/format.h"
#include "internal/storage/read_view.h"
#include "internal/storage/store.h"

namespace annals::internal {

// The entry for `alias`: display names collapsed, lookup keys, the period from the texts.
// InvalidArgument naming the field ("canonical", "alias", "from", "to") and what is wrong.
absl::StatusOr<AliasRecord> MakeAliasRecord(const Alias& alias);

// The entries whose key starts with `prefix` (AliasPrefix(...)) in `view`, in key order.
// DataLoss for a damaged entry.
absl::StatusOr<std::vector<AliasRecord>> ReadAliases(const ReadView& view, std::string_view prefix);

// See Database::AddAliases and Database::RemoveAlias.
absl::StatusOr<uint64_t> AddAliases(const Store& store, const std::vector<Alias>& aliases,
                                    size_t* failed);
absl::StatusOr<uint64_t> RemoveAlias(const Store& store, std::string_view canonical,
                                     std::string_view alias, std::string_view from,
                                     std::string_view to);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_ALIAS_TABLE_H_
