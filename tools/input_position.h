// Copyright: the Annals authors.
//
// How far the reading of an input file has got, for the progress bar: its size
// and the current offset of the file descriptor that reads it (the compressed
// bytes for a compressed file, so the fraction is right either way). Found
// from outside the reader (/proc/self/fd), so that any reader of the file
// works unchanged.
//
//   InputPosition position = InputPosition::Find("events.jsonl.zst");  // after opening it
//   if (position.known()) Show(position.Fraction());
#ifndef ANNALS_TOOLS_INPUT_POSITION_H_
#define ANNALS_TOOLS_INPUT_POSITION_H_

#include <cstdint>
#include <string>

namespace annals::cli {

class InputPosition {
 public:
  // Nothing known.
  InputPosition() = default;

  // For `path` ("-": stdin), which this process has open: known when it is a
  // regular file of non-zero size and an open descriptor of it is found.
  static InputPosition Find(const std::string& path);

  bool known() const { return fd_ >= 0; }

  // The share of the file read so far, in [0, 1]. REQUIRES: known().
  double Fraction() const;

 private:
  InputPosition(int fd, uint64_t size) : fd_(fd), size_(size) {}

  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_INPUT_POSITION_H_
