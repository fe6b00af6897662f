// Copyright: the Annals authors.
#include "input_stream.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace annals::cli {
namespace {

constexpr size_t kBlockBytes = 128 << 10;
constexpr size_t kOutBytes = 256 << 10;
// Names listed in the message about a zip holding several files.
constexpr size_t kMaxListedNames = 5;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

absl::Status ErrnoStatus(int error, const std::string& what) {
  std::string message = absl::StrCat(what, ": ", ::strerror(error));
  switch (error) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::UnavailableError(message);
  }
}

// A read or decode error of libarchive as DataLoss naming the input.
absl::Status ArchiveError(archive* a, const std::string& name) {
  const char* message = archive_error_string(a);
  return absl::DataLossError(absl::StrCat(name, ": cannot read the data (",
                                          message != nullptr ? message : "unknown error", ")"));
}

bool IsZip(archive* a) {
  return (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
}

// What the data is compressed with: "zip", "gzip", "zstd", "bzip2", "xz" or "" for none.
std::string Compression(archive* a) {
  if (IsZip(a)) return "zip";
  switch (archive_filter_code(a, 0)) {
    case ARCHIVE_FILTER_GZIP:
      return "gzip";
    case ARCHIVE_FILTER_ZSTD:
      return "zstd";
    case ARCHIVE_FILTER_BZIP2:
      return "bzip2";
    case ARCHIVE_FILTER_XZ:
      return "xz";
    default:
      return "";
  }
}

// The compression a file name promises by its suffix, or "".
std::string PromisedCompression(const std::string& path) {
  constexpr std::pair<const char*, const char*> kSuffixes[] = {
      {".gz", "gzip"}, {".zst", "zstd"}, {".bz2", "bzip2"}, {".xz", "xz"}, {".zip", "zip"}};
  for (const auto& [suffix, compression] : kSuffixes) {
    if (absl::EndsWithIgnoreCase(path, suffix)) return compression;
  }
  return "";
}

bool IsRegularFile(archive_entry* entry) { return archive_entry_filetype(entry) == AE_IFREG; }

// An archive reader over `fd` (read from its current offset) at the first entry's header, stored
// in *first; nullptr when the input holds no entry (a zip without files).
absl::StatusOr<ArchivePtr> OpenArchive(int fd, const std::string& name, archive_entry** first) {
  ArchivePtr a(archive_read_new());
  if (a == nullptr) return absl::ResourceExhaustedError("cannot start libarchive");
  // Named filters rather than _all: some others run external programs.
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_bzip2(a.get());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_filter_xz(a.get());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_raw(a.get());
  *first = nullptr;
  // Nothing bids on empty input: it is an empty stream, not an error.
  auto empty = [&a] { return archive_filter_bytes(a.get(), -1) == 0; };
  if (archive_read_open_fd(a.get(), fd, kBlockBytes) != ARCHIVE_OK) {
    if (empty()) return a;
    return ArchiveError(a.get(), name);
  }
  int rc = archive_read_next_header(a.get(), first);
  if (rc == ARCHIVE_EOF || (rc == ARCHIVE_FATAL && empty())) {
    *first = nullptr;
    return a;
  }
  if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return ArchiveError(a.get(), name);
  return a;
}

// The regular files of a zip from `entry` (the current one, may be nullptr) to the end.
std::vector<std::string> ListFiles(archive* a, archive_entry* entry) {
  std::vector<std::string> names;
  while (entry != nullptr) {
    if (IsRegularFile(entry)) names.emplace_back(archive_entry_pathname(entry));
    if (archive_read_next_header(a, &entry) != ARCHIVE_OK) break;
  }
  return names;
}

// Moves a zip reader from `entry` (the current one) to the first regular file at or after it.
// Returns that file's entry, or nullptr when there is none.
archive_entry* SkipToFile(archive* a, archive_entry* entry) {
  while (entry != nullptr && !IsRegularFile(entry)) {
    if (archive_read_next_header(a, &entry) != ARCHIVE_OK) return nullptr;
  }
  return entry;
}

absl::Status SeveralFilesError(const std::string& name, const std::vector<std::string>& files) {
  if (files.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": the zip holds no file"));
  }
  std::vector<std::string> listed(files.begin(),
                                  files.begin() + std::min(files.size(), kMaxListedNames));
  if (files.size() > listed.size()) listed.push_back("...");
  return absl::InvalidArgumentError(absl::StrCat(name, ": the zip holds ", files.size(), " files (",
                                                 absl::StrJoin(listed, ", "),
                                                 "); it must hold exactly one"));
}

}  // namespace

// A read-only streambuf over the data of an archive's current entry.
class InputStream::Buffer : public std::streambuf {
 public:
  Buffer(int fd, bool owns_fd, std::string name, int64_t size)
      : fd_(fd),
        owns_fd_(owns_fd),
        name_(std::move(name)),
        size_(size),
        start_offset_(::lseek(fd, 0, SEEK_CUR)) {}

