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

// Level-0 files are sorted runs that every query merges. A closing writer merges a large
// family's level 0 into one file above its data, without rewriting that data.
TEST(StoreTest, AClosingWriterMergesSmallLevelZeroFilesAboveTheData) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  const std::string filler(100, 'x');
  std::string bottom_file;
  {
    Options options;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(path, options));
    rocksdb::DB* db = store->db();
    for (int i = 0; i < 20000; ++i) {  // ~2 MB at the bottom
      ASSERT_TRUE(db->Put(store->write_options(), store->cf(kDefaultCf),
                          "~big " + std::to_string(i), filler)
                      .ok());
    }
    ASSERT_TRUE(
        db->CompactRange(rocksdb::CompactRangeOptions(), store->cf(kDefaultCf), nullptr, nullptr)
            .ok());
    for (int f = 0; f < 3; ++f) {  // three small level-0 files
      for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE(db->Put(store->write_options(), store->cf(kDefaultCf),
                            "~small " + std::to_string(f * 10 + i), "v")
                        .ok());
      }
      ASSERT_TRUE(db->Flush(rocksdb::FlushOptions(), store->cf(kDefaultCf)).ok());
    }
    const std::vector<std::vector<std::string>> levels = FilesByLevel(*store, kDefaultCf);
    ASSERT_EQ(levels[0].size(), 3u);
    ASSERT_EQ(levels.back().size(), 1u);
    bottom_file = levels.back()[0];
  }
  Options read_only;
  read_only.read_only = true;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Store::Open(path, read_only));
  const std::vector<std::vector<std::string>> levels = FilesByLevel(*reader, kDefaultCf);
  EXPECT_TRUE(levels[0].empty());
  EXPECT_EQ(levels[levels.size() - 2].size(), 1u);                  // the three, merged
  EXPECT_EQ(levels.back(), std::vector<std::string>{bottom_file});  // not rewritten
  ExpectKeys(*reader, "~small ", 30);
}

}  // namespace
}  // namespace annals::internal
