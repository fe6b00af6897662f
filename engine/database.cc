// Copyright: the Annals authors.
//
// Database: the public face over Store (files), Writer (puts and deletes), the query cursors and
// the checker.
#include "annals/database.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "annals/record_io.h"
#include "internal/maintenance/checker.h"
#include "internal/maintenance/summary.h"
#include "internal/maintenance/type_list.h"
#include "internal/query/aggregate.h"
#include "internal/query/cursors.h"
#include "internal/query/planned_query.h"
#include "internal/query/text_filter.h"
#include "internal/storage/alias_table.h"
#include "internal/storage/db_directory.h"
#include "internal/storage/dictionary.h"
#include "internal/storage/load_stage.h"
#include "internal/storage/read_view.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/store.h"
#include "internal/storage/versions.h"
#include "internal/storage/writer.h"
#include "internal/text/actor_name.h"
#include "internal/text/normalized_event_access.h"
#include "internal/util/status_macros.h"
#include "rocksdb/utilities/checkpoint.h"

namespace annals {
namespace {

using internal::ReadView;
using internal::Store;

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

// The events, for Writer::Put.
template <typename T, typename Get>
std::vector<Event*> Pointers(std::vector<T>& events, Get get) {
  std::vector<Event*> out;
  out.reserve(events.size());
  for (T& e : events) out.push_back(&get(e));
  return out;
}

// NormalizeEvent on each event; InvalidArgument names the event's index when there are several.
absl::Status NormalizeAll(std::vector<Event>& events) {
  for (size_t i = 0; i < events.size(); ++i) {
    absl::Status s = NormalizeEvent(events[i]);
    if (s.ok()) continue;
    if (events.size() == 1) return s;
    return absl::InvalidArgumentError(absl::StrCat("event ", i, ": ", s.message()));
  }
  return absl::OkStatus();
}

class DatabaseImpl : public Database {
 public:
  DatabaseImpl(std::unique_ptr<Store> store, std::function<int64_t()> clock)
      : store_(std::move(store)), writer_(store_.get(), std::move(clock)) {}

  absl::Status Init() {
    if (store_->read_only()) return absl::OkStatus();
    // What a load left when its process died: never committed, so never part of the database.
    std::error_code ec;
    std::filesystem::remove_all(internal::LoadDirectory(store_->path()), ec);
    return writer_.Load();
  }

  // Events are normalized here, outside the lock; the writer takes them as they are.
  absl::StatusOr<PutResult> Put(std::vector<Event> events) override {
    RETURN_IF_ERROR(CheckWritable());
    RETURN_IF_ERROR(NormalizeAll(events));
    std::vector<Event*> pointers = Pointers(events, [](Event& e) -> Event& { return e; });
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(NotLoading());
    return Latch(writer_.Put(pointers));
  }

  absl::StatusOr<PutResult> PutNormalized(std::vector<NormalizedEvent> events) override {
    RETURN_IF_ERROR(CheckWritable());
    std::vector<Event*> pointers = Pointers(events, internal::NormalizedEventAccess::Get);
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(NotLoading());
    return Latch(writer_.Put(pointers));
  }

  absl::StatusOr<std::unique_ptr<Load>> StartLoad(const LoadOptions& options) override;

  // For LoadImpl: the puts and the commit of load number `load`, which must be the one in
  // progress.
  absl::StatusOr<PutResult> LoadPut(uint64_t load, std::vector<Event*> events) {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(InLoad(load));
    return writer_.Put(events);  // staging writes nothing to the database: no Latch
  }
  absl::StatusOr<int64_t> LoadCommit(uint64_t load) {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(InLoad(load));
    return Latch(writer_.CommitLoad());
  }
  void LoadAbandon(uint64_t load) {
    absl::MutexLock lock(&write_mu_);
    if (InLoad(load).ok()) writer_.AbandonLoad();
  }

  absl::StatusOr<std::vector<bool>> Delete(const std::vector<std::string>& ids) override {
    RETURN_IF_ERROR(CheckWritable());
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(NotLoading());
    return Latch(writer_.Delete(ids));
  }

