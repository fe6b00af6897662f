// Copyright: the Annals authors.
#include "internal/storage/store.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/db_directory.h"
#include "internal/storage/read_view.h"
#include "internal/storage/reader_env.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/metadata.h"
#include "rocksdb/table.h"

namespace annals::internal {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// True if `s` reports a file that is not there. IsPathNotFound() alone misses most cases: when
// opening finds a table file of the MANIFEST gone (a writer's compaction deleted it), RocksDB
// 6-8 returns Corruption wrapping the IO error, and only the message names the missing file.
bool NamesMissingFile(const rocksdb::Status& s) {
  return s.IsPathNotFound() || s.ToString().find("No such file") != std::string::npos;
}

// True if `s` reports a write-ahead log that is not there: a writer flushed it and deleted it
// between the reader's listing of the logs and its opening of this one.
bool NamesMissingLog(const rocksdb::Status& s) {
  return NamesMissingFile(s) && s.ToString().find(".log") != std::string::npos;
}

// An empty directory of its own, removed when this is destroyed: a reader's `wal_dir` when it
// opens without the writer's logs (Store::OpenReader). Empty path if it could not be made.
class EmptyDirectory {
 public:
  EmptyDirectory() {
    std::error_code ec;
    std::string pattern =
        (std::filesystem::temp_directory_path(ec) / "annals-no-logs-XXXXXX").string();
    if (ec) pattern = "/tmp/annals-no-logs-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~EmptyDirectory() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  EmptyDirectory(const EmptyDirectory&) = delete;
  EmptyDirectory& operator=(const EmptyDirectory&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// True if `path` holds data files (tables, a non-empty log). A database killed while being
// created has a MANIFEST but no CURRENT and no data: that is no database, not a damaged one.
bool HasDataFiles(const std::string& path) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".sst")) return true;
    if (name.ends_with(".log") && entry.file_size(ec) > 0) return true;
  }
  return false;
}

