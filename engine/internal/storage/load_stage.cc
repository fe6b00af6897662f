// Copyright: the Annals authors.
#include "internal/storage/load_stage.h"

#include <errno.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <filesystem>
#include <limits>
#include <thread>

#include "absl/strings/str_cat.h"
#include "internal/storage/db_directory.h"
#include "internal/storage/rocks_status.h"
#include "internal/util/status_macros.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/sst_file_writer.h"

namespace annals::internal {
namespace {

constexpr uint64_t kNoRecord = std::numeric_limits<uint64_t>::max();
constexpr size_t kRecordHeader = 4;

uint64_t IdHash(std::string_view id) { return XXH3_64bits(id.data(), id.size()); }

// A staged record is its size (4 bytes, little-endian), then its bytes.
void PutRecordSize(char* out, uint32_t n) {
  for (size_t i = 0; i < kRecordHeader; ++i) out[i] = static_cast<char>(n >> (8 * i));
}
uint32_t GetRecordSize(const char* in) {
  uint32_t n = 0;
  for (int i = static_cast<int>(kRecordHeader) - 1; i >= 0; --i) {
    n = (n << 8) | static_cast<uint8_t>(in[i]);
  }
  return n;
}

// Reads the records file through a window of 1 MiB or more: records were staged in the order of
// their event numbers, except those replaced later in the load, so nearly every read is
// sequential. (Mapping the file instead counts all of it in the process's resident memory.)
class RecordWindow {
 public:
  RecordWindow(int fd, uint64_t size) : fd_(fd), size_(size) {}
  // The record at `offset`; empty if it cannot be read whole.
  std::string_view RecordAt(uint64_t offset) {
    if (!Load(offset, kRecordHeader)) return {};
    const uint32_t n = GetRecordSize(window_.data() + (offset - start_));
    if (!Load(offset, kRecordHeader + n)) return {};
    return std::string_view(window_).substr(offset - start_ + kRecordHeader, n);
  }

 private:
  // Makes bytes [offset, offset + n) available in window_.
  bool Load(uint64_t offset, uint64_t n) {
    if (offset >= start_ && offset + n <= start_ + window_.size()) return true;
    if (offset + n > size_) return false;
    window_.resize(std::min<uint64_t>(std::max<uint64_t>(n, 1 << 20), size_ - offset));
    start_ = offset;
    for (size_t done = 0; done < window_.size();) {
      const ssize_t got = ::pread(fd_, window_.data() + done, window_.size() - done,
                                  static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        window_.clear();
        return false;
      }
      done += static_cast<size_t>(got);
    }
    return true;
  }

  const int fd_;
  const uint64_t size_;
  uint64_t start_ = 0;
  std::string window_;
};

// The table files of one family: a new file whenever the current one reaches the family's
// target file size, so that no table is larger than a compaction would have made it.
class TableFiles {
 public:
  TableFiles(const Store* store, ColumnFamily f, std::string prefix,
             std::vector<std::string>* files)
      : store_(store),
        f_(f),
        options_(store->db()->GetOptions(store->cf(f))),
        prefix_(std::move(prefix)),
        files_(files) {}

  const rocksdb::Options& options() const { return options_; }

  absl::Status Put(std::string_view key, std::string_view value) {
    RETURN_IF_ERROR(Ready());
    return Check(writer_->Put(Slice(key), Slice(value)));
  }
  absl::Status Merge(std::string_view key, std::string_view value) {
    RETURN_IF_ERROR(Ready());
    return Check(writer_->Merge(Slice(key), Slice(value)));
  }
  absl::Status Delete(std::string_view key) {
    RETURN_IF_ERROR(Ready());
    return Check(writer_->Delete(Slice(key)));
  }
  absl::Status Finish() {
    if (writer_ == nullptr) return absl::OkStatus();
    rocksdb::Status s = writer_->Finish();
    writer_.reset();
    return Check(s);
  }

 private:
  static rocksdb::Slice Slice(std::string_view s) { return {s.data(), s.size()}; }

  absl::Status Ready() {
    if (writer_ != nullptr && writer_->FileSize() < options_.target_file_size_base) {
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(Finish());
    // Pages stay cached: the tables are read soon (queries after the load).
    writer_ =
        std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options_, store_->cf(f_),
                                                 /*invalidate_page_cache=*/false);
    files_->push_back(absl::StrCat(prefix_, "-", files_->size(), ".sst"));
    return Check(writer_->Open(files_->back()));
  }
  absl::Status Check(const rocksdb::Status& s) const {
    return s.ok() ? absl::OkStatus() : FromRocksDb(s, prefix_);
  }

