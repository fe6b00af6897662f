// Copyright: the Annals authors.
#include "input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace annals::cli {
namespace {

constexpr size_t kInBytes = 128 << 10;
constexpr size_t kOutBytes = 256 << 10;

bool HasGzipMagic(const char* p) {
  return static_cast<unsigned char>(p[0]) == 0x1f && static_cast<unsigned char>(p[1]) == 0x8b;
}

bool HasZstdMagic(const char* p) {
  static constexpr unsigned char kMagic[4] = {0x28, 0xb5, 0x2f, 0xfd};
  return std::memcmp(p, kMagic, 4) == 0;
}

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

}  // namespace

// A read-only streambuf over a file descriptor that inflates gzip or zstd data.
class InputStream::Buffer : public std::streambuf {
 public:
  Buffer(int fd, bool owns_fd, std::string path)
      : fd_(fd), owns_fd_(owns_fd), path_(std::move(path)), in_(kInBytes) {}

  ~Buffer() override {
    if (gzip_ready_) inflateEnd(&gzip_);
    if (zstd_ != nullptr) ZSTD_freeDCtx(zstd_);
    if (owns_fd_) ::close(fd_);
  }

  absl::Status status() const { return status_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (codec_ == Codec::kUnknown) Detect();
    while (status_.ok()) {
      if (in_begin_ == in_end_ && !raw_eof_) ReadRaw();
      if (!status_.ok()) break;
      if (Produce()) return traits_type::to_int_type(*gptr());
      if (in_begin_ == in_end_ && raw_eof_) {
        CheckComplete();
        break;
      }
    }
    return traits_type::eof();
  }

 private:
  enum class Codec { kUnknown, kPlain, kGzip, kZstd };

  // Appends what one read() returns to the raw input.
  void ReadRaw() {
    if (in_begin_ > 0) {
      std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
      in_end_ -= in_begin_;
      in_begin_ = 0;
    }
    ssize_t n;
    do {
      n = ::read(fd_, in_.data() + in_end_, in_.size() - in_end_);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      status_ = ErrnoStatus(errno, absl::StrCat("cannot read ", path_));
    } else if (n == 0) {
      raw_eof_ = true;
    } else {
      in_end_ += static_cast<size_t>(n);
    }
  }

  void Detect() {
    while (in_end_ - in_begin_ < 4 && !raw_eof_ && status_.ok()) ReadRaw();
    codec_ = Codec::kPlain;
    if (in_end_ - in_begin_ < 4) return;
    const char* head = in_.data() + in_begin_;
    if (HasGzipMagic(head)) {
      codec_ = Codec::kGzip;
      std::memset(&gzip_, 0, sizeof(gzip_));
      gzip_ready_ = inflateInit2(&gzip_, 16 + MAX_WBITS) == Z_OK;
      if (!gzip_ready_) status_ = absl::ResourceExhaustedError("cannot start gzip decoder");
    } else if (HasZstdMagic(head)) {
      codec_ = Codec::kZstd;
      zstd_ = ZSTD_createDCtx();
      if (zstd_ == nullptr) status_ = absl::ResourceExhaustedError("cannot start zstd decoder");
    }
    if (codec_ != Codec::kPlain) out_.resize(kOutBytes);
  }

  // Makes [eback, egptr) the next decoded bytes. Returns false if there were
  // none yet.
  bool Produce() {
    if (!status_.ok()) return false;
    if (codec_ == Codec::kPlain) {
      char* begin = in_.data() + in_begin_;
      char* end = in_.data() + in_end_;
      in_begin_ = in_end_;
      setg(begin, begin, end);
      return begin != end;
    }
    size_t n = codec_ == Codec::kGzip ? InflateGzip() : InflateZstd();
    setg(out_.data(), out_.data(), out_.data() + n);
    return n > 0;
  }

  size_t InflateGzip() {
    gzip_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_begin_);
    gzip_.avail_in = static_cast<uInt>(in_end_ - in_begin_);
    gzip_.next_out = reinterpret_cast<Bytef*>(out_.data());
    gzip_.avail_out = static_cast<uInt>(out_.size());
    int rc = inflate(&gzip_, Z_NO_FLUSH);
    in_begin_ = in_end_ - gzip_.avail_in;
    size_t produced = out_.size() - gzip_.avail_out;
    if (rc == Z_STREAM_END) {
      gzip_member_open_ = false;  // a concatenated member may follow
      inflateReset(&gzip_);
    } else if (rc == Z_OK) {
      gzip_member_open_ = true;
    } else if (rc != Z_BUF_ERROR) {
      status_ = absl::DataLossError(absl::StrCat(
          path_, ": corrupt gzip data (", gzip_.msg != nullptr ? gzip_.msg : "unknown", ")"));
    }
    return produced;
  }

  size_t InflateZstd() {
    ZSTD_inBuffer in{in_.data() + in_begin_, in_end_ - in_begin_, 0};
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    size_t rc = ZSTD_decompressStream(zstd_, &out, &in);
    in_begin_ += in.pos;
    if (ZSTD_isError(rc)) {
      status_ = absl::DataLossError(
          absl::StrCat(path_, ": corrupt zstd data (", ZSTD_getErrorName(rc), ")"));
      return 0;
    }
    // An idle call (no input, no output) says nothing about the frame: it asks for a next one.
    if (in.pos > 0 || out.pos > 0) zstd_frame_open_ = rc != 0;
    return out.pos;
  }

  void CheckComplete() {
    if (gzip_member_open_)
      status_ = absl::DataLossError(absl::StrCat(path_, ": truncated gzip data"));
    if (zstd_frame_open_)
      status_ = absl::DataLossError(absl::StrCat(path_, ": truncated zstd data"));
  }

  int fd_;
  bool owns_fd_;
  std::string path_;
  Codec codec_ = Codec::kUnknown;
  std::vector<char> in_;
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
  bool raw_eof_ = false;
  std::vector<char> out_;
  z_stream gzip_;
  bool gzip_ready_ = false;
  bool gzip_member_open_ = false;
  ZSTD_DCtx* zstd_ = nullptr;
  bool zstd_frame_open_ = false;
  absl::Status status_;
};

absl::StatusOr<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<InputStream>(new InputStream(0, false, "<stdin>"));
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoStatus(errno, absl::StrCat("cannot open ", path));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", path, ": is a directory"));
  }
  return std::unique_ptr<InputStream>(new InputStream(fd, true, path));
}

InputStream::InputStream(int fd, bool owns_fd, const std::string& path)
    : buffer_(std::make_unique<Buffer>(fd, owns_fd, path)), stream_(buffer_.get()) {}

InputStream::~InputStream() = default;

absl::Status InputStream::status() const { return buffer_->status(); }

}  // namespace annals::cli
