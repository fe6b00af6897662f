// Copyright: the Annals authors.
#include "internal/storage/sorted_run.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <queue>

#include "absl/strings/str_cat.h"

namespace annals::internal {
namespace {

// A run file is a sequence of entries: op (1 byte), key size and value size (4 bytes each,
// little-endian), the key, the value.
constexpr size_t kHeaderSize = 9;
constexpr size_t kFileBuffer = 1 << 20;

// Bytes [from, from + 8) of `key` as a big-endian number, zero-padded.
uint64_t PrefixOf(std::string_view key, size_t from) {
  uint64_t p = 0;
  for (size_t i = from; i < from + 8; ++i) {
    p = (p << 8) | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
  }
  return p;
}

void PutU32(char* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(v >> (8 * i));
}

uint32_t GetU32(const char* in) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

class SortedBufferSource : public RunSource {
 public:
  explicit SortedBufferSource(const RunBuffer* buffer) : buffer_(buffer) {}
  bool Next() override { return ++next_ <= buffer_->size(); }
  StagedEntry entry() const override { return buffer_->entry(next_ - 1); }

 private:
  const RunBuffer* buffer_;
  size_t next_ = 0;
};

class RunFileSource : public RunSource {
 public:
  RunFileSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~RunFileSource() override { ::close(fd_); }

  bool Next() override {
    char header[kHeaderSize];
    if (!Fill(kHeaderSize)) return at_end_ ? false : Fail();
    std::memcpy(header, buffer_.data() + pos_, kHeaderSize);
    op_ = static_cast<StagedOp>(header[0]);
    key_size_ = GetU32(header + 1);
    const size_t size = kHeaderSize + key_size_ + GetU32(header + 5);
    if (!Fill(size)) return Fail();
    entry_ = std::string_view(buffer_).substr(pos_ + kHeaderSize, size - kHeaderSize);
    pos_ += size;
    return true;
  }
  StagedEntry entry() const override {
    return {op_, entry_.substr(0, key_size_), entry_.substr(key_size_)};
  }
  absl::Status status() const override { return status_; }

 private:
  // Makes `n` bytes available at pos_; false at the end of the file (at_end_ if none is left) or
  // on an error.
  bool Fill(size_t n) {
    if (buffer_.size() - pos_ >= n) return true;
    buffer_.erase(0, pos_);
    pos_ = 0;
    const size_t want = std::max(n, kFileBuffer);
    while (buffer_.size() < want) {
      const size_t had = buffer_.size();
      buffer_.resize(want);
      const ssize_t got = ::read(fd_, buffer_.data() + had, want - had);
      if (got < 0 && errno == EINTR) {
        buffer_.resize(had);
        continue;
      }
      buffer_.resize(had + static_cast<size_t>(std::max<ssize_t>(got, 0)));
      if (got < 0) {
        error_ = true;
        return false;
      }
      if (got == 0) break;
    }
    if (buffer_.size() >= n) return true;
    at_end_ = buffer_.empty();
    return false;
  }
  bool Fail() {
    status_ = error_ ? StagingFileError("read", path_)
                     : absl::DataLossError("truncated staging file " + path_);
    return false;
  }

