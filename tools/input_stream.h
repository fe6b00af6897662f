// Copyright: the Annals authors.
//
// An input file (or stdin) as a std::istream, decompressed on the fly when it
// is gzip or zstd. The compression is recognised by the data's magic bytes, so
// `annals ingest x.jsonl.gz`, `annals ingest x.jsonl.zst` and `zstd -c x |
// annals ingest -` all work.
//
//   absl::StatusOr<std::unique_ptr<InputStream>> in =
//   InputStream::Open("events.jsonl.gz"); auto reader =
//   annals::RecordReader::Json((*in)->stream());
//   ... after the reader reached the end: (*in)->status() is OK unless reading
//   or decoding failed.
#ifndef ANNALS_TOOLS_INPUT_STREAM_H_
#define ANNALS_TOOLS_INPUT_STREAM_H_

#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace annals::cli {

class InputStream {
 public:
  // Opens `path`; "-" is stdin. NotFound / PermissionDenied / InvalidArgument
  // (a directory) with a message naming the path.
  static absl::StatusOr<std::unique_ptr<InputStream>> Open(const std::string& path);

  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  std::istream& stream() { return stream_; }

  // OK, or the first read or decompression error (DataLoss for corrupt or
  // truncated data). A failed stream looks like its end to the reader of
  // stream().
  absl::Status status() const;

 private:
  class Buffer;
  InputStream(int fd, bool owns_fd, const std::string& path);

  std::unique_ptr<Buffer> buffer_;
  std::istream stream_;
};

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_INPUT_STREAM_H_