rocksdb::ColumnFamilyOptions CfOptions(ColumnFamily f, std::shared_ptr<rocksdb::Cache> cache,
                                       bool bulk) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = std::move(cache);
  table.format_version = 5;
  // Bloom filters pay where lookups miss: ids (is this id new?) and the dictionary. Records are
  // looked up only by numbers that exist, and index families are only range-scanned.
  // by_actor: all-of queries test candidates by exact key, and most tests miss. system: as-of
  // queries ask of each current entry whether a replacement reopened it, and most were not.
  if (f == kIdsCf || f == kDictCf || f == kByActorCf || f == kSystemCf) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  // Index and filter blocks are read when first needed, not all at open: a CLI read command opens
  // the database, touches a few blocks and exits.
  // Partitioned, so that opening a table reads only a small top-level index.
  table.cache_index_and_filter_blocks = true;
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = table.filter_policy != nullptr;
  table.pin_top_level_index_and_filter = true;
  // Index blocks uncompressed: every CLI process reads and, compressed, decompresses the top-level
  // index of each table at open and each index partition it touches. Measured on 1M events (CLI,
  // instructions by callgrind): `query --actor nobody --count` -5.5%, a one-month actor query
  // -9.8%, for 0.7% more disk. Tables written before keep their compressed indexes.
  table.enable_index_compression = false;
  if (f == kEventsCf || f == kIdsCf || f == kDictCf || f == kMembersCf) {
    // Point lookups: a hash index inside each data block finds a key without a binary search.
    table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  }
  if (f == kEventsCf) {
    // A query result that is not read from by_actor reads and decompresses one block of records.
    // A dictionary per table, sampled from its first 8 MiB of blocks, wins back the compression
    // that small blocks lose, because records of one dataset share field names and values.
    // Measured on 1M generated events against 4 KiB blocks without one: disk 377.6 -> 326.7
    // bytes per event with 2 KiB blocks. Since queries by actor read no record (format 5), 4 KiB:
    // the GDELT sample 0.607 -> 0.576 x SQLite's disk (docs/performance.md, ninth round).
    table.block_size = 4 << 10;
    cf.compression_opts.max_dict_bytes = 16 << 10;
    cf.compression_opts.max_dict_buffer_bytes = 8 << 20;
    cf.bottommost_compression_opts = cf.compression_opts;
    cf.bottommost_compression_opts.enabled = true;
  }
  if (f == kByActorCf) {
    // by_actor holds a copy of each event per actor (covering records): the largest family.
    // ZSTD at every level with a dictionary trained per table on 100 times its size: the copies
    // of one actor's events share field names and values. Measured (docs/performance.md, ninth
    // round): the GDELT sample 0.878 -> 0.724 x SQLite's disk, 1M generated events 526.9 ->
    // 460.0 bytes per event, load CPU and queries by actor no slower.
    cf.compression_opts.max_dict_bytes = 16 << 10;
    cf.compression_opts.zstd_max_train_bytes = 100 * (16 << 10);
    cf.compression_opts.max_dict_buffer_bytes = 8 << 20;
    cf.bottommost_compression_opts = cf.compression_opts;
    cf.bottommost_compression_opts.enabled = true;
  }
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Record fetches decompress one block of `events` per result: LZ4 there (about 1.5-2.6x faster
  // queries, measured in docs/performance.md); by_actor ZSTD (above); ZSTD at the bottom level and
  // LZ4 above it for the rest.
  cf.compression = f == kByActorCf ? rocksdb::kZSTD : rocksdb::kLZ4Compression;
  cf.bottommost_compression = f == kEventsCf ? rocksdb::kLZ4Compression : rocksdb::kZSTD;
  cf.write_buffer_size = 32 << 20;
  if (bulk && (IsIndex(f) || f == kDayCountsCf)) {
    // Index entries and day counts arrive in random order and are only read back by queries:
    // appending them and sorting once at flush costs far less than a skiplist insert each.
    cf.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
    cf.write_buffer_size = 64 << 20;
  }
  if (bulk) {
    // Each compaction of level 0 rewrites the data below it that its keys overlap, and a load's
    // keys (actors, types, days) overlap all of it: compacting at 32 level-0 files instead of 4
    // rewrites that data an eighth as often. Measured loading 10M generated events: 444 -> 333 s
    // of CPU, 294 -> 200 s wall, peak RSS 264 -> 292 MiB. The closing writer merges what level 0
    // still holds (CompactLevelZero); queries that run during the load merge more runs.
    cf.level0_file_num_compaction_trigger = 32;
    cf.level0_slowdown_writes_trigger = 96;
    cf.level0_stop_writes_trigger = 128;
  }
  if (f == kDayCountsCf) cf.merge_operator = DayCountMergeOperator();
  if (f == kIdsCf) {
    // Every put asks whether its id is new, and in a load most are: a bloom filter over the
    // memtable's keys answers most of those without a skip-list search. Measured loading 1M
    // events: 10.2-10.5 -> 9.5-9.8 s before the close, 2% less CPU.
    cf.memtable_prefix_bloom_size_ratio = 0.05;
    cf.memtable_whole_key_filtering = true;
  }
  cf.level_compaction_dynamic_level_bytes = true;
  return cf;
}

// Read-only opens (every CLI read command): no background threads. mmap reads were measured and
// not adopted: a one-month actor query (CLI, 291k events) took 13.6-13.8 ms of CPU with them
// against 11.8-12.9 ms with pread (page faults cost more than the copies they save).
void ReaderOptions(rocksdb::DBOptions* db) { db->env = ReaderEnv(); }

// A reader's memtables hold only the log it replays at open, and most opens replay nothing; the
// memtable bloom filter of `ids` (1.6 MiB) would be allocated and zeroed at every open for nothing.
// Measured on `query --actor nobody --count` (CLI, 1M events): 1,039 -> 661 page faults.
void ReaderCfOptions(rocksdb::ColumnFamilyOptions* cf) { cf->memtable_prefix_bloom_size_ratio = 0; }

