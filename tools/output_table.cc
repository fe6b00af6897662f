// Copyright: the Annals authors.
#include "output_table.h"

#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace annals::cli {
namespace {

constexpr size_t kDefaultWidth = 100;
constexpr size_t kGap = 2;
constexpr std::string_view kEllipsis = "\u2026";

// Decodes the code point at text[pos], advancing pos. Invalid bytes count as
// one U+FFFD.
int32_t NextCodePoint(std::string_view text, size_t& pos) {
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    pos += 1;
    return 0xFFFD;
  }
  pos += static_cast<size_t>(n);
  return cp;
}

size_t CodePointWidth(int32_t cp) {
  int w = utf8proc_charwidth(cp);
  return w > 0 ? static_cast<size_t>(w) : 0;
}

std::string Sanitize(std::string cell) {
  for (char& c : cell) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return cell;
}

void RightTrim(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

}  // namespace

Table::Table(std::vector<std::string> header)
    : header_(std::move(header)),
      right_(header_.size(), false),
      shrink_first_(header_.size(), false) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(header_.size());
  for (std::string& cell : cells) cell = Sanitize(std::move(cell));
  rows_.push_back(std::move(cells));
}

void Table::AlignRight(size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void Table::ShrinkFirst(size_t column) {
  if (column < shrink_first_.size()) shrink_first_[column] = true;
}

std::vector<size_t> Table::FitWidths(size_t width) const {
  std::vector<size_t> widths, minimum;
  for (const std::string& h : header_) {
    widths.push_back(DisplayWidth(h));
    minimum.push_back(std::max<size_t>(DisplayWidth(h), 1));
  }
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  size_t total = kGap * (widths.empty() ? 0 : widths.size() - 1);
  for (size_t w : widths) total += w;
  Shrink(shrink_first_, minimum, width, total, widths);
  Shrink(std::vector<bool>(widths.size(), true), minimum, width, total, widths);
  return widths;
}

void Table::Shrink(const std::vector<bool>& eligible, const std::vector<size_t>& minimum,
                   size_t width, size_t& total, std::vector<size_t>& widths) {
  while (total > width) {
    size_t widest = widths.size();
    for (size_t i = 0; i < widths.size(); ++i) {
      if (eligible[i] && widths[i] > minimum[i] &&
          (widest == widths.size() || widths[i] >= widths[widest])) {
        widest = i;
      }
    }
    if (widest == widths.size()) return;
    --widths[widest];
    --total;
  }
}

std::string Table::RenderRow(const std::vector<std::string>& cells,
                             const std::vector<size_t>& widths) const {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line.append(kGap, ' ');
    std::string cell = TruncateToWidth(cells[i], widths[i]);
    std::string padding(widths[i] - DisplayWidth(cell), ' ');
    if (right_[i]) line += padding;
    line += cell;
    if (!right_[i]) line += padding;
  }
  RightTrim(line);
  line.push_back('\n');
  return line;
}

std::string Table::Render(size_t width) const {
  std::vector<size_t> widths = FitWidths(width);
  std::string out = RenderRow(header_, widths);
  for (const auto& row : rows_) out += RenderRow(row, widths);
  return out;
}

size_t TerminalWidth() {
  const char* columns = std::getenv("COLUMNS");
  if (columns != nullptr) {
    char* end = nullptr;
    long n = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0) return static_cast<size_t>(n);
  }
  struct winsize ws;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return kDefaultWidth;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t pos = 0; pos < text.size();) width += CodePointWidth(NextCodePoint(text, pos));
  return width;
}

std::string TruncateToWidth(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  size_t used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = pos;
    size_t w = CodePointWidth(NextCodePoint(text, next));
    if (used + w > width - 1) break;
    used += w;
    pos = next;
  }
  std::string out(text.substr(0, pos));
  out += kEllipsis;
  return out;
}

}  // namespace annals::cli
