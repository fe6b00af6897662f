// Copyright: the Annals authors.
//
// What a closing writer leaves behind for the readers that open after it (store.cc).
#include "internal/storage/store.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "internal/storage/format.h"
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
  for (int i = 0; i < kFlushes; ++i) {
    std::string value;
    ASSERT_TRUE(reader->db()
                    ->Get(rocksdb::ReadOptions(), reader->cf(kDefaultCf),
                          "~store_test " + std::to_string(i), &value)
                    .ok())
        << i;
    EXPECT_EQ(value, "v");
  }
}

}  // namespace
}  // namespace annals::internal
