// Copyright: the Annals authors.
#include "input_position.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace annals::cli {
namespace {

// A regular file's identity and size, or false.
bool RegularFile(const struct stat& st, uint64_t* size) {
  if (!S_ISREG(st.st_mode) || st.st_size <= 0) return false;
  *size = static_cast<uint64_t>(st.st_size);
  return true;
}

}  // namespace

InputPosition InputPosition::Find(const std::string& path) {
  struct stat target;
  uint64_t size = 0;
  if (path == "-") {
    if (::fstat(STDIN_FILENO, &target) != 0 || !RegularFile(target, &size)) return {};
    return InputPosition(STDIN_FILENO, size);
  }
  if (::stat(path.c_str(), &target) != 0 || !RegularFile(target, &size)) return {};
  // The most recently opened descriptor of the same file: the reader's.
  int found = -1;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const int fd = std::atoi(entry.path().filename().c_str());
    struct stat st;
    if (fd > STDERR_FILENO && ::fstat(fd, &st) == 0 && st.st_dev == target.st_dev &&
        st.st_ino == target.st_ino) {
      found = std::max(found, fd);
    }
  }
  return found < 0 ? InputPosition() : InputPosition(found, size);
}

double InputPosition::Fraction() const {
  const off_t offset = ::lseek(fd_, 0, SEEK_CUR);
  if (offset <= 0) return 0;
  return std::min(1.0, static_cast<double>(offset) / static_cast<double>(size_));
}

}  // namespace annals::cli
