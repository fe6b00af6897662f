// Copyright: the Annals authors.
#include "internal/storage/rocks_status.h"

#include <string>

namespace annals::internal {

absl::Status FromRocksDb(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string message = context.empty() ? s.ToString() : std::string(context) + ": " + s.ToString();
  if (s.IsCorruption()) return absl::DataLossError(message);
  if (s.IsNotFound()) return absl::NotFoundError(message);
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    const bool here = s.ToString().find("current process") != std::string::npos;
    return absl::FailedPreconditionError(
        std::string(context) + ": database is open for writing by " +
        (here ? "another Database object in this process" : "another process"));
  }
  if (s.IsIOError()) return absl::UnavailableError(message);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(message);
  if (s.IsNotSupported()) return absl::UnimplementedError(message);
  return absl::InternalError(message);
}

}  // namespace annals::internal
