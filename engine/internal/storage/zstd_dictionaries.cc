// Copyright: the Annals authors.
#include "internal/storage/zstd_dictionaries.h"

#include <zstd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

// The real function (the linker's --wrap names it __real_...).
extern "C" size_t __real_ZSTD_decompress_usingDict(ZSTD_DCtx* dctx, void* dst, size_t capacity,
                                                   const void* src, size_t size, const void* dict,
                                                   size_t dict_size);

namespace annals::internal {
namespace {

// A table's dictionary is 16 KiB (store.cc), its digest with the compared copy 60 KiB; by_actor
// has about 30 tables (64 MiB files) per 10M events. 256 digests (15 MiB at most) hold every
// dictionary of an 80M-event database; past that, the oldest digest makes room (slower, not wrong).
constexpr size_t kMaxDigests = 256;

struct Digest {
  uint32_t id = 0;                    // the dictionary's id (from its header): compared first
  std::string bytes;                  // the dictionary, compared in full
  std::shared_ptr<ZSTD_DDict> ddict;  // shared: a decompression may outlive its eviction
};

class DigestCache {
 public:
  // The digest of dictionary `dict` (id `id`), made on first sight; null if ZSTD cannot digest it.
  // Found by content: the same dictionary at another address (a table reopened) is found, and
  // another dictionary at a freed one's address is not confused with it.
  std::shared_ptr<ZSTD_DDict> Get(uint32_t id, const void* dict, size_t size) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const Digest& d : digests_) {
      if (d.id == id && d.bytes.size() == size && std::memcmp(d.bytes.data(), dict, size) == 0) {
        reused_.fetch_add(1, std::memory_order_relaxed);
        return d.ddict;
      }
    }
    Digest made;
    made.id = id;
    made.bytes.assign(static_cast<const char*>(dict), size);
    made.ddict.reset(ZSTD_createDDict(made.bytes.data(), made.bytes.size()), ZSTD_freeDDict);
    if (made.ddict == nullptr) return nullptr;
    digested_.fetch_add(1, std::memory_order_relaxed);
    if (digests_.size() < kMaxDigests) {
      digests_.push_back(std::move(made));
      return digests_.back().ddict;
    }
    Digest& victim = digests_[next_victim_++ % kMaxDigests];  // the oldest
    victim = std::move(made);
    return victim.ddict;
  }

  void CountPassed() { passed_.fetch_add(1, std::memory_order_relaxed); }

  ZstdDictionaryCounters counters() const {
    ZstdDictionaryCounters c;
    c.digested = digested_.load(std::memory_order_relaxed);
    c.reused = reused_.load(std::memory_order_relaxed);
    c.passed = passed_.load(std::memory_order_relaxed);
    return c;
  }

 private:
  std::mutex mu_;
  std::vector<Digest> digests_;
  size_t next_victim_ = 0;
  std::atomic<uint64_t> digested_{0};
  std::atomic<uint64_t> reused_{0};
  std::atomic<uint64_t> passed_{0};
};

DigestCache& Cache() {
  static DigestCache* cache = new DigestCache();  // never destroyed: used until exit
  return *cache;
}

}  // namespace

ZstdDictionaryCounters ZstdDictionaryCountersNow() { return Cache().counters(); }

}  // namespace annals::internal

// RocksDB's call (engine/CMakeLists.txt wraps it). A dictionary with a ZSTD header has a non-zero
// id; a raw-content one (or none) gains nothing from a digest and goes to the real function.
extern "C" size_t __wrap_ZSTD_decompress_usingDict(ZSTD_DCtx* dctx, void* dst, size_t capacity,
                                                   const void* src, size_t size, const void* dict,
                                                   size_t dict_size) {
  using annals::internal::Cache;
  const uint32_t id = dict != nullptr ? ZSTD_getDictID_fromDict(dict, dict_size) : 0;
  if (id != 0) {
    if (std::shared_ptr<ZSTD_DDict> ddict = Cache().Get(id, dict, dict_size)) {
      return ZSTD_decompress_usingDDict(dctx, dst, capacity, src, size, ddict.get());
    }
  }
  Cache().CountPassed();
  return __real_ZSTD_decompress_usingDict(dctx, dst, capacity, src, size, dict, dict_size);
}