  ~Buffer() override {
    archive_.reset();
    if (owns_fd_) ::close(fd_);
  }

  // Opens the archive at the data to read; fails as InputStream::Open documents.
  absl::Status Start(const std::string& path) {
    archive_entry* first = nullptr;
    absl::StatusOr<ArchivePtr> a = OpenArchive(fd_, name_, &first);
    if (!a.ok()) return a.status();
    archive_ = *std::move(a);
    const std::string compression = Compression(archive_.get());
    const std::string promised = PromisedCompression(path);
    if (!promised.empty() && compression != promised) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": not ", promised, " data (the name says it is)"));
    }
    if (compression == "zip") return StartZip(first);
    done_ = first == nullptr;
    return absl::OkStatus();
  }

  absl::Status status() const { return status_; }
  int64_t bytes_read() const {
    return archive_ == nullptr ? 0 : archive_filter_bytes(archive_.get(), -1);
  }
  int64_t size() const { return size_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (done_) return traits_type::eof();
    la_ssize_t n = archive_read_data(archive_.get(), out_.data(), out_.size());
    if (n > 0) {
      setg(out_.data(), out_.data(), out_.data() + n);
      return traits_type::to_int_type(*gptr());
    }
    done_ = true;
    if (n < 0) {
      status_ = ArchiveError(archive_.get(), name_);
    } else if (check_more_files_) {
      CheckNoMoreFiles();
    }
    return traits_type::eof();
  }

 private:
  // A zip: checks it holds one file and positions the reader at its data. A seekable input is
  // listed first, then opened again; a pipe is checked after its first file (CheckNoMoreFiles).
  absl::Status StartZip(archive_entry* first) {
    if (start_offset_ < 0) {
      archive_entry* file = SkipToFile(archive_.get(), first);
      if (file == nullptr) return SeveralFilesError(name_, {});
      first_file_ = archive_entry_pathname(file);
      check_more_files_ = true;
      return absl::OkStatus();
    }
    std::vector<std::string> files = ListFiles(archive_.get(), first);
    if (files.size() != 1) return SeveralFilesError(name_, files);
    if (::lseek(fd_, start_offset_, SEEK_SET) < 0) {
      return ErrnoStatus(errno, "cannot read " + name_);
    }
    absl::StatusOr<ArchivePtr> a = OpenArchive(fd_, name_, &first);
    if (!a.ok()) return a.status();
    archive_ = *std::move(a);
    if (SkipToFile(archive_.get(), first) == nullptr) return SeveralFilesError(name_, {});
    return absl::OkStatus();
  }

  // After the first file of a streamed zip: an error if more files follow.
  void CheckNoMoreFiles() {
    archive_entry* entry = nullptr;
    if (archive_read_next_header(archive_.get(), &entry) != ARCHIVE_OK) return;
    std::vector<std::string> files = ListFiles(archive_.get(), entry);
    if (files.empty()) return;
    files.insert(files.begin(), first_file_);
    status_ = SeveralFilesError(name_, files);
  }

  int fd_;
  bool owns_fd_;
  std::string name_;
  int64_t size_;
  off_t start_offset_;  // where reading began; -1 when the input cannot seek (a pipe)
  ArchivePtr archive_;
  std::vector<char> out_ = std::vector<char>(kOutBytes);
  bool done_ = false;
  bool check_more_files_ = false;
  std::string first_file_;  // of a streamed zip
  absl::Status status_;
};

absl::StatusOr<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  int fd = 0;
  if (path != "-") {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return ErrnoStatus(errno, absl::StrCat("cannot open ", path));
  }
  const std::string name = path == "-" ? "<stdin>" : path;
  struct stat st;
  const bool have_stat = ::fstat(fd, &st) == 0;
  if (have_stat && S_ISDIR(st.st_mode)) {
    if (path != "-") ::close(fd);
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", name, ": is a directory"));
  }
  const int64_t size = have_stat && S_ISREG(st.st_mode) ? st.st_size : -1;
  auto buffer = std::make_unique<Buffer>(fd, path != "-", name, size);
  if (absl::Status started = buffer->Start(path); !started.ok()) return started;
  return std::unique_ptr<InputStream>(new InputStream(std::move(buffer)));
}

InputStream::InputStream(std::unique_ptr<Buffer> buffer)
    : buffer_(std::move(buffer)), stream_(buffer_.get()) {}

InputStream::~InputStream() = default;

absl::Status InputStream::status() const { return buffer_->status(); }
int64_t InputStream::bytes_read() const { return buffer_->bytes_read(); }
int64_t InputStream::size() const { return buffer_->size(); }

}  // namespace annals::cli
