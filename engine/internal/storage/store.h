// Copyright: the Annals authors.
//
// The RocksDB database behind an Annals database: opening (read-write or read-only), the column
// family handles, tuning. Owns the rocksdb::DB and its handles. Reads go through ReadView
// (read_view.h); writes through the Writer.
// Thread safety: as rocksdb::DB; all const methods may be called concurrently.
#ifndef ANNALS_INTERNAL_STORAGE_STORE_H_
#define ANNALS_INTERNAL_STORAGE_STORE_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/database.h"
#include "internal/storage/format.h"
#include "rocksdb/db.h"
#include "rocksdb/metadata.h"

namespace annals::internal {

class Store {
 public:
  // See Database::Open for the error codes.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const Options& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* cf(ColumnFamily f) const { return handles_[f]; }
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  bool cache_records() const { return cache_records_; }
  const rocksdb::WriteOptions& write_options() const { return write_options_; }
  // Waits (at most two minutes) until no compaction runs or is pending, or one has failed.
  void WaitForCompactions() const;

 private:
  Store() = default;
  static rocksdb::Status OpenReader(const rocksdb::DBOptions& db_options, const std::string& path,
                                    const std::vector<rocksdb::ColumnFamilyDescriptor>& cfs,
                                    Store* store);
  absl::Status CheckFormatVersion();
  void CompactLevelZero() const;
  void CompactLevelZeroOf(rocksdb::ColumnFamilyHandle* h) const;
  void MergeFiles(rocksdb::ColumnFamilyHandle* h,
                  std::initializer_list<const rocksdb::LevelMetaData*> levels,
                  size_t output_level) const;
  bool ManifestOutgrown() const;
  void RewriteManifest() const;

  std::string path_;
  bool read_only_ = false;
  bool cache_records_ = true;
  rocksdb::WriteOptions write_options_;
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  // What it was opened with, for RewriteManifest.
  rocksdb::DBOptions db_options_;
  std::vector<rocksdb::ColumnFamilyDescriptor> families_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_STORE_H_