  const Store* store_;
  const ColumnFamily f_;
  const rocksdb::Options options_;
  const std::string prefix_;
  std::vector<std::string>* files_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
};

}  // namespace

std::string LoadDirectory(const std::string& db_path) {
  return db_path + "/" + std::string(kLoadDirectoryName);
}

// Hands each operation of a WriteBatch to the stage.
class LoadStage::Collector : public rocksdb::WriteBatch::Handler {
 public:
  explicit Collector(LoadStage* stage) : stage_(stage) {
    for (int f = 0; f < kNumColumnFamilies; ++f) {
      const uint32_t id = stage->store_->cf(static_cast<ColumnFamily>(f))->GetID();
      if (families_.size() <= id) families_.resize(id + 1, kNumColumnFamilies);
      families_[id] = static_cast<ColumnFamily>(f);
    }
  }
  rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    return On(cf, StagedOp::kPut, key, value);
  }
  rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    return On(cf, StagedOp::kDelete, key, {});
  }
  rocksdb::Status MergeCF(uint32_t cf, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
    return On(cf, StagedOp::kMerge, key, value);
  }
  const absl::Status& status() const { return status_; }

 private:
  rocksdb::Status On(uint32_t cf, StagedOp op, const rocksdb::Slice& key,
                     const rocksdb::Slice& value) {
    if (cf >= families_.size() || families_[cf] == kNumColumnFamilies) {
      status_ = absl::InternalError("a staged write names an unknown column family");
    } else {
      status_ =
          stage_->Stage(families_[cf], op, {key.data(), key.size()}, {value.data(), value.size()});
    }
    return status_.ok() ? rocksdb::Status::OK() : rocksdb::Status::Aborted();
  }

  LoadStage* stage_;
  std::vector<ColumnFamily> families_;  // by column family id
  absl::Status status_;
};

LoadStage::LoadStage(const Store* store, std::string dir, size_t memory_bytes, bool database_empty,
                     uint64_t first_event)
    : store_(store),
      dir_(std::move(dir)),
      records_path_(dir_ + "/records"),
      memory_bytes_(memory_bytes),
      database_empty_(database_empty),
      first_event_(first_event),
      buffers_(kNumColumnFamilies),
      runs_(kNumColumnFamilies) {}

absl::StatusOr<std::unique_ptr<LoadStage>> LoadStage::Create(const Store* store,
                                                             size_t memory_bytes,
                                                             bool database_empty,
                                                             uint64_t first_event) {
  std::unique_ptr<LoadStage> stage(new LoadStage(store, LoadDirectory(store->path()), memory_bytes,
                                                 database_empty, first_event));
  RETURN_IF_ERROR(stage->Open());
  return stage;
}

absl::Status LoadStage::Open() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  if (!std::filesystem::create_directory(dir_, ec)) {
    return absl::ErrnoToStatus(ec.value(), "cannot create " + dir_);
  }
  records_ = std::fopen(records_path_.c_str(), "w+bx");
  if (records_ == nullptr) return StagingFileError("create", records_path_);
  std::setvbuf(records_, nullptr, _IOFBF, 1 << 20);
  return absl::OkStatus();
}

