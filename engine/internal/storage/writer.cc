// Copyright: the Annals authors.
#include "internal/storage/writer.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "annals/record_io.h"
#include "internal/text/actor_name.h"
#include "internal/storage/index_entries.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/rocks_status.h"
#include "internal/storage/span_class.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

Date IngestDate(int64_t now_us) { return Date{now_us - now_us % 1'000'000, Precision::kSecond, 0}; }

}  // namespace

Writer::Writer(const Store* store)
    : store_(store), actors_(store, DictKind::kActor), types_(store, DictKind::kType) {}

absl::Status Writer::Load() {
  RETURN_IF_ERROR(actors_.Load());
  RETURN_IF_ERROR(types_.Load());
  ASSIGN_OR_RETURN(uint64_t next, store_->GetMeta(kMetaNextEvent, nullptr));
  next_event_ = next == 0 ? 1 : next;
  ASSIGN_OR_RETURN(event_count_, store_->GetMeta(kMetaEventCount, nullptr));
  ASSIGN_OR_RETURN(uint64_t mask, store_->GetMeta(kMetaTimeClasses, nullptr));
  time_classes_ = static_cast<ClassMask>(mask);
  return absl::OkStatus();
}

absl::StatusOr<PutResult> Writer::Put(std::vector<Event> events) {
  PutResult result;
  for (size_t i = 0; i < events.size(); ++i) {
    absl::Status s = PutOne(events[i], &result);
    if (!s.ok()) {
      if (events.size() > 1 && absl::IsInvalidArgument(s)) {
        s = absl::InvalidArgumentError(absl::StrCat("event ", i, ": ", s.message()));
      }
      return Rollback(s);
    }
  }
  RETURN_IF_ERROR(Commit());
  return result;
}

absl::StatusOr<std::vector<bool>> Writer::Delete(const std::vector<std::string>& ids) {
  std::vector<bool> found;
  for (const std::string& id : ids) {
    absl::StatusOr<std::optional<Existing>> old = Find(id);
    if (!old.ok()) return Rollback(old.status());
    found.push_back(old->has_value());
    if (!old->has_value()) continue;
    absl::Status s = Remove(**old);
    if (!s.ok()) return Rollback(s);
    batch_.Delete(store_->cf(kEventsCf), EncodeEventKey((*old)->event));
    batch_.Delete(store_->cf(kIdsCf), id);
    --event_count_;
    pending_[id] = std::nullopt;
  }
  RETURN_IF_ERROR(Commit());
  return found;
}

absl::Status Writer::PutOne(Event& event, PutResult* result) {
  RETURN_IF_ERROR(NormalizeEvent(event));
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
  if (old) {
    RETURN_IF_ERROR(Remove(*old));
    number = old->event;
    ++result->replaced;
  } else {
    number = next_event_++;
    ++event_count_;
    ++result->added;
  }
  const int64_t now = absl::ToUnixMicros(absl::Now());
  stored.event = std::move(event);
  stored.event.ingested_us = now;
  if (!stored.event.recorded) stored.event.recorded = IngestDate(now);
  RETURN_IF_ERROR(Resolve(&stored));
  RETURN_IF_ERROR(AddIndex(stored, number));
  batch_.Put(store_->cf(kEventsCf), EncodeEventKey(number), EncodeRecord(stored));
  batch_.Put(store_->cf(kIdsCf), stored.event.id,
             EncodeIdEntry(IdEntry{number, stored.content_hash}));
  std::string key = stored.event.id;
  pending_[key] = Existing{number, std::move(stored)};
  return absl::OkStatus();
}

absl::Status Writer::Resolve(StoredEvent* s) {
  if (!s->event.type.empty()) {
    ASSIGN_OR_RETURN(s->type_number, types_.GetOrCreate(s->event.type, s->event.type));
  }
  s->actor_numbers.clear();
  for (const Actor& actor : s->event.actors) {
    ASSIGN_OR_RETURN(std::string key, ActorLookupKey(actor.name));
    ASSIGN_OR_RETURN(uint32_t number, actors_.GetOrCreate(key, actor.name));
    s->actor_numbers.push_back(number);
  }
  return absl::OkStatus();
}

absl::Status Writer::AddIndex(const StoredEvent& s, uint64_t event) {
  const ClassMask bit = static_cast<ClassMask>(1u << ClassOf(s.event));
  time_classes_ |= bit;
  for (uint32_t actor : s.actor_numbers) {
    ASSIGN_OR_RETURN(DictEntry * entry, actors_.Mutable(actor));
    ++entry->event_count;
    entry->classes |= bit;
  }
  if (s.type_number != 0) {
    ASSIGN_OR_RETURN(DictEntry * entry, types_.Mutable(s.type_number));
    ++entry->event_count;
    entry->classes |= bit;
  }
  ForEachIndexEntry(s, event, [&](ColumnFamily cf, const std::string& key, const std::string& v) {
    batch_.Put(store_->cf(cf), key, v);
  });
  return absl::OkStatus();
}

absl::Status Writer::Remove(const Existing& old) {
  for (uint32_t actor : old.stored.actor_numbers) {
    ASSIGN_OR_RETURN(DictEntry * entry, actors_.Mutable(actor));
    if (entry->event_count > 0) --entry->event_count;
  }
  if (old.stored.type_number != 0) {
    ASSIGN_OR_RETURN(DictEntry * entry, types_.Mutable(old.stored.type_number));
    if (entry->event_count > 0) --entry->event_count;
  }
  ForEachIndexEntry(old.stored, old.event,
                    [&](ColumnFamily cf, const std::string& key, const std::string&) {
                      batch_.Delete(store_->cf(cf), key);
                    });
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Writer::Existing>> Writer::Find(const std::string& id) {
  if (auto it = pending_.find(id); it != pending_.end()) return it->second;
  std::string value;
  rocksdb::Status s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(kIdsCf), id, &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(s, store_->path()));
  IdEntry entry;
  if (!DecodeIdEntry(value, &entry)) {
    return absl::DataLossError(store_->path() + ": damaged id entry \"" + id + "\"");
  }
  std::string record;
  s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(kEventsCf), EncodeEventKey(entry.event),
                        &record);
  if (s.IsNotFound()) {
    return absl::DataLossError(store_->path() + ": id \"" + id + "\" names a missing record");
  }
  RETURN_IF_ERROR(FromRocksDb(s, store_->path()));
  ASSIGN_OR_RETURN(StoredEvent stored, DecodeRecord(record));
  return Existing{entry.event, std::move(stored)};
}

absl::Status Writer::Commit() {
  rocksdb::ColumnFamilyHandle* meta = store_->cf(kDefaultCf);
  actors_.Flush(&batch_);
  types_.Flush(&batch_);
  batch_.Put(meta, std::string(kMetaNextEvent), EncodeMeta(next_event_));
  batch_.Put(meta, std::string(kMetaEventCount), EncodeMeta(event_count_));
  batch_.Put(meta, std::string(kMetaTimeClasses), EncodeMeta(time_classes_));
  rocksdb::Status s = store_->db()->Write(store_->write_options(), &batch_);
  if (!s.ok()) return Rollback(FromRocksDb(s, store_->path()));
  batch_.Clear();
  pending_.clear();
  actors_.Committed();
  types_.Committed();
  return absl::OkStatus();
}

absl::Status Writer::Rollback(absl::Status cause) {
  batch_.Clear();
  pending_.clear();
  absl::Status s = actors_.Reset();
  s.Update(types_.Reset());
  s.Update(Load());
  return cause;
}

}  // namespace annals::internal
