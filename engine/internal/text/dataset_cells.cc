// Copyright: the Annals authors.
#include "internal/text/dataset_cells.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "internal/text/record_text.h"

namespace annals::internal {
namespace {

// The first second of year 10000: Annals dates end at 9999.
constexpr int64_t kEndOfYear9999 = 253402300800;

absl::string_view AbslView(std::string_view text) { return {text.data(), text.size()}; }

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

absl::StatusOr<Date> ParseDateCell(std::string_view column, std::string_view cell,
                                   const std::string& edtf) {
  absl::StatusOr<Date> date = ParseDate(edtf);
  if (!date.ok()) {
    return FieldError(column, absl::StrCat("not a date: ", QuoteForMessage(cell)));
  }
  return date;
}

}  // namespace

bool HasNoValue(std::string_view cell) { return cell.empty() || cell == "NA"; }

std::string ValueOf(std::string_view cell) {
  return HasNoValue(cell) ? std::string() : std::string(cell);
}

void AddStringAttr(std::string_view key, std::string_view cell, Event* event) {
  if (HasNoValue(cell)) return;
  event->attrs.push_back({std::string(key), Attr::Kind::kString, std::string(cell)});
}

absl::Status AddNumberAttr(std::string_view key, std::string_view column, std::string_view cell,
                           Event* event) {
  if (HasNoValue(cell)) return absl::OkStatus();
  if (!IsJsonNumber(cell)) {
    const char* why = IsJsonNumberSyntax(cell) ? "a number too large for a double" : "not a number";
    return FieldError(column, absl::StrCat(why, ": ", QuoteForMessage(cell)));
  }
  event->attrs.push_back({std::string(key), Attr::Kind::kNumber, std::string(cell)});
  return absl::OkStatus();
}

absl::Status AddFlagAttr(std::string_view key, std::string_view column, std::string_view cell,
                         Event* event) {
  if (HasNoValue(cell)) return absl::OkStatus();
  if (cell != "0" && cell != "1") {
    return FieldError(column, absl::StrCat("expected 0 or 1, found ", QuoteForMessage(cell)));
  }
  event->attrs.push_back({std::string(key), Attr::Kind::kBool, cell == "1" ? "true" : "false"});
  return absl::OkStatus();
}

void AddActor(std::string_view name, std::string_view role, Event* event) {
  if (HasNoValue(name)) return;
  event->actors.push_back({std::string(name), std::string(role)});
}

std::string JoinPresent(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (HasNoValue(part)) continue;
    if (!out.empty()) out.append(", ");
    out.append(part);
  }
  return out;
}

absl::StatusOr<Date> ParseCompactDay(std::string_view column, std::string_view cell) {
  if (cell.size() != 8 || !AllDigits(cell)) {
    return FieldError(column, absl::StrCat("expected YYYYMMDD, found ", QuoteForMessage(cell)));
  }
  const absl::string_view c = AbslView(cell);
  return ParseDateCell(column, cell,
                       absl::StrCat(c.substr(0, 4), "-", c.substr(4, 2), "-", c.substr(6, 2)));
}

absl::StatusOr<Date> ParseCompactSecond(std::string_view column, std::string_view cell) {
  if (cell.size() != 14 || !AllDigits(cell)) {
    return FieldError(column,
                      absl::StrCat("expected YYYYMMDDHHMMSS, found ", QuoteForMessage(cell)));
  }
  const absl::string_view c = AbslView(cell);
  return ParseDateCell(
      column, cell,
      absl::StrCat(c.substr(0, 4), "-", c.substr(4, 2), "-", c.substr(6, 2), "T", c.substr(8, 2),
                   ":", c.substr(10, 2), ":", c.substr(12, 2), "Z"));
}

absl::StatusOr<Date> ParseUnixSeconds(std::string_view column, std::string_view cell) {
  int64_t seconds = 0;
  if (!AllDigits(cell) || !absl::SimpleAtoi(AbslView(cell), &seconds) ||
      seconds >= kEndOfYear9999) {
    return FieldError(column, absl::StrCat("expected Unix seconds, found ", QuoteForMessage(cell)));
  }
  return Date{seconds * 1000000, Precision::kSecond, 0};
}

void SplitTabs(std::string_view line, std::vector<std::string>* cells) {
  // Assigns into the strings already there, so a reader reusing *cells allocates rarely.
  size_t n = 0;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    const size_t end = tab == std::string_view::npos ? line.size() : tab;
    if (n == cells->size()) cells->emplace_back();
    (*cells)[n++].assign(line.data() + start, end - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  cells->resize(n);
}

NamedColumns::NamedColumns(const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(names[i]));
    if (!index_.try_emplace(key, i).second) duplicates_.try_emplace(std::move(key), i);
  }
}

absl::Status NamedColumns::Check(std::string_view dataset,
                                 std::initializer_list<std::string_view> required,
                                 const std::vector<std::string_view>& mapped) const {
  for (std::string_view name : required) {
    if (!Find(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(AbslView(dataset), " header: no \"", AbslView(name),
                       "\" column (the first line must be ", AbslView(dataset), "'s header row)"));
    }
  }
  for (std::string_view name : mapped) {
    if (duplicates_.contains(absl::AsciiStrToLower(AbslView(name)))) {
      return absl::InvalidArgumentError(
          absl::StrCat(AbslView(dataset), " header: duplicate column ", QuoteForMessage(name)));
    }
  }
  return absl::OkStatus();
}

std::optional<size_t> NamedColumns::Find(std::string_view name) const {
  auto it = index_.find(absl::AsciiStrToLower(AbslView(name)));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

absl::Status CheckColumnCount(size_t expected, size_t found) {
  if (found == expected) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("expected ", expected, " columns, found ", found));
}

}  // namespace annals::internal