LoadStage::~LoadStage() {
  if (records_ != nullptr) std::fclose(records_);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

absl::Status LoadStage::Add(const rocksdb::WriteBatch& batch) {
  Collector collector(this);
  rocksdb::Status s = batch.Iterate(&collector);
  RETURN_IF_ERROR(collector.status());
  if (!s.ok()) return FromRocksDb(s, dir_);
  size_t bytes = 0;
  for (const RunBuffer& b : buffers_) bytes += b.bytes();
  return bytes > memory_bytes_ ? Spill() : absl::OkStatus();
}

absl::Status LoadStage::Stage(ColumnFamily f, StagedOp op, std::string_view key,
                              std::string_view value) {
  if (f == kEventsCf) {
    if (op != StagedOp::kPut) return absl::InternalError("a load removes a record");
    return StageRecord(key, value);
  }
  if (f == kIdsCf) {
    IdEntry entry;
    if (op != StagedOp::kPut || !DecodeIdEntry(value, &entry)) {
      return absl::InternalError("a load removes an id, or stages a damaged one");
    }
    auto [it, added] = ids_.try_emplace(IdHash(key), entry.event_number);
    if (!added && it->second != entry.event_number) {
      colliding_ids_[std::string(key)] = entry.event_number;
    }
  }
  buffers_[f].Add(op, key, value);
  return absl::OkStatus();
}

absl::Status LoadStage::StageRecord(std::string_view key, std::string_view record) {
  uint64_t number;
  if (!DecodeEventKey(key, &number)) return absl::InternalError("a staged record has a bad key");
  char header[kRecordHeader];
  PutRecordSize(header, static_cast<uint32_t>(record.size()));
  if (std::fwrite(header, 1, kRecordHeader, records_) != kRecordHeader ||
      std::fwrite(record.data(), 1, record.size(), records_) != record.size()) {
    return StagingFileError("write", records_path_);
  }
  if (number >= first_event_) {
    const uint64_t i = number - first_event_;
    if (offsets_.size() <= i) offsets_.resize(i + 1, kNoRecord);
    offsets_[i] = records_bytes_;
  } else {
    earlier_offsets_[number] = records_bytes_;
  }
  records_bytes_ += kRecordHeader + record.size();
  return absl::OkStatus();
}

absl::StatusOr<std::string> LoadStage::ReadRecord(uint64_t number) {
  uint64_t offset = kNoRecord;
  if (number >= first_event_ && number - first_event_ < offsets_.size()) {
    offset = offsets_[number - first_event_];
  } else if (auto it = earlier_offsets_.find(number); it != earlier_offsets_.end()) {
    offset = it->second;
  }
  if (offset == kNoRecord) return absl::InternalError("a staged id has no staged record");
  if (std::fflush(records_) != 0) return StagingFileError("write", records_path_);
  char header[kRecordHeader];
  const int fd = ::fileno(records_);
  if (::pread(fd, header, kRecordHeader, static_cast<off_t>(offset)) !=
      static_cast<ssize_t>(kRecordHeader)) {
    return StagingFileError("read", records_path_);
  }
  const uint32_t n = GetRecordSize(header);
  std::string record(n, '\0');
  if (::pread(fd, record.data(), n, static_cast<off_t>(offset + kRecordHeader)) !=
      static_cast<ssize_t>(n)) {
    return StagingFileError("read", records_path_);
  }
  return record;
}

absl::StatusOr<std::optional<std::pair<uint64_t, StoredEvent>>> LoadStage::Find(
    const std::string& id) {
  uint64_t number;
  if (auto c = colliding_ids_.find(id); c != colliding_ids_.end()) {
    number = c->second;
  } else if (auto it = ids_.find(IdHash(id)); it != ids_.end()) {
    number = it->second;
  } else {
    return std::nullopt;
  }
  ASSIGN_OR_RETURN(std::string record, ReadRecord(number));
  ASSIGN_OR_RETURN(StoredEvent stored, DecodeRecord(record));
  if (stored.event.id != id) return std::nullopt;  // another id with the same hash
  return std::make_pair(number, std::move(stored));
}

absl::Status LoadStage::Spill() {
  for (int f = 0; f < kNumColumnFamilies; ++f) {
    RunBuffer& buffer = buffers_[f];
    if (buffer.empty()) continue;
    buffer.Sort();
    std::string path = absl::StrCat(dir_, "/", kColumnFamilyNames[f], "-", spills_, ".run");
    RETURN_IF_ERROR(buffer.WriteTo(path));
    runs_[f].push_back(std::move(path));
  }
  ++spills_;
  return absl::OkStatus();
}

absl::Status LoadStage::WriteTables(ColumnFamily f, std::vector<std::string>* files) {
  std::vector<std::unique_ptr<RunSource>> sources;
  for (const std::string& path : runs_[f]) {
    ASSIGN_OR_RETURN(std::unique_ptr<RunSource> source, FileSource(path));
    sources.push_back(std::move(source));
  }
  buffers_[f].Sort();
  sources.push_back(BufferSource(&buffers_[f]));
  TableFiles tables(store_, f, absl::StrCat(dir_, "/", kColumnFamilyNames[f]), files);
  const rocksdb::MergeOperator* merge = tables.options().merge_operator.get();
  std::string value;
  std::vector<rocksdb::Slice> operands;
  RETURN_IF_ERROR(MergeRuns(
      std::move(sources),
      [&](std::string_view key, const std::vector<StagedEntry>& ops) -> absl::Status {
        // Applied as a WriteBatch applies them: a put or a delete replaces what came before;
        // merge operands add to it.
        enum { kStored, kValue, kGone } state = kStored;
        operands.clear();
        for (const StagedEntry& e : ops) {
          if (e.op == StagedOp::kMerge) {
            operands.emplace_back(e.value.data(), e.value.size());
            continue;
          }
          state = e.op == StagedOp::kPut ? kValue : kGone;
          if (state == kValue) value.assign(e.value);
          operands.clear();
        }
        if (!operands.empty()) {
          if (merge == nullptr) return absl::InternalError("a load merges without an operator");
          const rocksdb::Slice k(key.data(), key.size());
          std::string merged;
          if (state == kStored && !database_empty_) {
            // Added to what the database stores: one operand for all of them.
            const std::deque<rocksdb::Slice> list(operands.begin(), operands.end());
            if (!merge->PartialMergeMulti(k, list, &merged, nullptr)) {
              return absl::DataLossError("cannot merge the load's operands for a key");
            }
            return tables.Merge(key, merged);
          }
          const rocksdb::Slice base(value);
          rocksdb::MergeOperator::MergeOperationInput in(k, state == kValue ? &base : nullptr,
                                                         operands, nullptr);
          rocksdb::Slice existing_operand(nullptr, 0);  // set if the result is one of the inputs
          rocksdb::MergeOperator::MergeOperationOutput out(merged, existing_operand);
          if (!merge->FullMergeV2(in, &out)) {
            return absl::DataLossError("cannot merge the load's operands for a key");
          }
          value = existing_operand.data() != nullptr ? existing_operand.ToString() : merged;
          state = kValue;
        }
        if (state == kValue) return tables.Put(key, value);
        if (state == kGone && !database_empty_) return tables.Delete(key);
        return absl::OkStatus();
      }));
  buffers_[f].Clear();
  return tables.Finish();
}

absl::Status LoadStage::WriteRecordTables(std::vector<std::string>* files) {
  if (std::fflush(records_) != 0) return StagingFileError("write", records_path_);
  RecordWindow window(::fileno(records_), records_bytes_);
  TableFiles tables(store_, kEventsCf, absl::StrCat(dir_, "/", kColumnFamilyNames[kEventsCf]),
                    files);
  auto put = [&](uint64_t number, uint64_t offset) -> absl::Status {
    const std::string_view record = window.RecordAt(offset);
    if (record.empty()) return absl::DataLossError("cannot read a staged record back: " + dir_);
    return tables.Put(EncodeEventKey(number), record);
  };
  std::vector<std::pair<uint64_t, uint64_t>> earlier(earlier_offsets_.begin(),
                                                     earlier_offsets_.end());
  std::sort(earlier.begin(), earlier.end());
  for (const auto& [number, offset] : earlier) RETURN_IF_ERROR(put(number, offset));
  for (uint64_t i = 0; i < offsets_.size(); ++i) {
    if (offsets_[i] != kNoRecord) RETURN_IF_ERROR(put(first_event_ + i, offsets_[i]));
  }
  return tables.Finish();
}

absl::Status LoadStage::Commit() {
  // The families' tables are written in parallel, the largest families first (on two cores the
  // tables of by_actor take one, the rest the other).
  std::vector<std::vector<std::string>> files(kNumColumnFamilies);
  std::vector<absl::Status> written(kNumColumnFamilies);
  std::vector<int> order;
  for (int f = 0; f < kNumColumnFamilies; ++f) order.push_back(f);
  std::vector<uint64_t> size(kNumColumnFamilies);
  for (int f = 0; f < kNumColumnFamilies; ++f) {
    size[f] = buffers_[f].bytes();
    std::error_code ec;
    for (const std::string& run : runs_[f]) size[f] += std::filesystem::file_size(run, ec);
  }
  size[kEventsCf] = records_bytes_;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return size[a] > size[b]; });
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < order.size();) {
      const auto f = static_cast<ColumnFamily>(order[i]);
      written[f] = f == kEventsCf ? WriteRecordTables(&files[f]) : WriteTables(f, &files[f]);
    }
  };
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();

  std::vector<rocksdb::IngestExternalFileArg> args;
  for (int f = 0; f < kNumColumnFamilies; ++f) {
    RETURN_IF_ERROR(written[f]);
    if (files[f].empty()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = store_->cf(static_cast<ColumnFamily>(f));
    arg.external_files = std::move(files[f]);
    // Linked into the database, not copied; the sequence number is kept in the manifest, not
    // written into the files.
    arg.options.move_files = true;
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  if (args.empty()) return absl::OkStatus();
  return FromRocksDb(store_->db()->IngestExternalFiles(args), store_->path());
}

}  // namespace annals::internal