  absl::StatusOr<Event> Get(std::string_view id, std::optional<int64_t> as_of_us) override {
    const ReadView view = ReadView::AtSnapshot(*store_);
    auto not_found = [&] {
      return absl::NotFoundError("no event with id \"" + std::string(id) + "\"" +
                                 (as_of_us ? " as of " + FormatInstant(*as_of_us) : ""));
    };
    if (as_of_us) {
      ASSIGN_OR_RETURN(internal::AsOf as_of,
                       internal::ResolveAsOf(view, internal::AsOfEnd(*as_of_us)));
      ASSIGN_OR_RETURN(std::optional<internal::StoredEvent> stored,
                       internal::VersionAsOf(view, as_of, id));
      if (!stored) return not_found();
      return std::move(stored->event);
    }
    ASSIGN_OR_RETURN(std::optional<internal::IdEntry> entry, view.FindId(id));
    if (!entry) return not_found();
    ASSIGN_OR_RETURN(internal::StoredEvent stored, view.Record(entry->event_number));
    return std::move(stored.event);
  }

  absl::StatusOr<std::unique_ptr<Cursor>> Query(const annals::Query& query) override {
    if (!query.text.empty()) {  // a post-filter on the records (text_filter.h)
      ASSIGN_OR_RETURN(
          std::unique_ptr<Cursor> all,
          internal::NewQueryCursor(store_.get(), internal::WithoutText(query), &totals_));
      return internal::FilterByText(std::move(all), query);
    }
    return internal::NewQueryCursor(store_.get(), query, &totals_);
  }

  absl::StatusOr<std::vector<CountRow>> Aggregate(const annals::Query& query,
                                                  const Grouping& grouping) override {
    return internal::Aggregate(store_.get(), query, grouping, &totals_);
  }

  absl::StatusOr<uint64_t> Count(const annals::Query& query) override {
    if (!query.text.empty()) {
      ASSIGN_OR_RETURN(std::unique_ptr<Cursor> cursor, Query(query));
      return internal::CountAll(*cursor);
    }
    return internal::CountMatches(store_.get(), query, &totals_);
  }

  absl::StatusOr<std::unique_ptr<Cursor>> Scan(std::optional<int64_t> as_of_us) override {
    return internal::NewScanCursor(store_.get(), as_of_us);
  }

  absl::StatusOr<std::vector<ActorInfo>> Actors(std::string_view prefix,
                                                std::optional<uint64_t> limit,
                                                std::optional<int64_t> as_of_us) override;
  absl::StatusOr<DatabaseStats> Stats(std::optional<int64_t> as_of_us) override;

  absl::StatusOr<std::vector<Version>> History(std::string_view id) override {
    const ReadView view = ReadView::AtSnapshot(*store_);
    ASSIGN_OR_RETURN(std::vector<internal::StoredVersion> stored, internal::VersionsOf(view, id));
    if (stored.empty()) {
      return absl::NotFoundError("no event with id \"" + std::string(id) + "\" was ever stored" +
                                 " (or all its versions were pruned)");
    }
    std::vector<Version> out;
    for (internal::StoredVersion& v : stored) {
      out.push_back(Version{v.system_from, v.system_to, std::move(v.stored.event)});
    }
    return out;
  }

  absl::Status Changes(int64_t after_us, std::optional<int64_t> through_us,
                       const std::function<bool(const Change&)>& fn) override {
    const ReadView view = ReadView::AtSnapshot(*store_);
    const int64_t until = through_us ? internal::AsOfEnd(*through_us) : kPlusInfinity;
    return internal::ForEachChange(
        view, internal::AsOfEnd(after_us), until, [&](const internal::CommitChange& c) {
          Change change{c.system_time, ChangeOp::kPut, c.id, std::nullopt};
          if (c.op == internal::CommitChange::kReplace) change.op = ChangeOp::kReplace;
          if (c.op == internal::CommitChange::kDelete) change.op = ChangeOp::kDelete;
          if (c.stored) change.event = c.stored->event;
          return fn(change);
        });
  }

  absl::StatusOr<uint64_t> Prune(int64_t before_us) override {
    RETURN_IF_ERROR(CheckWritable());
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(NotLoading());
    return Latch(writer_.Prune(before_us));
  }

  absl::StatusOr<std::vector<TypeInfo>> Types() override { return internal::ListTypes(*store_); }

  absl::StatusOr<CheckReport> Check() override { return internal::CheckDatabase(*store_); }

  absl::Status Backup(const std::string& dest) override {
    RETURN_IF_ERROR(CheckWritable());
    RETURN_IF_ERROR(internal::CheckBackupDestination(store_->path(), dest));
    absl::MutexLock lock(&write_mu_);  // no batch half-way through a flush
    rocksdb::Checkpoint* raw = nullptr;
    RETURN_IF_ERROR(internal::FromRocksDb(rocksdb::Checkpoint::Create(store_->db(), &raw), dest));
    std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
    return internal::FromRocksDbPlain(checkpoint->CreateCheckpoint(dest, /*log_size_for_flush=*/0),
                                      "cannot back up to " + dest);
  }

