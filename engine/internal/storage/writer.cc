// Copyright: the Annals authors.
#include "internal/storage/writer.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "internal/storage/day_counts.h"
#include "internal/storage/index_entries.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"
#include "internal/storage/versions.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

Date IngestDate(int64_t now_us) { return Date{now_us - now_us % 1'000'000, Precision::kSecond, 0}; }

}  // namespace

Writer::Writer(const Store* store, std::function<int64_t()> clock)
    : store_(store),
      clock_(clock ? std::move(clock) : [] { return absl::ToUnixMicros(absl::Now()); }),
      latest_(ReadView::Latest(*store)),
      actors_(store, DictKind::kActor),
      types_(store, DictKind::kType),
      roles_(store, DictKind::kRole) {}

absl::Status Writer::Load() {
  RETURN_IF_ERROR(actors_.Load());
  RETURN_IF_ERROR(types_.Load());
  RETURN_IF_ERROR(roles_.Load());
  ASSIGN_OR_RETURN(uint64_t next, latest_.Meta(kMetaNextEvent));
  next_event_number_ = next == 0 ? 1 : next;
  ASSIGN_OR_RETURN(event_count_, latest_.Meta(kMetaEventCount));
  ASSIGN_OR_RETURN(crowded_events_, latest_.Meta(kMetaCrowdedEvents));
  ASSIGN_OR_RETURN(uint64_t mask, latest_.Meta(kMetaTimeClasses));
  time_classes_ = static_cast<ClassMask>(mask);
  ASSIGN_OR_RETURN(uint64_t last, latest_.Meta(kMetaLastSystemTime));
  last_system_time_ = static_cast<int64_t>(last);
  return absl::OkStatus();
}

void Writer::Begin() {
  // Strictly increasing, and never below 1: keys order system times as unsigned numbers.
  batch_time_ = std::max({clock_(), last_system_time_ + 1, int64_t{1}});
  batch_first_event_ = next_event_number_;
  batch_changed_ = false;
}

absl::StatusOr<PutResult> Writer::Put(absl::Span<Event* const> events) {
  RETURN_IF_ERROR(latched_);
  if (!loading()) Begin();
  PutResult result;
  for (size_t i = 0; i < events.size(); ++i) {
    absl::Status s = PutOne(*events[i], &result);
    if (!s.ok()) {
      if (events.size() > 1 && absl::IsInvalidArgument(s)) {
        s = absl::InvalidArgumentError(absl::StrCat("event ", i, ": ", s.message()));
      }
      return loading() ? FailLoad(s) : Rollback(s);
    }
  }
  if (loading()) {
    RETURN_IF_ERROR(Stage());
    return result;
  }
  RETURN_IF_ERROR(Commit());
  if (batch_changed_) result.system_time_us = batch_time_;
  return result;
}

absl::Status Writer::StartLoad(size_t memory_bytes) {
  RETURN_IF_ERROR(latched_);
  if (loading()) return absl::FailedPreconditionError(store_->path() + ": a load is in progress");
  Begin();
  ASSIGN_OR_RETURN(load_, LoadStage::Create(store_, memory_bytes, /*database_empty=*/
                                            event_count_ == 0, batch_first_event_));
  return absl::OkStatus();
}

absl::Status Writer::Stage() {
  AddDayCounts();  // per Put, as merge operands: the stage adds them up
  absl::Status s = load_->Add(batch_);
  batch_.Clear();
  pending_.clear();
  return s.ok() ? s : FailLoad(s);
}

absl::StatusOr<int64_t> Writer::CommitLoad() {
  RETURN_IF_ERROR(latched_);
  if (!loading()) return absl::FailedPreconditionError(store_->path() + ": no load in progress");
  if (!batch_changed_) {
    AbandonLoad();
    return 0;
  }
  AddCommitEntries();
  absl::Status s = load_->Add(batch_);
  if (s.ok()) s = load_->Commit();
  // IngestExternalFiles is atomic: on an error the database is as before the load.
  if (!s.ok()) return FailLoad(s);
  load_.reset();
  Committed();
  return batch_time_;
}

