// Copyright: the Annals authors.
//
// What a closing writer leaves behind for the readers that open after it (store.cc).
#include "internal/storage/store.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "internal/storage/format.h"
#include "rocksdb/metadata.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals::internal {
namespace {

// The size of the MANIFEST that CURRENT names.
uint64_t ManifestBytes(const std::string& path) {
  std::ifstream current(path + "/CURRENT");
  std::string name;
  std::getline(current, name);
  return std::filesystem::file_size(path + "/" + name);
}

// Expects the default family to hold `prefix` 0 ... `prefix` n-1, each with the value "v".
void ExpectKeys(const Store& store, const std::string& prefix, int n) {
  for (int i = 0; i < n; ++i) {
    std::string value;
    const rocksdb::Status s = store.db()->Get(rocksdb::ReadOptions(), store.cf(kDefaultCf),
                                              prefix + std::to_string(i), &value);
    EXPECT_TRUE(s.ok()) << prefix << i << ": " << s.ToString();
    EXPECT_EQ(value, "v") << prefix << i;
  }
}

// Every open replays the whole MANIFEST, one edit per flush and compaction of the writer that
// made it. A writer that made many leaves a fresh one holding only the live tables.
TEST(StoreTest, AWriterThatFlushedOftenLeavesASmallManifest) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  constexpr int kFlushes = 300;
  {
    Options options;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(path, options));
    for (int i = 0; i < kFlushes; ++i) {
      // Keys outside every meta name: only this test reads them.
      const std::string key = "~store_test " + std::to_string(i);
      ASSERT_TRUE(store->db()->Put(store->write_options(), store->cf(kDefaultCf), key, "v").ok());
      ASSERT_TRUE(store->db()->Flush(rocksdb::FlushOptions(), store->cf(kDefaultCf)).ok());
    }
    // Hundreds of edits: far above what the live tables need.
    EXPECT_GT(ManifestBytes(path), 32u << 10);
  }
  EXPECT_LT(ManifestBytes(path), 16u << 10);

  Options read_only;
  read_only.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
  ExpectKeys(*reader, "~store_test ", kFlushes);
}

// The table files of `f`, by level.
std::vector<std::vector<std::string>> FilesByLevel(const Store& store, ColumnFamily f) {
  rocksdb::ColumnFamilyMetaData meta;
  store.db()->GetColumnFamilyMetaData(store.cf(f), &meta);
  std::vector<std::vector<std::string>> out;
  for (const rocksdb::LevelMetaData& level : meta.levels) {
    out.emplace_back();
    for (const rocksdb::SstFileMetaData& file : level.files) {
      out.back().push_back(file.relative_filename);
    }
  }
  return out;
}

// Writes `files` level-0 files of ten keys each, `prefix` first * 10 ... (first + files) * 10 - 1.
void WriteSmallFiles(Store& store, const std::string& prefix, int first, int files) {
  for (int f = first; f < first + files; ++f) {
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(store.db()
                      ->Put(store.write_options(), store.cf(kDefaultCf),
                            prefix + std::to_string(f * 10 + i), "v")
                      .ok());
    }
    ASSERT_TRUE(store.db()->Flush(rocksdb::FlushOptions(), store.cf(kDefaultCf)).ok());
  }
}

// Makes a database whose default family holds ~2 MB in one bottom file, then three small level-0
// files; returns the name of the bottom file.
std::string MakeBottomAndThreeSmallFiles(const std::string& path) {
  Options options;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return "";
  rocksdb::DB* db = (*store)->db();
  const std::string filler(100, 'x');
  for (int i = 0; i < 20000; ++i) {
    EXPECT_TRUE(db->Put((*store)->write_options(), (*store)->cf(kDefaultCf),
                        "~big " + std::to_string(i), filler)
                    .ok());
  }
  EXPECT_TRUE(
      db->CompactRange(rocksdb::CompactRangeOptions(), (*store)->cf(kDefaultCf), nullptr, nullptr)
          .ok());
  WriteSmallFiles(**store, "~small ", 0, 3);
  const std::vector<std::vector<std::string>> levels = FilesByLevel(**store, kDefaultCf);
  EXPECT_EQ(levels[0].size(), 3u);
  EXPECT_EQ(levels.back().size(), 1u);
  return levels.back().empty() ? "" : levels.back()[0];
}

