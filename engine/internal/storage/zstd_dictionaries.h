// Copyright: the Annals authors.
//
// Digested ZSTD dictionaries for RocksDB's block reads.
//
// by_actor blocks are compressed with ZSTD and a dictionary trained per table (store.cc). RocksDB
// decompresses a block with a digested dictionary (ZSTD_DDict) only when it was built with
// ZSTD_STATIC_LINKING_ONLY; Debian's RocksDB 7.8.3 is not, so it calls
// ZSTD_decompress_usingDict(), which digests the raw dictionary again for every block: of the 7 µs
// a 4 KiB block took to decompress with a 16 KiB trained dictionary, 4.5 µs were that digest.
//
// The engine's link interface therefore wraps that one function (`--wrap`, engine/CMakeLists.txt):
// RocksDB's calls reach the wrapper in zstd_dictionaries.cc, which decompresses with a
// ZSTD_DDict made once per distinct dictionary and kept in a small cache (keyed by the
// dictionary's bytes, compared in full, so a dictionary freed and another written at the same
// address is never confused with it). Dictionaries without a ZSTD header (dictionary id 0) and
// digests that fail are passed to the real function unchanged. A program that links RocksDB as a
// shared library keeps RocksDB's own behaviour (the same results, digested per block).
//
// Thread safety: the cache is guarded by a mutex; decompression runs outside it.
#ifndef ANNALS_INTERNAL_STORAGE_ZSTD_DICTIONARIES_H_
#define ANNALS_INTERNAL_STORAGE_ZSTD_DICTIONARIES_H_

#include <cstdint>

namespace annals::internal {

// What the wrapper did since the process started (for tests and benchmarks).
struct ZstdDictionaryCounters {
  uint64_t digested = 0;  // blocks that digested their dictionary (first sight) and used it
  uint64_t reused = 0;    // blocks decompressed with a digest made before
  uint64_t passed = 0;    // calls passed to the real function (no ZSTD dictionary header)
};
ZstdDictionaryCounters ZstdDictionaryCountersNow();

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_ZSTD_DICTIONARIES_H_