  absl::StatusOr<uint64_t> AddAliases(const std::vector<Alias>& aliases, size_t* failed) override {
    RETURN_IF_ERROR(CheckWritable());
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(writer_.latched());  // a failed write stops every later one
    RETURN_IF_ERROR(NotLoading());
    return internal::AddAliases(*store_, aliases, failed);
  }

  absl::StatusOr<uint64_t> RemoveAlias(std::string_view canonical, std::string_view alias,
                                       std::string_view from, std::string_view to) override {
    RETURN_IF_ERROR(CheckWritable());
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(writer_.latched());  // a failed write stops every later one
    RETURN_IF_ERROR(NotLoading());
    return internal::RemoveAlias(*store_, canonical, alias, from, to);
  }

  absl::StatusOr<std::vector<Alias>> Aliases(std::string_view canonical) override;

  absl::Status Sync() override {
    if (store_->read_only()) return absl::OkStatus();
    absl::MutexLock lock(&write_mu_);
    // After a failed write RocksDB must not touch its log again (Debian's build asserts).
    if (!write_error_.ok()) return write_error_;
    return internal::FromRocksDb(store_->db()->FlushWAL(/*sync=*/true), store_->path());
  }

 private:
  // Remembers the first failed write other than invalid input, for Sync.
  template <typename T>
  T Latch(T result) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    if (!result.ok() && !absl::IsInvalidArgument(result.status()) && write_error_.ok()) {
      write_error_ = result.status();
    }
    return result;
  }

  absl::Status NotLoading() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    if (!writer_.loading()) return absl::OkStatus();
    return absl::FailedPreconditionError(store_->path() +
                                         ": a bulk load is in progress (commit or abandon it)");
  }
  absl::Status InLoad(uint64_t load) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    if (load == loads_ && writer_.loading()) return absl::OkStatus();
    return absl::FailedPreconditionError(store_->path() + ": the load is over");
  }

  absl::Status CheckWritable() const {
    if (!store_->read_only()) return absl::OkStatus();
    return absl::FailedPreconditionError(store_->path() + " is open read-only");
  }

  // The time of the first result of `query`; nullopt when there is none.
  absl::StatusOr<std::optional<EventTime>> FirstTime(const annals::Query& query) {
    ASSIGN_OR_RETURN(std::unique_ptr<Cursor> c, Query(query));
    if (c->Next()) return c->event().time;
    RETURN_IF_ERROR(c->status());
    return std::nullopt;
  }

  std::unique_ptr<Store> store_;
  absl::Mutex write_mu_;
  internal::Writer writer_ ABSL_GUARDED_BY(write_mu_);
  absl::Status write_error_ ABSL_GUARDED_BY(write_mu_);
  uint64_t loads_ ABSL_GUARDED_BY(write_mu_) = 0;  // loads started: the number of the latest
  internal::SharedCounters totals_;
};

// A Load of a DatabaseImpl: its calls go to the writer of the database, under its lock.
class LoadImpl : public Load {
 public:
  LoadImpl(DatabaseImpl* db, uint64_t number) : db_(db), number_(number) {}
  ~LoadImpl() override { db_->LoadAbandon(number_); }

  absl::StatusOr<PutResult> Put(std::vector<Event> events) override {
    if (absl::Status s = NormalizeAll(events); !s.ok()) {
      db_->LoadAbandon(number_);  // an error ends the load
      return s;
    }
    return db_->LoadPut(number_, Pointers(events, [](Event& e) -> Event& { return e; }));
  }
  absl::StatusOr<PutResult> PutNormalized(std::vector<NormalizedEvent> events) override {
    return db_->LoadPut(number_, Pointers(events, internal::NormalizedEventAccess::Get));
  }
  absl::StatusOr<int64_t> Commit() override { return db_->LoadCommit(number_); }

 private:
  DatabaseImpl* db_;
  const uint64_t number_;
};

absl::StatusOr<std::unique_ptr<Load>> DatabaseImpl::StartLoad(const LoadOptions& options) {
  RETURN_IF_ERROR(CheckWritable());
  absl::MutexLock lock(&write_mu_);
  RETURN_IF_ERROR(NotLoading());
  RETURN_IF_ERROR(writer_.StartLoad(options.memory_bytes));
  return std::make_unique<LoadImpl>(this, ++loads_);
}

