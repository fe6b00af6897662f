// Copyright: the Annals authors.
#include "internal/store.h"

#include <sys/stat.h>

#include "internal/key_codec.h"
#include "internal/rocks_status.h"
#include "internal/status_macros.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/table.h"

namespace annals::internal {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

bool IsIndex(ColumnFamily f) { return f == kByActorCf || f == kByTimeCf || f == kByTypeCf; }

rocksdb::ColumnFamilyOptions CfOptions(ColumnFamily f, std::shared_ptr<rocksdb::Cache> cache,
                                       bool bulk) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = std::move(cache);
  table.format_version = 5;
  // Point lookups (records by number, ids, dictionary) benefit from bloom filters; index
  // families are only range-scanned.
  if (f == kEventsCf || f == kIdsCf || f == kDictCf) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  if (f == kEventsCf) table.block_size = 16 * 1024;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.compression = rocksdb::kLZ4Compression;
  cf.bottommost_compression = rocksdb::kZSTD;
  cf.write_buffer_size = 32 << 20;
  if (bulk && IsIndex(f)) {
    // Index entries arrive in random order and are only read back by queries: appending them
    // and sorting once at flush costs far less than a skiplist insert each.
    cf.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
    cf.write_buffer_size = 64 << 20;
  }
  cf.level_compaction_dynamic_level_bytes = true;
  return cf;
}

rocksdb::DBOptions DbOptions(const Options& options) {
  rocksdb::DBOptions db;
  db.create_if_missing = options.create_if_missing && !options.read_only;
  db.create_missing_column_families = !options.read_only;
  db.max_background_jobs = 2;
  db.keep_log_file_num = 2;
  db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db.max_open_files = 512;
  db.paranoid_checks = true;
  // The vector memtable of bulk_ingest takes no concurrent inserts; there is one writer anyway.
  db.allow_concurrent_memtable_write = !options.bulk_ingest;
  return db;
}

}  // namespace

std::string EncodeMeta(uint64_t v) {
  std::string out;
  PutU64(&out, v);
  return out;
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const Options& options) {
  if ((options.read_only || !options.create_if_missing) && !Exists(path + "/CURRENT")) {
    return absl::NotFoundError("no database at " + path);
  }
  if (Exists(path) && !IsDirectory(path)) {
    return absl::FailedPreconditionError(path + " is not a directory");
  }
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  store->read_only_ = options.read_only;
  store->write_options_.sync = options.sync;
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int f = 0; f < kNumColumnFamilies; ++f) {
    cfs.emplace_back(kColumnFamilyNames[f], CfOptions(static_cast<ColumnFamily>(f), cache,
                                                      options.bulk_ingest && !options.read_only));
  }
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(DbOptions(options), path, cfs, &store->handles_,
                                         &store->db_)
          : rocksdb::DB::Open(DbOptions(options), path, cfs, &store->handles_, &store->db_);
  if (!s.ok()) {
    absl::Status st = FromRocksDb(s, path);
    if (absl::IsNotFound(st) || absl::IsInvalidArgument(st)) {
      return absl::DataLossError(path + ": not a readable Annals database: " + s.ToString());
    }
    return st;
  }
  RETURN_IF_ERROR(store->CheckFormatVersion());
  return store;
}

absl::Status Store::CheckFormatVersion() {
  ASSIGN_OR_RETURN(uint64_t version, GetMeta(kMetaFormatVersion, nullptr));
  if (version == 0 && !read_only_) {
    ASSIGN_OR_RETURN(uint64_t next, GetMeta(kMetaNextEvent, nullptr));
    if (next != 0) return absl::DataLossError(path_ + ": format version missing");
    rocksdb::Status s = db_->Put(write_options_, handles_[kDefaultCf],
                                 std::string(kMetaFormatVersion), EncodeMeta(kFormatVersion));
    return FromRocksDb(s, path_);
  }
  if (version == 0) return absl::OkStatus();  // created, nothing written yet
  if (version != kFormatVersion) {
    return absl::UnimplementedError(path_ + ": unknown format version " +
                                    std::to_string(version) + " (this build reads version " +
                                    std::to_string(kFormatVersion) + ")");
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Store::GetMeta(std::string_view key,
                                        const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(ro, handles_[kDefaultCf], rocksdb::Slice(key.data(), key.size()),
                               &value);
  if (s.IsNotFound()) return 0;
  RETURN_IF_ERROR(FromRocksDb(s, path_));
  std::string_view in(value);
  uint64_t v;
  if (!GetU64(&in, &v) || !in.empty()) {
    return absl::DataLossError(path_ + ": damaged meta value " + std::string(key));
  }
  return v;
}

Store::~Store() {
  if (db_ == nullptr) return;
  if (!read_only_) {
    // Leave no write-ahead log behind: read-only openers (every CLI query) would replay it.
    rocksdb::FlushOptions flush;
    db_->Flush(flush, handles_).PermitUncheckedError();
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  handles_.clear();
  db_->Close().PermitUncheckedError();
  delete db_;
}

}  // namespace annals::internal