// Annals keeps no RocksDB info log. RocksDB's file logger aborts the process (Debian's build keeps
// assertions: `sync_without_flush_called_` in WritableFileWriter) when it writes again after a
// failed write, which a full disk causes from any thread; and opening a directory renames a `LOG`
// file found there.
class DiscardingLogger : public rocksdb::Logger {
 public:
  DiscardingLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::HEADER_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

rocksdb::DBOptions DbOptions(const Options& options) {
  rocksdb::DBOptions db;
  db.info_log = std::make_shared<DiscardingLogger>();
  db.create_if_missing = options.create_if_missing && !options.read_only;
  db.create_missing_column_families = !options.read_only;
  // One flush and two compactions at a time: a closing writer runs two merges at once
  // (CompactLevelZero), and manual compactions run on RocksDB's compaction threads.
  db.max_background_jobs = 3;
  db.keep_log_file_num = 2;
  db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // A reader keeps every table file open from the start: a concurrent writer's compaction may
  // delete files, and an open file stays readable. A writer's own files are never deleted under it.
  db.max_open_files = options.read_only ? -1 : 512;
  // Opening loads table handles per column family; a thread pool per family costs more than it
  // saves at our file counts, and every CLI read command pays it.
  db.max_file_opening_threads = 1;
  // A reader that opens while a writer is active replays the writer's log: keep it short, so a
  // query during an ingest opens in a fraction of a second, not after replaying gigabytes.
  db.max_total_wal_size = 32 << 20;
  db.paranoid_checks = true;
  // Every family is flushed in one step, so a reader never opens a state where some families hold
  // a batch in their tables while the log that holds it for the others is already gone (found by
  // MultiProcessTest.ReadersOpenWhileTheWriterFlushesAndCompacts: records without their members
  // entries). A reader that misses the log then misses it for every family alike.
  db.atomic_flush = !options.read_only;
  // The vector memtable of bulk_ingest takes no concurrent inserts; there is one writer anyway.
  db.allow_concurrent_memtable_write = !options.bulk_ingest;
  if (options.read_only) ReaderOptions(&db);
  return db;
}

// The refusal of a database written in an older format version (`version` < kFormatVersion).
absl::Status OlderFormatError(const std::string& path, uint64_t version) {
  return absl::FailedPreconditionError(
      path + ": written by an older Annals (format version " + std::to_string(version) +
      "; this build reads version " + std::to_string(kFormatVersion) +
      "): export it with the older build and ingest the export into a new database");
}

// A database of an older format version lacks the families added since. Opening it with them
// would fail for a reader ("column family not found") and, for a writer, create them: the older
// build could then no longer open its own database. So the format version is read first, from
// the default family alone, and an older one refused before anything is touched. OK when every
// family is there, or when the version is not yet written (creation was interrupted: a writer
// completes it).
absl::Status RefuseOlderFormat(const std::string& path, const rocksdb::DBOptions& options) {
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, path, &names).ok()) return absl::OkStatus();
  bool all = true;
  for (const char* name : kColumnFamilyNames) {
    all = all && std::find(names.begin(), names.end(), name) != names.end();
  }
  if (all) return absl::OkStatus();
  rocksdb::DBOptions reader = options;
  ReaderOptions(&reader);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(reader, path, cfs, &handles, &raw).ok()) {
    return absl::OkStatus();  // the real open reports it
  }
  std::string value;
  uint64_t version = 0;
  if (raw->Get(rocksdb::ReadOptions(), handles[0], std::string(kMetaFormatVersion), &value).ok()) {
    DecodeMeta(value, &version);
  }
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  if (version != 0 && version < kFormatVersion) return OlderFormatError(path, version);
  return absl::OkStatus();
}

}  // namespace