  const int fd_;
  const std::string path_;
  std::string buffer_;
  size_t pos_ = 0;
  std::string_view entry_;  // key and value of the current entry, in buffer_
  uint32_t key_size_ = 0;
  StagedOp op_ = StagedOp::kPut;
  bool at_end_ = false;
  bool error_ = false;
  absl::Status status_;
};

}  // namespace

void RunBuffer::Add(StagedOp op, std::string_view key, std::string_view value) {
  slots_.push_back(Slot{{PrefixOf(key, 0), PrefixOf(key, 8)},
                        arena_.size(),
                        static_cast<uint32_t>(key.size()),
                        static_cast<uint32_t>(value.size()),
                        op});
  arena_.append(key);
  arena_.append(value);
}

void RunBuffer::Sort() {
  const char* base = arena_.data();
  std::stable_sort(slots_.begin(), slots_.end(), [base](const Slot& a, const Slot& b) {
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    return std::string_view(base + a.offset, a.key_size) <
           std::string_view(base + b.offset, b.key_size);
  });
}

StagedEntry RunBuffer::entry(size_t i) const {
  const Slot& s = slots_[i];
  const std::string_view a(arena_);
  return {s.op, a.substr(s.offset, s.key_size), a.substr(s.offset + s.key_size, s.value_size)};
}

absl::Status RunBuffer::WriteTo(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return StagingFileError("create", path);
  // Entries are gathered in a buffer of our own and written in large pieces: stdio would lock
  // its stream three times per entry.
  std::string out;
  out.reserve(kFileBuffer + 4096);
  auto write_out = [&]() -> bool {
    for (size_t done = 0; done < out.size();) {
      const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    out.clear();
    return true;
  };
  bool ok = true;
  for (size_t i = 0; i < slots_.size() && ok; ++i) {
    const StagedEntry e = entry(i);
    char header[kHeaderSize];
    header[0] = static_cast<char>(e.op);
    PutU32(header + 1, static_cast<uint32_t>(e.key.size()));
    PutU32(header + 5, static_cast<uint32_t>(e.value.size()));
    out.append(header, kHeaderSize);
    out.append(e.key);
    out.append(e.value);
    if (out.size() >= kFileBuffer) ok = write_out();
  }
  if (ok) ok = write_out();
  absl::Status s = ok ? absl::OkStatus() : StagingFileError("write", path);
  if (::close(fd) != 0 && s.ok()) s = StagingFileError("write", path);
  Clear();
  return s;
}

void RunBuffer::Clear() {
  // The memory goes too: bytes() counts what is allocated.
  std::string().swap(arena_);
  std::vector<Slot>().swap(slots_);
}

absl::Status StagingFileError(const char* what, const std::string& path) {
  return absl::ErrnoToStatus(errno, absl::StrCat("cannot ", what, " ", path));
}

std::unique_ptr<RunSource> BufferSource(const RunBuffer* buffer) {
  return std::make_unique<SortedBufferSource>(buffer);
}

absl::StatusOr<std::unique_ptr<RunSource>> FileSource(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return StagingFileError("open", path);
  return std::make_unique<RunFileSource>(fd, path);
}

absl::Status MergeRuns(std::vector<std::unique_ptr<RunSource>> runs,
                       const std::function<absl::Status(std::string_view key,
                                                        const std::vector<StagedEntry>& ops)>& fn) {
  // A heap of the runs by their current key; among equal keys the older run first.
  auto later = [&runs](size_t a, size_t b) {
    const std::string_view ka = runs[a]->entry().key, kb = runs[b]->entry().key;
    return ka != kb ? ka > kb : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i]->Next()) heap.push(i);
    if (!runs[i]->status().ok()) return runs[i]->status();
  }
  std::string key;
  std::vector<StagedEntry> ops;
  // The values of ops point into the runs' current entries, which Next invalidates: the values
  // of a key are copied here (one buffer, reused) until the key is done.
  std::string values;
  std::vector<size_t> value_ends;
  std::vector<size_t> done;
  while (!heap.empty()) {
    key.assign(runs[heap.top()]->entry().key);
    ops.clear();
    values.clear();
    value_ends.clear();
    done.clear();
    while (!heap.empty() && runs[heap.top()]->entry().key == key) {
      const size_t i = heap.top();
      heap.pop();
      bool more;
      do {
        const StagedEntry e = runs[i]->entry();
        values.append(e.value);
        value_ends.push_back(values.size());
        ops.push_back({e.op, {}, {}});
        more = runs[i]->Next();
      } while (more && runs[i]->entry().key == key);
      if (!runs[i]->status().ok()) return runs[i]->status();
      if (more) done.push_back(i);
    }
    size_t begin = 0;
    for (size_t j = 0; j < ops.size(); ++j) {
      ops[j].key = key;
      ops[j].value = std::string_view(values).substr(begin, value_ends[j] - begin);
      begin = value_ends[j];
    }
    absl::Status s = fn(key, ops);
    if (!s.ok()) return s;
    for (size_t i : done) heap.push(i);
  }
  return absl::OkStatus();
}

}  // namespace annals::internal
