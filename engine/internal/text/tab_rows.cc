// Copyright: the Annals authors.
#include "internal/text/tab_rows.h"

#include "absl/strings/str_cat.h"
#include "annals/event.h"
#include "internal/text/dataset_cells.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

TabRows::TabRows(std::istream& in) : in_(in) { in_.SkipByteOrderMark(); }

absl::StatusOr<bool> TabRows::Next(std::vector<std::string>* cells) {
  size_t length = 0;
  while (in_.ReadLine(kMaxLineBytes, &text_, &length)) {
    line_ = next_line_++;
    if (length > kMaxLineBytes) {
      return absl::InvalidArgumentError(absl::StrCat("row longer than 1 MiB (", length, " bytes)"));
    }
    if (IsBlank(text_)) continue;
    SplitTabs(text_, cells);
    return true;
  }
  RETURN_IF_ERROR(in_.TakeError());
  return false;
}

}  // namespace annals::internal
