// Copyright: the Annals authors.
//
// The types behind Database::Types: read from the dictionary (one read per
// type, never per event).
#ifndef ANNALS_INTERNAL_MAINTENANCE_TYPE_LIST_H_
#define ANNALS_INTERNAL_MAINTENANCE_TYPE_LIST_H_

#include <vector>

#include "absl/status/statusor.h"
#include "annals/database.h"
#include "internal/storage/store.h"

namespace annals::internal {

// Every type with at least one event, ordered by name (bytewise), with its
// event count, as of one snapshot. DataLoss for a damaged dictionary entry.
absl::StatusOr<std::vector<TypeInfo>> ListTypes(const Store& store);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_MAINTENANCE_TYPE_LIST_H_
