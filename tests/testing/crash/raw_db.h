// Copyright: the Annals authors.
//
// A raw RocksDB handle on an Annals database's column families, for tests that inspect or damage
// a database behind the engine's back. Writes are flushed at once, so they land in table files.
// Column family names and keys: engine/internal/storage/format.h.
#ifndef ANNALS_CRASH_RAW_DB_H_
#define ANNALS_CRASH_RAW_DB_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "internal/storage/day_counts.h"
#include "rocksdb/db.h"

namespace annals::testing {

class RawDb {
 public:
  // Every family of the format (engine/internal/storage/format.h), in its order.
  static constexpr const char* kFamilies[] = {
      "default", "events",       "ids",         "by_actor",    "by_time", "by_type", "dict",
      "history", "old_by_actor", "old_by_time", "old_by_type", "system",  "members", "day_counts"};
  enum Family {
    kDefault,
    kEvents,
    kIds,
    kByActor,
    kByTime,
    kByType,
    kDict,
    kHistory,
    kOldByActor,
    kOldByTime,
    kOldByType,
    kSystem,
    kMembers,
    kDayCounts
  };

  explicit RawDb(const std::string& path, bool read_only = false) {
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const char* name : kFamilies) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    cfs[kDayCounts].options.merge_operator = internal::DayCountMergeOperator();
    rocksdb::Status s = read_only ? rocksdb::DB::OpenForReadOnly({}, path, cfs, &handles_, &db_)
                                  : rocksdb::DB::Open({}, path, cfs, &handles_, &db_);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  ~RawDb() {
    if (db_ == nullptr) return;
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    delete db_;
  }

  rocksdb::DB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* cf(Family f) { return handles_[f]; }

  std::string Get(Family f, const std::string& key) {
    std::string v;
    rocksdb::Status s = db_->Get({}, cf(f), key, &v);
    EXPECT_TRUE(s.ok()) << kFamilies[f] << ": " << s.ToString();
    return v;
  }
  void Put(Family f, const std::string& key, const std::string& value) {
    ASSERT_TRUE(db_->Put({}, cf(f), key, value).ok());
    ASSERT_TRUE(db_->Flush({}, cf(f)).ok());
  }
  void Delete(Family f, const std::string& key) {
    ASSERT_TRUE(db_->Delete({}, cf(f), key).ok());
    ASSERT_TRUE(db_->Flush({}, cf(f)).ok());
  }
  // The first key of the family.
  std::string FirstKey(Family f) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf(f)));
    it->SeekToFirst();
    EXPECT_TRUE(it->Valid());
    return it->Valid() ? it->key().ToString() : "";
  }

 private:
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace annals::testing

#endif  // ANNALS_CRASH_RAW_DB_H_
