// Copyright: the Annals authors.
//
// Verification of the versions in system time (format.h, HISTORY.md), for Database::Check:
// every closed version has its closing entry, its version-by-id entry and exactly its entries in
// the old_by_* families; every replacement's successor exists (a crash never leaves a version
// closed without it); the versions of one event number never overlap, the current one last; the
// commit entries and the last system time agree.
#ifndef ANNALS_INTERNAL_MAINTENANCE_HISTORY_CHECKER_H_
#define ANNALS_INTERNAL_MAINTENANCE_HISTORY_CHECKER_H_

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "internal/storage/read_view.h"

namespace annals::internal {

struct HistoryCheck {
  uint64_t versions = 0;       // closed versions checked
  uint64_t index_entries = 0;  // old_by_* entries checked
  // Not `precise`: the entries the versions need (old index, closings, versions by id) differ
  // from those the families hold; only a precise run names the damage.
  bool digests_differ = false;
};

// Damage goes to `problem`; the status is an error only if checking could not proceed. Not
// `precise`: linear, comparing digests (entry_digest.h) where a precise run looks every entry up.
absl::StatusOr<HistoryCheck> CheckHistory(const ReadView& view, bool precise,
                                          absl::FunctionRef<void(std::string)> problem);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_MAINTENANCE_HISTORY_CHECKER_H_
