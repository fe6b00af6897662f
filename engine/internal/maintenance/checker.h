// Copyright: the Annals authors.
//
// Whole-database verification (Database::Check).
#ifndef ANNALS_INTERNAL_MAINTENANCE_CHECKER_H_
#define ANNALS_INTERNAL_MAINTENANCE_CHECKER_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "annals/database.h"
#include "internal/storage/store.h"

namespace annals::internal {

// Every record decodes and has its id entry and exactly its index entries (with the right
// values); every index entry and id belongs to a record; dictionary counts and class sets and the
// meta counters agree with the records. Damage goes to CheckReport::problems.
absl::StatusOr<CheckReport> CheckDatabase(const Store& store);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_MAINTENANCE_CHECKER_H_