// A writer may delete a log or table file between a reader's listing of the files and its
// opening of them; the reader then tries again with the new list. On a loaded machine one open
// can take longer than a writer's flush interval, so the retries are bounded by time (10 s), not
// by a small count.
//
// A reader replays the writer's logs (what it committed since its last flush). During a fast load
// the writer fills and deletes a log in seconds, faster than a reader on a busy machine
// replays the logs before it: every try failed on a log deleted meanwhile, and the reader gave up
// after 10 s ("not a readable Annals database"; found by bench/ceiling.sh at 20M events, where
// `annals stats` beside `annals ingest` failed or took up to 20 s). So a reader that lost a log
// twice, or once after replaying for over a second, opens without the logs (`wal_dir` an empty
// directory; also past the deadline, as that open replays nothing): the state of the writer's
// last flush, which holds every family's writes up to one commit (the writer flushes all families
// at once: atomic_flush), seconds older than the state committed at the open.
rocksdb::Status Store::OpenReader(const rocksdb::DBOptions& db_options, const std::string& path,
                                  const std::vector<rocksdb::ColumnFamilyDescriptor>& cfs,
                                  Store* store) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  rocksdb::DBOptions options = db_options;
  std::unique_ptr<EmptyDirectory> no_logs;
  int logs_lost = 0;
  rocksdb::Status s;
  for (int attempt = 1;; ++attempt) {
    const auto start = Clock::now();
    s = rocksdb::DB::OpenForReadOnly(options, path, cfs, &store->handles_, &store->db_);
    if (!NamesMissingFile(s)) return s;
    const bool slow = Clock::now() - start > std::chrono::seconds(1);
    if (no_logs == nullptr && NamesMissingLog(s) && (++logs_lost == 2 || slow)) {
      no_logs = std::make_unique<EmptyDirectory>();
      if (!no_logs->path().empty()) {
        options.wal_dir = no_logs->path();
        continue;
      }
    }
    if (Clock::now() >= deadline) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10 * attempt, 100)));
  }
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const Options& options) {
  RETURN_IF_ERROR(CheckDatabaseDirectory(path));
  if (!Exists(path + "/CURRENT") && HasDataFiles(path)) {
    return absl::DataLossError(path + ": damaged database: its CURRENT file is missing");
  }
  if (!Exists(path + "/CURRENT") && (options.read_only || !options.create_if_missing)) {
    return absl::NotFoundError("no database at " + path);
  }
  if (!options.read_only && Exists(path + "/CURRENT")) {
    RETURN_IF_ERROR(RefuseOlderFormat(path, DbOptions(options)));
  }
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  store->read_only_ = options.read_only;
  store->cache_records_ = options.cache_records;
  store->write_options_.sync = options.sync;
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int f = 0; f < kNumColumnFamilies; ++f) {
    cfs.emplace_back(kColumnFamilyNames[f], CfOptions(static_cast<ColumnFamily>(f), cache,
                                                      options.bulk_ingest && !options.read_only));
    if (options.read_only) ReaderCfOptions(&cfs.back().options);
  }
  store->db_options_ = DbOptions(options);
  rocksdb::Status s = options.read_only ? OpenReader(store->db_options_, path, cfs, store.get())
                                        : rocksdb::DB::Open(store->db_options_, path, cfs,
                                                            &store->handles_, &store->db_);
  store->families_ = std::move(cfs);
  if (!s.ok() && options.read_only &&
      s.ToString().find("Column family not found") != std::string::npos) {
    // An older format lacks the newer families: say so. Else it was killed while being created:
    // RocksDB makes the families one by one, and no event is written before all exist. For a
    // reader that is no database yet; a writer completes it.
    RETURN_IF_ERROR(RefuseOlderFormat(path, DbOptions(options)));
    return absl::NotFoundError("no database at " + path + " (its creation was interrupted)");
  }
  if (!s.ok()) {
    absl::Status st = FromRocksDb(s, path);
    if (absl::IsNotFound(st) || absl::IsInvalidArgument(st) || NamesMissingFile(s)) {
      return absl::DataLossError(path + ": not a readable Annals database: " + s.ToString());
    }
    return st;
  }
  RETURN_IF_ERROR(store->CheckFormatVersion());
  return store;
}

