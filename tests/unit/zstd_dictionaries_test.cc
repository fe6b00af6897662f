// Copyright: the Annals authors.
//
// The digested-dictionary wrapper of ZSTD_decompress_usingDict (zstd_dictionaries.h): the same
// bytes out as the real function, a digest per distinct dictionary (by content, not address), and
// RocksDB's block reads of by_actor really going through it.
#include "internal/storage/zstd_dictionaries.h"

#include <zdict.h>
#include <zstd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "annals/database.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals::internal {
namespace {

// Samples that look like records: shared field names, varying values (fixed seed).
std::vector<std::string> Samples(unsigned seed, const char* word) {
  std::vector<std::string> out;
  unsigned x = seed;
  for (int i = 0; i < 400; ++i) {
    std::string s;
    for (int j = 0; j < 20; ++j) {
      x = x * 1103515245u + 12345u;
      char line[128];
      std::snprintf(line, sizeof(line),
                    "{\"id\":\"%s-%u\",\"title\":\"%s meets %u\",\"type\":\"%02u\"}", word,
                    x % 100000, word, (x >> 8) % 500, (x >> 16) % 90);
      s += line;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string Train(const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<size_t> sizes;
  for (const std::string& s : samples) {
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dict(8192, '\0');
  const size_t n =
      ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(), sizes.size());
  EXPECT_FALSE(ZDICT_isError(n)) << ZDICT_getErrorName(n);
  dict.resize(ZDICT_isError(n) ? 0 : n);
  return dict;
}

std::string Compress(const std::string& text, const std::string& dict) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  const size_t n = ZSTD_compress_usingDict(cctx.get(), out.data(), out.size(), text.data(),
                                           text.size(), dict.data(), dict.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Through the wrapped function, as RocksDB calls it.
std::string Decompress(const std::string& frame, size_t size, const char* dict, size_t dict_size) {
  std::string out(size, '\0');
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  const size_t n = ZSTD_decompress_usingDict(dctx.get(), out.data(), out.size(), frame.data(),
                                             frame.size(), dict, dict_size);
  if (ZSTD_isError(n)) return std::string("error: ") + ZSTD_getErrorName(n);
  out.resize(n);
  return out;
}

TEST(ZstdDictionariesTest, OneDigestPerDictionaryWhateverItsAddress) {
  const std::vector<std::string> a = Samples(1, "alpha");
  const std::string dict_a = Train(a);
  ASSERT_GT(ZSTD_getDictID_fromDict(dict_a.data(), dict_a.size()), 0u);
  const std::string frame = Compress(a[7], dict_a);

  const ZstdDictionaryCounters before = ZstdDictionaryCountersNow();
  EXPECT_EQ(Decompress(frame, a[7].size(), dict_a.data(), dict_a.size()), a[7]);
  EXPECT_EQ(Decompress(frame, a[7].size(), dict_a.data(), dict_a.size()), a[7]);
  const std::string copy = dict_a;  // the same bytes elsewhere
  EXPECT_EQ(Decompress(frame, a[7].size(), copy.data(), copy.size()), a[7]);
  const ZstdDictionaryCounters after = ZstdDictionaryCountersNow();
  EXPECT_EQ(after.digested - before.digested, 1u);
  EXPECT_EQ(after.reused - before.reused, 2u);
  EXPECT_EQ(after.passed, before.passed);
}

TEST(ZstdDictionariesTest, AnotherDictionaryAtTheSameAddressIsNotConfused) {
  const std::vector<std::string> a = Samples(2, "beta");
  const std::vector<std::string> b = Samples(3, "gamma");
  const std::string dict_a = Train(a), dict_b = Train(b);
  ASSERT_NE(dict_a, dict_b);
  const std::string frame_a = Compress(a[1], dict_a), frame_b = Compress(b[1], dict_b);

  std::string buffer = dict_a;
  EXPECT_EQ(Decompress(frame_a, a[1].size(), buffer.data(), buffer.size()), a[1]);
  // A freed dictionary's memory reused by another table's, as the block cache may do.
  buffer.assign(dict_b.begin(), dict_b.end());
  buffer.resize(dict_b.size());
  const ZstdDictionaryCounters before = ZstdDictionaryCountersNow();
  EXPECT_EQ(Decompress(frame_b, b[1].size(), buffer.data(), buffer.size()), b[1]);
  EXPECT_EQ(ZstdDictionaryCountersNow().digested - before.digested, 1u);
  // With the wrong dictionary ZSTD refuses (the frame names its dictionary), as without a digest.
  EXPECT_EQ(Decompress(frame_b, b[1].size(), dict_a.data(), dict_a.size()).rfind("error", 0), 0u);
}

TEST(ZstdDictionariesTest, RawContentDictionariesGoToTheRealFunction) {
  const std::vector<std::string> a = Samples(4, "delta");
  const std::string raw = a[0] + a[1];  // no ZSTD header: dictionary id 0
  ASSERT_EQ(ZSTD_getDictID_fromDict(raw.data(), raw.size()), 0u);
  const std::string frame = Compress(a[2], raw);
  const ZstdDictionaryCounters before = ZstdDictionaryCountersNow();
  EXPECT_EQ(Decompress(frame, a[2].size(), raw.data(), raw.size()), a[2]);
  const std::string none = Compress(a[3], "");
  EXPECT_EQ(Decompress(none, a[3].size(), nullptr, 0), a[3]);
  const ZstdDictionaryCounters after = ZstdDictionaryCountersNow();
  EXPECT_EQ(after.passed - before.passed, 2u);
  EXPECT_EQ(after.digested, before.digested);
}

// by_actor tables are ZSTD with a trained dictionary: a query by actor on a reopened database
// decompresses its blocks through the wrapper. Fails if the engine's link options are lost.
TEST(ZstdDictionariesTest, RocksDbBlockReadsOfByActorUseDigests) {
  testing::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.Sub("db"), Options{}));
    std::vector<Event> batch;
    for (int i = 0; i < 3000; ++i) {
      Event e;
      e.id = "e" + std::to_string(i);
      e.time = *ParseTime("2024-01-" + std::to_string(10 + i % 20));
      e.title = "Meeting number " + std::to_string(i) + " of the council on trade and energy";
      e.actors = {{"Actor " + std::to_string(i % 7), "source"},
                  {"Actor " + std::to_string(i % 11 + 7), "target"}};
      batch.push_back(std::move(e));
    }
    ASSERT_OK(db->Put(batch).status());
  }  // closed: flushed into tables
  Options reader;
  reader.read_only = true;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.Sub("db"), reader));
  const ZstdDictionaryCounters before = ZstdDictionaryCountersNow();
  Query q;
  q.all_actors = {"Actor 3"};
  ASSERT_OK_AND_ASSIGN(auto cursor, db->Query(q));
  size_t n = 0;
  while (cursor->Next()) ++n;
  ASSERT_OK(cursor->status());
  EXPECT_EQ(n, 3000u / 7 + 1);
  const ZstdDictionaryCounters after = ZstdDictionaryCountersNow();
  // Actor 3's ~430 entries fill many blocks: each was decompressed with a digest, made by the
  // first of them (or by the writer's own reads in this process) and reused by the others.
  EXPECT_GT(after.reused - before.reused, 0u);
}

}  // namespace
}  // namespace annals::internal