absl::StatusOr<std::vector<ActorInfo>> DatabaseImpl::Actors(std::string_view prefix,
                                                            std::optional<uint64_t> limit,
                                                            std::optional<int64_t> as_of_us) {
  ASSIGN_OR_RETURN(std::string key_prefix, internal::ActorLookupKey(prefix));
  const std::string start = internal::DictNamePrefix(internal::DictKind::kActor, key_prefix);
  const ReadView view = ReadView::AtSnapshot(*store_);
  std::unique_ptr<rocksdb::Iterator> it = view.NewIterator(internal::kDictCf);
  std::vector<ActorInfo> out;
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    if (limit && out.size() >= *limit) break;
    uint32_t number;
    if (!internal::DecodeDictNumber({it->value().data(), it->value().size()}, &number)) {
      return absl::DataLossError(store_->path() + ": damaged actor dictionary entry");
    }
    ASSIGN_OR_RETURN(internal::DictEntry entry,
                     internal::Dictionary::Get(view, internal::DictKind::kActor, number));
    annals::Query q;
    q.all_actors = {entry.name};
    q.resolve_aliases = false;  // the actor's own events
    q.as_of_us = as_of_us;
    if (as_of_us) {  // the dictionary counts today's versions: count those of then
      ASSIGN_OR_RETURN(entry.event_count, Count(q));
    }
    if (entry.event_count == 0) continue;
    q.limit = 1;
    ActorInfo info{entry.name, entry.event_count, {}, {}};
    ASSIGN_OR_RETURN(std::optional<EventTime> first, FirstTime(q));
    q.reverse = true;
    ASSIGN_OR_RETURN(std::optional<EventTime> last, FirstTime(q));
    if (first) info.first = *first;
    if (last) info.last = *last;
    out.push_back(std::move(info));
  }
  RETURN_IF_ERROR(internal::FromRocksDb(it->status(), store_->path()));
  return out;
}

absl::StatusOr<std::vector<Alias>> DatabaseImpl::Aliases(std::string_view canonical) {
  std::string prefix = internal::AliasPrefix();
  if (!canonical.empty()) {
    absl::StatusOr<std::string> key =
        internal::ActorLookupKey(internal::CollapseWhitespace(canonical));
    if (!key.ok()) return std::vector<Alias>{};  // not valid UTF-8: no stored name
    prefix = internal::AliasPrefix(*key);
  }
  ASSIGN_OR_RETURN(std::vector<internal::AliasRecord> records,
                   internal::ReadAliases(ReadView::AtSnapshot(*store_), prefix));
  std::vector<Alias> out;
  for (internal::AliasRecord& r : records) out.push_back(std::move(r.shown));
  return out;
}

// Every figure but disk_bytes and counters comes from one snapshot.
absl::StatusOr<DatabaseStats> DatabaseImpl::Stats(std::optional<int64_t> as_of_us) {
  const ReadView view = ReadView::AtSnapshot(*store_);
  DatabaseStats stats;
  ASSIGN_OR_RETURN(uint64_t version, view.Meta(internal::kMetaFormatVersion));
  stats.format_version = static_cast<uint32_t>(version);
  ASSIGN_OR_RETURN(std::optional<internal::CommitSpan> commits, internal::Commits(view));
  if (commits) {
    stats.first_commit_us = commits->first;
    stats.last_commit_us = commits->last;
  }
  ASSIGN_OR_RETURN(uint64_t pruned, view.Meta(internal::kMetaPrunedBefore));
  if (pruned != 0) stats.pruned_before_us = static_cast<int64_t>(pruned);
  if (as_of_us) {
    ASSIGN_OR_RETURN(internal::SummaryAsOf summary, internal::SummarizeAsOf(view, *as_of_us));
    stats.events = summary.events;
    stats.actors = summary.actors;
    stats.types = summary.types;
    stats.min_start_us = summary.bounds.min_start_us;
    stats.max_end_us = summary.bounds.max_end_us;
  } else {
    ASSIGN_OR_RETURN(stats.events, view.Meta(internal::kMetaEventCount));
    ASSIGN_OR_RETURN(internal::DictionaryCounts counts, internal::CountDictionary(view));
    stats.actors = counts.actors;
    stats.types = counts.types;
    ASSIGN_OR_RETURN(internal::SpanBounds bounds, internal::ComputeSpanBounds(view));
    stats.min_start_us = bounds.min_start_us;
    stats.max_end_us = bounds.max_end_us;
  }
  stats.disk_bytes = DirectoryBytes(store_->path());
  stats.counters = totals_.Get();
  return stats;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                         const Options& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(path, options));
  auto db = std::make_unique<DatabaseImpl>(std::move(store), options.clock);
  RETURN_IF_ERROR(db->Init());
  return db;
}

}  // namespace annals