absl::Status Store::CheckFormatVersion() {
  const ReadView view = ReadView::Latest(*this);
  ASSIGN_OR_RETURN(uint64_t version, view.Meta(kMetaFormatVersion));
  if (version == 0 && !read_only_) {
    ASSIGN_OR_RETURN(uint64_t next, view.Meta(kMetaNextEvent));
    if (next != 0) return absl::DataLossError(path_ + ": format version missing");
    rocksdb::Status s = db_->Put(write_options_, handles_[kDefaultCf],
                                 std::string(kMetaFormatVersion), EncodeMeta(kFormatVersion));
    return FromRocksDb(s, path_);
  }
  if (version == 0) return absl::OkStatus();  // created, nothing written yet
  if (version < kFormatVersion) return OlderFormatError(path_, version);
  if (version != kFormatVersion) {
    return absl::UnimplementedError(path_ + ": unknown format version " + std::to_string(version) +
                                    " (this build reads version " + std::to_string(kFormatVersion) +
                                    ")");
  }
  return absl::OkStatus();
}

void Store::WaitForCompactions() const {
  // Readers cannot compact: what a writer leaves in level 0 every later query has to merge.
  // Bounded, so a closing process never hangs on a compaction that cannot finish.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    uint64_t running = 0, pending = 0, errors = 0;
    // After a background error (e.g. a damaged table) compactions stay pending for ever.
    db_->GetIntProperty(rocksdb::DB::Properties::kBackgroundErrors, &errors);
    if (errors > 0) return;
    db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running);
    for (auto* h : handles_) {
      uint64_t p = 0;
      if (db_->GetIntProperty(h, rocksdb::DB::Properties::kCompactionPending, &p)) pending += p;
    }
    if (running == 0 && pending == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Every reader opens every table file (max_open_files = -1), and every query merges the sorted
// runs of each family it reads: each level-0 file is one, each deeper level one. A log switch
// flushes every family, so a load leaves several small level-0 files in each of them. For each
// family with level-0 files:
// - with two or more, where level 0 holds at least a quarter of its bytes, merges everything (the
//   rewrite is then bounded by four times what was just written): small or new families;
// - else, where an earlier close left a run above deeper data and it is at most four times what
//   level 0 holds, merges level 0 into that run, in its level: repeated writer sessions keep one
//   run above the data instead of stacking one more each (the rewrite stays bounded by five times
//   what was just written);
// - else, with two or more, merges level 0 alone into one file in the empty level just above the
//   first level that holds data, leaving that level's data as it is: a large family ends with two
//   sorted runs, and the rewrite is what level 0 holds. A run left above grows by the rule before;
//   only a session that writes less than a quarter of it starts another, so runs grow
//   geometrically and stay few, and RocksDB's own compactions move them down as they outgrow
//   their levels.
// Two families are merged at a time, the largest first.
// Measured (docs/performance.md): on 300,000 events the first rule took 43 table files to 14 and
// `query --actor nobody --count` from 5.6 to 4.2 ms CPU; on 1M, three level-0 files left in
// by_actor made all-of-two queries 50% slower (p50 2.6 against 1.7 ms CPU); four later sessions
// of 40,000 events each left 3-4 runs per family before the second rule and 2 after it. Merging
// two families at a time took the close of a load of 1M events from 8.0-8.1 to 4.2-4.3 s.
void Store::CompactLevelZero() const {
  std::vector<std::pair<uint64_t, rocksdb::ColumnFamilyHandle*>> order;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(h, &meta);
    order.emplace_back(meta.size, h);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < order.size();) CompactLevelZeroOf(order[i].second);
  };
  std::thread helper(work);
  work();
  helper.join();
}