void Writer::AbandonLoad() {
  if (!loading()) return;
  FailLoad(absl::CancelledError("load abandoned")).IgnoreError();
}

absl::Status Writer::FailLoad(absl::Status cause) {
  load_.reset();
  return Rollback(std::move(cause));
}

absl::StatusOr<std::vector<bool>> Writer::Delete(const std::vector<std::string>& ids) {
  RETURN_IF_ERROR(latched_);
  if (loading()) return absl::FailedPreconditionError(store_->path() + ": a load is in progress");
  Begin();
  std::vector<bool> found;
  for (const std::string& id : ids) {
    absl::StatusOr<std::optional<Existing>> old = Find(id);
    if (!old.ok()) return Rollback(old.status());
    found.push_back(old->has_value());
    if (!old->has_value()) continue;
    absl::Status s = event_count_ == 0 ? absl::DataLossError(store_->path() +
                                                             ": meta counts no events (run annals "
                                                             "check)")
                                       : Close(**old, /*replaced=*/false);
    if (!s.ok()) return Rollback(s);
    batch_.Delete(store_->cf(kIdsCf), id);
    --event_count_;
    pending_[id] = std::nullopt;
  }
  RETURN_IF_ERROR(Commit());
  return found;
}

absl::Status Writer::PutOne(Event& event, PutResult* result) {
  std::string id = std::move(event.id);
  event.id.clear();
  event.ingested_us = 0;
  StoredEvent stored;
  stored.content_hash = HashContent(event);
  event.id = id.empty() ? absl::BytesToHexString(stored.content_hash) : std::move(id);
  ASSIGN_OR_RETURN(std::optional<Existing> old, Find(event.id));
  if (old && old->stored.content_hash == stored.content_hash) {
    ++result->unchanged;
    return absl::OkStatus();
  }
  uint64_t number;
  if (old && old->opened_in_batch) {
    // Written twice in one commit: one version, the last.
    RETURN_IF_ERROR(Remove(*old));
    number = old->event_number;
    ++result->replaced;
  } else if (old) {
    // The id keeps its event number (ties keep their first-stored order); the version it had is
    // closed.
    RETURN_IF_ERROR(Close(*old, /*replaced=*/true));
    number = old->event_number;
    ++result->replaced;
  } else {
    number = next_event_number_++;
    ++event_count_;
    ++result->added;
  }
  batch_changed_ = true;
  const int64_t now = batch_time_;
  stored.event = std::move(event);
  stored.event.ingested_us = now;
  if (!stored.event.recorded) stored.event.recorded = IngestDate(now);
  RETURN_IF_ERROR(Resolve(&stored));
  RETURN_IF_ERROR(AddIndex(stored, number));
  batch_.Put(store_->cf(kEventsCf), EncodeEventKey(number), EncodeRecord(stored));
  batch_.Put(store_->cf(kMembersCf), EncodeEventKey(number),
             EncodeMembers(stored.actor_numbers, stored.role_numbers));
  batch_.Put(store_->cf(kIdsCf), stored.event.id,
             EncodeIdEntry(IdEntry{number, stored.content_hash}));
  std::string key = stored.event.id;
  pending_[key] = Existing{number, std::move(stored), /*opened_in_batch=*/true};
  return absl::OkStatus();
}

absl::Status Writer::Resolve(StoredEvent* s) {
  if (!s->event.type.empty()) {
    ASSIGN_OR_RETURN(s->type_number, types_.GetOrCreate(s->event.type, s->event.type));
  }
  s->actor_numbers.clear();
  s->role_numbers.clear();
  for (const Actor& actor : s->event.actors) {
    ASSIGN_OR_RETURN(std::string key, ActorLookupKey(actor.name));
    ASSIGN_OR_RETURN(uint32_t number, actors_.GetOrCreate(key, actor.name));
    s->actor_numbers.push_back(number);
    ASSIGN_OR_RETURN(std::string role_key, ActorLookupKey(actor.role));
    if (role_key.empty()) {
      s->role_numbers.push_back(0);
      continue;
    }
    ASSIGN_OR_RETURN(uint32_t role, roles_.GetOrCreate(role_key, actor.role));
    s->role_numbers.push_back(role);
  }
  return absl::OkStatus();
}

