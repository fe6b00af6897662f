// Copyright: the Annals authors.
//
// An input file (or stdin) as a std::istream, decompressed on the fly through libarchive when it
// is gzip, zstd, bzip2 or xz data, or a zip archive holding one file. Compression is recognised
// by the data, so `annals ingest x.jsonl.gz` and `zstd -c x | annals ingest -` both work; a name
// ending in .gz, .zst, .bz2 or .zip whose data is not compressed that way is an error.
//
//   absl::StatusOr<std::unique_ptr<InputStream>> in = InputStream::Open("events.jsonl.gz");
//   auto reader = annals::RecordReader::Json((*in)->stream());
//   ... after the reader reached the end: (*in)->status() is OK unless reading
//   or decoding failed.
//
// A zip holding several files is an error naming them: at Open when the zip can be seeked (a
// file), else (a pipe) when the first file has been read, since a stream shows the next entry
// only then.
//
// Thread safety: one thread at a time.
#ifndef ANNALS_TOOLS_INPUT_STREAM_H_
#define ANNALS_TOOLS_INPUT_STREAM_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace annals::cli {

class InputStream {
 public:
  // Opens `path`; "-" is stdin. NotFound / PermissionDenied / InvalidArgument (a directory, a zip
  // with several files or none, a name promising compression the data lacks) with a message
  // naming the path as given; DataLoss when the data cannot be decoded.
  static absl::StatusOr<std::unique_ptr<InputStream>> Open(const std::string& path);

  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  std::istream& stream() { return stream_; }

  // OK, or the first read or decompression error (DataLoss for corrupt or truncated data), its
  // message starting with the path. A failed stream looks like its end to the reader of stream().
  absl::Status status() const;

  // Bytes of the input as stored (compressed) consumed so far, and the input's size in bytes
  // (-1 when unknown: a pipe). Their ratio is the progress through the input.
  int64_t bytes_read() const;
  int64_t size() const;

 private:
  class Buffer;
  explicit InputStream(std::unique_ptr<Buffer> buffer);

  std::unique_ptr<Buffer> buffer_;
  std::istream stream_;
};

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_INPUT_STREAM_H_
