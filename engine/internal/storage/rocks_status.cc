// Copyright: the Annals authors.
#include "internal/storage/rocks_status.h"

#include <cctype>
#include <string>

namespace annals::internal {

absl::Status FromRocksDb(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string message = context.empty() ? s.ToString() : std::string(context) + ": " + s.ToString();
  if (s.IsCorruption()) return absl::DataLossError(message);
  if (s.IsNotFound()) return absl::NotFoundError(message);
  const std::string text = s.ToString();
  const std::string prefix = context.empty() ? "" : std::string(context) + ": ";
  // The environment's errors first: a read-only file system also fails the lock file.
  if (s.IsNoSpace() || text.find("No space left on device") != std::string::npos) {
    return absl::ResourceExhaustedError(prefix + "no space left on device");
  }
  if (text.find("Permission denied") != std::string::npos) {
    return absl::PermissionDeniedError(prefix + "permission denied");
  }
  if (text.find("Read-only file system") != std::string::npos) {
    return absl::PermissionDeniedError(prefix + "read-only file system");
  }
  if (s.IsIOError() && text.find("lock") != std::string::npos) {
    const bool here = text.find("current process") != std::string::npos;
    return absl::FailedPreconditionError(
        std::string(context) + ": database is open for writing by " +
        (here ? "another Database object in this process" : "another process"));
  }
  if (s.IsIOError()) return absl::UnavailableError(message);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(message);
  if (s.IsNotSupported()) return absl::UnimplementedError(message);
  return absl::InternalError(message);
}

absl::Status FromRocksDbPlain(const rocksdb::Status& s, std::string_view context) {
  absl::Status status = FromRocksDb(s, context);
  if (!s.IsIOError() || absl::IsResourceExhausted(status) || absl::IsPermissionDenied(status)) {
    return status;
  }
  std::string reason = s.ToString();
  if (const size_t colon = reason.rfind(": "); colon != std::string::npos) {
    reason = reason.substr(colon + 2);
  }
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
  return absl::Status(status.code(), std::string(context) + ": " + reason);
}

}  // namespace annals::internal