// CompactLevelZero for one family. Another family may be merged meanwhile.
void Store::CompactLevelZeroOf(rocksdb::ColumnFamilyHandle* h) const {
  rocksdb::ColumnFamilyMetaData meta;
  db_->GetColumnFamilyMetaData(h, &meta);
  if (meta.levels.empty() || meta.levels[0].files.empty()) return;
  const rocksdb::LevelMetaData& level0 = meta.levels[0];
  if (level0.files.size() >= 2 && meta.size <= 4 * level0.size) {
    rocksdb::CompactRangeOptions options;
    options.exclusive_manual_compaction = false;
    db_->CompactRange(options, h, nullptr, nullptr).PermitUncheckedError();  // an optimization
    return;
  }
  size_t below = 1;  // the first level below 0 that holds data
  while (below < meta.levels.size() && meta.levels[below].files.empty()) ++below;
  if (below == meta.levels.size()) return;
  bool deeper = false;  // data below `below`: the run there was left by an earlier close
  for (size_t l = below + 1; l < meta.levels.size(); ++l) {
    deeper = deeper || !meta.levels[l].files.empty();
  }
  if (deeper && meta.levels[below].size <= 4 * level0.size) {
    MergeFiles(h, {&level0, &meta.levels[below]}, below);
  } else if (level0.files.size() >= 2 && below >= 2) {
    MergeFiles(h, {&level0}, below - 1);
  }
}

// Compacts every file of `levels` into `output_level`, with the family's compression for that
// level. An optimization: a failure is ignored.
void Store::MergeFiles(rocksdb::ColumnFamilyHandle* h,
                       std::initializer_list<const rocksdb::LevelMetaData*> levels,
                       size_t output_level) const {
  std::vector<std::string> names;
  for (const rocksdb::LevelMetaData* level : levels) {
    for (const rocksdb::SstFileMetaData& file : level->files) {
      names.push_back(file.relative_filename);
    }
  }
  rocksdb::CompactionOptions options;
  options.compression = rocksdb::kDisableCompressionOption;  // the family's, for that level
  db_->CompactFiles(options, h, names, static_cast<int>(output_level)).PermitUncheckedError();
}

// The MANIFEST is RocksDB's log of table files added and removed: every open replays it whole.
// A writer appends an edit per flush and compaction, so a load of a million events leaves ~60 KiB
// of edits describing ~20 live tables, and replaying them cost every later CLI command ~0.45 ms
// of its ~4.5 (docs/performance.md). An open for writing starts a new MANIFEST holding just the
// live tables: outgrown means it is over 16 KiB and over four times what a fresh one would hold
// (about 128 bytes a table and 2 KiB of families).
bool Store::ManifestOutgrown() const {
  std::vector<std::string> live;
  uint64_t manifest_bytes = 0;
  if (!db_->GetLiveFiles(live, &manifest_bytes, /*flush_memtable=*/false).ok()) return false;
  uint64_t tables = 0;
  for (const std::string& name : live) tables += absl::EndsWith(name, ".sst") ? 1 : 0;
  return manifest_bytes > (16 << 10) && manifest_bytes > 4 * (128 * tables + (2 << 10));
}

// Opens the closed database for writing and closes it again: RocksDB writes a new MANIFEST with
// the live tables alone and deletes the old one (CURRENT switches by rename, so a failure leaves
// the old one in place). An optimization: a failure (another writer took the lock meanwhile, a
// full disk) is ignored.
void Store::RewriteManifest() const {
  rocksdb::DBOptions options = db_options_;
  options.create_if_missing = false;
  options.create_missing_column_families = false;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  if (!rocksdb::DB::Open(options, path_, families_, &handles, &db).ok()) return;
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  db->Close().PermitUncheckedError();
  delete db;
}

Store::~Store() {
  if (db_ == nullptr) return;
  bool rewrite_manifest = false;
  if (!read_only_) {
    // Leave no write-ahead log behind: read-only openers (every CLI query) would replay it.
    rocksdb::FlushOptions flush;
    const bool flushed = db_->Flush(flush, handles_).ok();
    WaitForCompactions();  // level-0 files being compacted cannot be merged by hand
    if (flushed) CompactLevelZero();
    WaitForCompactions();
    rewrite_manifest = flushed && ManifestOutgrown();  // not after a failure, e.g. a full disk
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  handles_.clear();
  db_->Close().PermitUncheckedError();
  delete db_;
  if (rewrite_manifest) RewriteManifest();
}

}  // namespace annals::internal