// Adds `delta` (+1 or -1) to the counts of the event's actors, type and roles; +1 also records
// the event's span class. DataLoss if a count would go below zero.
absl::Status Writer::Count(const StoredEvent& s, const std::vector<ActorRoles>& actors, int delta) {
  const ClassMask bit = delta > 0 ? static_cast<ClassMask>(1u << ClassOf(s.event)) : 0;
  auto count = [&](Dictionary& dict, uint32_t number) -> absl::Status {
    ASSIGN_OR_RETURN(DictEntry * entry, dict.Mutable(number));
    if (delta < 0 && entry->event_count == 0) {
      return absl::DataLossError(store_->path() + ": dictionary count of \"" + entry->name +
                                 "\" is already 0 (run annals check)");
    }
    entry->event_count += delta;
    entry->classes |= bit;
    return absl::OkStatus();
  };
  for (const ActorRoles& a : actors) {
    RETURN_IF_ERROR(count(actors_, a.actor));
    for (uint32_t role : a.roles) {
      if (role != 0) RETURN_IF_ERROR(count(roles_, role));
    }
  }
  if (s.type_number != 0) RETURN_IF_ERROR(count(types_, s.type_number));
  if (actors.size() > kMaxPairedActors) {
    if (delta < 0 && crowded_events_ == 0) {
      return absl::DataLossError(store_->path() +
                                 ": meta counts no crowded events (run annals check)");
    }
    crowded_events_ += delta;
  }
  return absl::OkStatus();
}

absl::Status Writer::AddIndex(const StoredEvent& s, uint64_t event_number) {
  time_classes_ |= static_cast<ClassMask>(1u << ClassOf(s.event));
  const std::vector<ActorRoles> actors = GroupActorRoles(s);
  RETURN_IF_ERROR(Count(s, actors, +1));
  ForEachIndexEntry(s, actors, event_number, Covering::kWith,
                    [&](ColumnFamily cf, const std::string& key, const std::string& v) {
                      batch_.Put(store_->cf(cf), key, v);
                    });
  ForEachDayCount(s, actors, [&](const DayCountId& d) { ++day_deltas_[d]; });
  return absl::OkStatus();
}