// The levels of `levels` that hold files.
std::vector<size_t> NonEmptyLevels(const std::vector<std::vector<std::string>>& levels) {
  std::vector<size_t> out;
  for (size_t l = 0; l < levels.size(); ++l) {
    if (!levels[l].empty()) out.push_back(l);
  }
  return out;
}

// Level-0 files are sorted runs that every query merges. A closing writer merges a large
// family's level 0 into one file above its data, without rewriting that data.
TEST(StoreTest, AClosingWriterMergesSmallLevelZeroFilesAboveTheData) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  const std::string bottom_file = MakeBottomAndThreeSmallFiles(path);
  ASSERT_FALSE(bottom_file.empty());
  Options read_only;
  read_only.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
  const std::vector<std::vector<std::string>> levels = FilesByLevel(*reader, kDefaultCf);
  EXPECT_TRUE(levels[0].empty());
  EXPECT_EQ(levels[levels.size() - 2].size(), 1u);                  // the three, merged
  EXPECT_EQ(levels.back(), std::vector<std::string>{bottom_file});  // not rewritten
  ExpectKeys(*reader, "~small ", 30);
}

// A later writer session merges its level 0 into the run an earlier close left above the data,
// in that run's level: sessions do not stack one more run each.
TEST(StoreTest, LaterSessionsMergeIntoTheRunAboveTheData) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  const std::string bottom_file = MakeBottomAndThreeSmallFiles(path);
  ASSERT_FALSE(bottom_file.empty());
  for (int session = 1; session <= 3; ++session) {
    Options options;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(path, options));
    WriteSmallFiles(*store, "~small ", 1 + 2 * session, 2);  // after the first three files
  }
  Options read_only;
  read_only.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
  const std::vector<std::vector<std::string>> levels = FilesByLevel(*reader, kDefaultCf);
  const size_t bottom = levels.size() - 1;
  EXPECT_EQ(NonEmptyLevels(levels), (std::vector<size_t>{bottom - 1, bottom}));
  EXPECT_EQ(levels[bottom - 1].size(), 1u);  // 3 + 3 * 2 small files, merged
  EXPECT_EQ(levels[bottom], std::vector<std::string>{bottom_file});  // not rewritten
  ExpectKeys(*reader, "~small ", 90);
}

// A bulk load leaves its tables in level 0 while it writes (compacting them each time four pile
// up rewrites the data below again and again); the closing writer merges them.
TEST(StoreTest, ABulkLoadDefersCompactionsUntilItCloses) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  constexpr int kFiles = 12;
  {
    Options options;
    options.bulk_ingest = true;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(path, options));
    WriteSmallFiles(*store, "~small ", 0, kFiles);
    store->WaitForCompactions();
    EXPECT_EQ(FilesByLevel(*store, kDefaultCf)[0].size(), static_cast<size_t>(kFiles));
  }
  Options read_only;
  read_only.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
  EXPECT_TRUE(FilesByLevel(*reader, kDefaultCf)[0].empty());
  ExpectKeys(*reader, "~small ", 10 * kFiles);
}

// A reader replays the writer's log. If the log it listed is gone when it opens it, time and
// again (a writer that flushes and deletes logs faster than the reader replays them), it opens at
// the writer's last flush instead of failing. A dangling link named as a log stands for a log
// deleted between the listing and the opening.
TEST(StoreTest, AReaderThatKeepsLosingALogOpensAtTheLastFlush) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  Options options;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> writer, Store::Open(path, options));
  WriteSmallFiles(*writer, "~flushed ", 0, 1);
  ASSERT_TRUE(
      writer->db()->Put(writer->write_options(), writer->cf(kDefaultCf), "~logged", "v").ok());
  Options read_only;
  read_only.read_only = true;
  auto logged = [](const Store& store) {
    std::string value;
    return store.db()->Get(rocksdb::ReadOptions(), store.cf(kDefaultCf), "~logged", &value);
  };
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
    ExpectKeys(*reader, "~flushed ", 10);
    EXPECT_TRUE(logged(*reader).ok());  // replayed from the writer's log
  }
  const std::string lost = path + "/999999.log";
  std::filesystem::create_symlink(dir.Sub("deleted"), lost);
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
    ExpectKeys(*reader, "~flushed ", 10);
    EXPECT_TRUE(logged(*reader).IsNotFound());  // only in the log: after the last flush
  }
  std::filesystem::remove(lost);
}

}  // namespace
}  // namespace annals::internal
