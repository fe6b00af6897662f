// Copyright: the Annals authors.
//
// Sorted runs of staged writes: what a bulk load (load_stage.h) holds for one column family
// between the writer's batches and the table files it finally writes. A RunBuffer collects
// operations in memory in the order they were made; sorted by key (equal keys keep that order),
// it is read back in memory or written to a run file. RunSources read runs back; MergeRuns walks
// several runs of one family in key order, and for each key hands over its operations oldest
// first (runs are given oldest first).
//
//   RunBuffer buffer;
//   buffer.Add(StagedOp::kPut, "k", "v");
//   buffer.Sort();
//   RETURN_IF_ERROR(buffer.WriteTo("/tmp/stage/by_actor-0.run"));
//
// Thread safety: none; one thread at a time per object.
#ifndef ANNALS_INTERNAL_STORAGE_SORTED_RUN_H_
#define ANNALS_INTERNAL_STORAGE_SORTED_RUN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace annals::internal {

enum class StagedOp : uint8_t { kPut = 1, kDelete = 2, kMerge = 3 };

struct StagedEntry {
  StagedOp op;
  std::string_view key;
  std::string_view value;
};

class RunBuffer {
 public:
  void Add(StagedOp op, std::string_view key, std::string_view value);
  // Bytes of memory held (allocated), about.
  size_t bytes() const { return arena_.capacity() + slots_.capacity() * sizeof(Slot); }
  bool empty() const { return slots_.empty(); }
  size_t size() const { return slots_.size(); }
  // Orders the entries by key, bytewise; entries with equal keys stay in the order of Add.
  void Sort();
  // The i-th entry (in key order after Sort). Valid until the next Add or Clear.
  StagedEntry entry(size_t i) const;
  // Writes the entries, in their order, to a new file at `path`, and clears the buffer.
  absl::Status WriteTo(const std::string& path);
  void Clear();

 private:
  struct Slot {
    // The key's first 16 bytes, big-endian, zero-padded: most comparisons end here (keys of one
    // family share their first bytes: an actor number, a span class).
    uint64_t prefix[2];
    uint64_t offset;  // of the key in arena_; the value follows it
    uint32_t key_size;
    uint32_t value_size;
    StagedOp op;
  };
  std::string arena_;
  std::vector<Slot> slots_;
};

// One sorted run, read from its start.
class RunSource {
 public:
  virtual ~RunSource() = default;
  // Moves to the next entry; false at the end or on an error (status()).
  virtual bool Next() = 0;
  // The current entry; valid until the next call of Next.
  virtual StagedEntry entry() const = 0;
  virtual absl::Status status() const { return absl::OkStatus(); }
};

// The entries of a sorted buffer, which must outlive the source.
std::unique_ptr<RunSource> BufferSource(const RunBuffer* buffer);
// The entries of a run file that RunBuffer::WriteTo wrote.
absl::StatusOr<std::unique_ptr<RunSource>> FileSource(const std::string& path);

// errno as a Status: "cannot `what` `path`: <reason>" (for the staging files of a load).
absl::Status StagingFileError(const char* what, const std::string& path);

// Calls `fn(key, ops)` for every distinct key of `runs` (given oldest first), in key order, with
// the key's operations oldest first. Stops at the first error `fn` returns or a run reports.
absl::Status MergeRuns(std::vector<std::unique_ptr<RunSource>> runs,
                       const std::function<absl::Status(std::string_view key,
                                                        const std::vector<StagedEntry>& ops)>& fn);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_SORTED_RUN_H_