absl::Status Writer::Remove(const Existing& old) {
  const std::vector<ActorRoles> actors = GroupActorRoles(old.stored);
  RETURN_IF_ERROR(Count(old.stored, actors, -1));
  ForEachIndexEntry(old.stored, actors, old.event_number, Covering::kWithout,
                    [&](ColumnFamily cf, const std::string& key, const std::string&) {
                      batch_.Delete(store_->cf(cf), key);
                    });
  ForEachDayCount(old.stored, actors, [&](const DayCountId& d) { --day_deltas_[d]; });
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Writer::Prune(int64_t before_us) {
  RETURN_IF_ERROR(latched_);
  if (loading()) return absl::FailedPreconditionError(store_->path() + ": a load is in progress");
  constexpr size_t kPerBatch = 4096;
  ASSIGN_OR_RETURN(uint64_t pruned, latest_.Meta(kMetaPrunedBefore));
  if (before_us > static_cast<int64_t>(pruned)) {
    // The pruning point first: from here on, as-of reads before it are refused, also while the
    // versions are being removed.
    rocksdb::WriteBatch point;
    point.Put(store_->cf(kDefaultCf), std::string(kMetaPrunedBefore),
              EncodeMeta(static_cast<uint64_t>(before_us)));
    rocksdb::Status s = store_->db()->Write(store_->write_options(), &point);
    if (!s.ok()) return Latch(FromRocksDb(s, store_->path()));
  }
  const std::string end = ClosedKey(before_us, 0);
  uint64_t removed = 0;
  for (;;) {
    std::unique_ptr<rocksdb::Iterator> it = latest_.NewIterator(kSystemCf, /*fill_cache=*/false);
    size_t n = 0;
    for (it->Seek(std::string(1, kClosedTag)); it->Valid() && n < kPerBatch; it->Next(), ++n) {
      const std::string_view key(it->key().data(), it->key().size());
      if (key.empty() || key[0] != kClosedTag || key >= end) break;
      int64_t closed_at;
      uint64_t number;
      Closing closing;
      if (!DecodeClosedKey(key, &closed_at, &number) ||
          !DecodeClosing({it->value().data(), it->value().size()}, &closing)) {
        return Rollback(absl::DataLossError(store_->path() + ": damaged closing entry"));
      }
      const std::string version = VersionKey(number, closing.system_from);
      absl::StatusOr<std::optional<std::string>> value = latest_.Get(kHistoryCf, version);
      if (!value.ok()) return Rollback(value.status());
      int64_t system_to;
      std::string_view record;
      if (!*value || !DecodeHistoryValue(**value, &system_to, &record)) {
        return Rollback(absl::DataLossError(store_->path() + ": closed version " +
                                            std::to_string(number) + " has no history record"));
      }
      absl::StatusOr<StoredEvent> stored = DecodeRecord(record);
      if (!stored.ok()) return Rollback(stored.status());
      ForEachIndexEntry(*stored, number, Covering::kWithout,
                        [&](ColumnFamily cf, const std::string& k, const std::string&) {
                          batch_.Delete(store_->cf(OldIndexOf(cf)),
                                        OldIndexKey(k, closing.system_from, system_to));
                        });
      batch_.Delete(store_->cf(kHistoryCf), version);
      batch_.Delete(store_->cf(kSystemCf), key);
      batch_.Delete(store_->cf(kSystemCf), IdVersionKey(closing.id, number, closing.system_from));
    }
    if (!it->status().ok()) return Rollback(FromRocksDb(it->status(), store_->path()));
    if (n == 0) break;
    rocksdb::Status s = store_->db()->Write(store_->write_options(), &batch_);
    if (!s.ok()) return Latch(FromRocksDb(s, store_->path()));
    batch_.Clear();
    removed += n;
  }
  // Give the space back: the removed versions' entries are tombstones until compacted.
  for (ColumnFamily f : {kHistoryCf, kOldByActorCf, kOldByTimeCf, kOldByTypeCf, kSystemCf}) {
    rocksdb::CompactRangeOptions options;
    rocksdb::Status s = store_->db()->CompactRange(options, store_->cf(f), nullptr, nullptr);
    if (!s.ok()) return FromRocksDb(s, store_->path());
  }
  return removed;
}

absl::StatusOr<int64_t> Writer::CurrentFrom(uint64_t event_number) {
  ASSIGN_OR_RETURN(std::optional<std::string> reopened,
                   latest_.Get(kSystemCf, ReopenedKey(event_number)));
  uint64_t from;
  if (reopened) {
    if (!DecodeMeta(*reopened, &from)) {
      return absl::DataLossError(store_->path() + ": damaged version entry (run annals check)");
    }
    return static_cast<int64_t>(from);
  }
  return OpenedAt(latest_, event_number);
}

absl::Status Writer::Close(const Existing& old, bool replaced) {
  RETURN_IF_ERROR(Remove(old));
  const uint64_t number = old.event_number;
  ASSIGN_OR_RETURN(const int64_t from, CurrentFrom(number));
  if (from >= batch_time_) {
    return absl::DataLossError(store_->path() +
                               ": a version opens after the commit closing it "
                               "(run annals check)");
  }
  batch_.Put(store_->cf(kHistoryCf), VersionKey(number, from),
             EncodeHistoryValue(batch_time_, EncodeRecord(old.stored)));
  ForEachIndexEntry(old.stored, number, Covering::kWithout,
                    [&](ColumnFamily cf, const std::string& key, const std::string& v) {
                      batch_.Put(store_->cf(OldIndexOf(cf)), OldIndexKey(key, from, batch_time_),
                                 v);
                    });
  batch_.Put(store_->cf(kSystemCf), ClosedKey(batch_time_, number),
             EncodeClosing(Closing{replaced, from, old.stored.event.id}));
  batch_.Put(store_->cf(kSystemCf), IdVersionKey(old.stored.event.id, number, from), "");
  if (replaced) {
    batch_.Put(store_->cf(kSystemCf), ReopenedKey(number),
               EncodeMeta(static_cast<uint64_t>(batch_time_)));
  } else {
    batch_.Delete(store_->cf(kEventsCf), EncodeEventKey(number));
    batch_.Delete(store_->cf(kMembersCf), EncodeEventKey(number));
    batch_.Delete(store_->cf(kSystemCf), ReopenedKey(number));
  }
  batch_changed_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Writer::Existing>> Writer::Find(const std::string& id) {
  if (auto it = pending_.find(id); it != pending_.end()) return it->second;
  if (loading()) {
    // A version staged earlier in the load is the load's own, as in one batch.
    ASSIGN_OR_RETURN(auto staged, load_->Find(id));
    if (staged) return Existing{staged->first, std::move(staged->second), /*opened_in_batch=*/true};
    if (load_->database_empty()) return std::nullopt;
  }
  ASSIGN_OR_RETURN(std::optional<IdEntry> entry, latest_.FindId(id));
  if (!entry) return std::nullopt;
  ASSIGN_OR_RETURN(StoredEvent stored, latest_.Record(entry->event_number));
  return Existing{entry->event_number, std::move(stored)};
}

void Writer::AddCommitEntries() {
  rocksdb::ColumnFamilyHandle* meta = store_->cf(kDefaultCf);
  actors_.Flush(&batch_);
  types_.Flush(&batch_);
  roles_.Flush(&batch_);
  AddDayCounts();
  batch_.Put(meta, std::string(kMetaNextEvent), EncodeMeta(next_event_number_));
  batch_.Put(meta, std::string(kMetaEventCount), EncodeMeta(event_count_));
  batch_.Put(meta, std::string(kMetaCrowdedEvents), EncodeMeta(crowded_events_));
  batch_.Put(meta, std::string(kMetaTimeClasses), EncodeMeta(time_classes_));
  if (batch_changed_) {
    batch_.Put(store_->cf(kSystemCf), CommitKey(batch_time_), EncodeMeta(batch_first_event_));
    if (next_event_number_ > batch_first_event_) {
      batch_.Put(store_->cf(kSystemCf), CommitByEventKey(batch_first_event_),
                 EncodeMeta(static_cast<uint64_t>(batch_time_)));
    }
    batch_.Put(meta, std::string(kMetaLastSystemTime),
               EncodeMeta(static_cast<uint64_t>(batch_time_)));
  }
}

// One merge operand per day count key that the batch changes, however many events share it.
void Writer::AddDayCounts() {
  for (const auto& [day, delta] : day_deltas_) {
    if (delta != 0) batch_.Merge(store_->cf(kDayCountsCf), DayCountKey(day), EncodeDayCount(delta));
  }
  day_deltas_.clear();
}

absl::Status Writer::Commit() {
  AddCommitEntries();
  rocksdb::Status s = store_->db()->Write(store_->write_options(), &batch_);
  // The batch may or may not have reached the log: memory and disk may be apart.
  if (!s.ok()) return Latch(FromRocksDb(s, store_->path()));
  Committed();
  return absl::OkStatus();
}

void Writer::Committed() {
  batch_.Clear();
  pending_.clear();
  if (batch_changed_) last_system_time_ = batch_time_;
  actors_.Committed();
  types_.Committed();
  roles_.Committed();
}

absl::Status Writer::Rollback(absl::Status cause) {
  batch_.Clear();
  pending_.clear();
  day_deltas_.clear();
  absl::Status reload = actors_.Reset();
  reload.Update(types_.Reset());
  reload.Update(roles_.Reset());
  reload.Update(Load());
  if (!reload.ok()) {
    Latch(
        absl::Status(reload.code(), absl::StrCat("reloading the writer's state after \"",
                                                 cause.message(), "\" failed: ", reload.message())))
        .IgnoreError();  // Latch returns its cause; the cause returned here is `cause`
  }
  return cause;
}

absl::Status Writer::Latch(absl::Status cause) {
  batch_.Clear();
  pending_.clear();
  day_deltas_.clear();
  latched_ = absl::Status(cause.code(), absl::StrCat("writes stopped after a failed write (reopen "
                                                     "the database to go on): ",
                                                     cause.message()));
  return cause;
}

}  // namespace annals::internal
