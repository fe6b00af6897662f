// Copyright: the Annals authors.
//
// Aligned text tables for a terminal: a header row, columns separated by two
// spaces, and the widest columns truncated with `…` until the table fits the
// width.
//
//   Table table({"NAME", "EVENTS"});
//   table.AlignRight(1);
//   table.AddRow({"Mark Rutte", "3"});
//   Stdout::Lines(table.Render(TerminalWidth()));
#ifndef ANNALS_TOOLS_OUTPUT_TABLE_H_
#define ANNALS_TOOLS_OUTPUT_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> header);

  // Cells beyond the header's count are dropped, missing ones are empty.
  // Control characters (newlines, tabs) are shown as spaces.
  void AddRow(std::vector<std::string> cells);
  void AlignRight(size_t column);
  // Columns of free text that give up width first when the table is too wide; the others are
  // cut only after these are down to their header's width.
  void ShrinkFirst(size_t column);

  bool empty() const { return rows_.empty(); }

  // The header and every row, each line ending in '\n', no trailing spaces.
  // Lines are at most `width` display columns unless even the narrowest layout
  // (every column as wide as its header) is wider.
  std::string Render(size_t width) const;

 private:
  std::vector<size_t> FitWidths(size_t width) const;
  // Narrows the widest column among those `eligible` (ties: the rightmost) by one, down to
  // `minimum`, until `total` fits `width`.
  static void Shrink(const std::vector<bool>& eligible, const std::vector<size_t>& minimum,
                     size_t width, size_t& total, std::vector<size_t>& widths);
  std::string RenderRow(const std::vector<std::string>& cells,
                        const std::vector<size_t>& widths) const;

  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
  std::vector<bool> shrink_first_;
};

// The width to fit: $COLUMNS when set to a positive number (on a terminal too,
// as `ls` does), else the terminal on stdout, else 100.
size_t TerminalWidth();

// Display columns of UTF-8 text (wide characters count 2, combining marks 0).
size_t DisplayWidth(std::string_view text);

// `text` if it fits in `width` columns, else its longest prefix that fits in
// width - 1 followed by `…`.
std::string TruncateToWidth(std::string_view text, size_t width);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_OUTPUT_TABLE_H_
