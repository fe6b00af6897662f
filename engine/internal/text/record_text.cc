// Copyright: the Annals authors.
#include "internal/text/record_text.h"

#include <cmath>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "internal/text/actor_name.h"

namespace annals::internal {
namespace {

absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Advances *i past a run of digits; returns how many there were.
size_t SkipDigits(std::string_view text, size_t* i) {
  const size_t start = *i;
  while (*i < text.size() && IsDigit(text[*i])) ++*i;
  return *i - start;
}

// The longest prefix of `text` of at most `max` bytes that does not end inside
// a UTF-8 sequence.
std::string_view CutAtCharBoundary(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t plain_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + plain_start, i - plain_start);
    plain_start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(text.data() + plain_start, text.size() - plain_start);
  out->push_back('"');
}

bool IsJsonNumberSyntax(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (SkipDigits(text, &i) == 0) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (SkipDigits(text, &i) == 0) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (SkipDigits(text, &i) == 0) return false;
  }
  return i == text.size();
}

bool IsJsonNumber(std::string_view text) {
  if (!IsJsonNumberSyntax(text)) return false;
  // As the NDJSON reader (RapidJSON) requires: a magnitude over a double's largest is refused;
  // a smaller one rounds, to 0 at the bottom.
  double value = 0;
  return absl::SimpleAtod(Absl(text), &value) && std::isfinite(value);
}

std::string QuoteForMessage(std::string_view text) {
  if (!IsValidUtf8(text)) {
    std::string_view cut = text.substr(0, kMaxQuotedBytes);
    return absl::StrCat("\"", absl::CHexEscape(Absl(cut)),
                        cut.size() < text.size() ? "...\"" : "\"");
  }
  std::string_view cut = CutAtCharBoundary(text, kMaxQuotedBytes);
  std::string out;
  AppendJsonString(cut, &out);
  if (cut.size() < text.size()) out.insert(out.size() - 1, "...");
  return out;
}

std::string ShortenForMessage(std::string_view text) {
  std::string_view cut = CutAtCharBoundary(text, kMaxQuotedBytes);
  return cut.size() < text.size() ? absl::StrCat(Absl(cut), "...") : std::string(cut);
}

absl::Status FieldError(std::string_view field, std::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat("field ", QuoteForMessage(field), ": ", Absl(reason)));
}

absl::StatusOr<EventTime> ParseTimeField(std::string_view text) {
  if (!IsValidUtf8(text)) return FieldError("time", "invalid UTF-8");
  if (text.empty()) return FieldError("time", "empty");
  absl::StatusOr<EventTime> time = ParseTime(text);
  if (!time.ok()) {
    return FieldError("time", std::string(time.status().message()));
  }
  return time;
}

absl::StatusOr<Date> ParseRecordedField(std::string_view text) {
  if (!IsValidUtf8(text)) return FieldError("recorded", "invalid UTF-8");
  if (text.find('/') != std::string_view::npos) {
    return FieldError("recorded", absl::StrCat("invalid date ", QuoteForMessage(text),
                                               ": an interval, expected one date"));
  }
  absl::StatusOr<Date> date = ParseDate(text);
  if (!date.ok()) {
    return FieldError("recorded", std::string(date.status().message()));
  }
  return date;
}

std::string FormatAttrsJson(const std::vector<Attr>& attrs) {
  std::string out = "{";
  for (const Attr& attr : attrs) {
    if (out.size() > 1) out.push_back(',');
    AppendJsonString(attr.key, &out);
    out.push_back(':');
    if (attr.kind == Attr::Kind::kString) {
      AppendJsonString(attr.value, &out);
    } else {
      out.append(attr.value);
    }
  }
  out.push_back('}');
  return out;
}

}  // namespace annals::internal
