// Copyright: the Annals authors.
#include "event_view.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "annals/time.h"
#include "output_table.h"

namespace annals::cli {
namespace {

constexpr size_t kLabelWidth = 10;  // "recorded" and two spaces
constexpr size_t kMinValueWidth = 20;

std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

// Appends `label` and the value's lines, continuation lines indented.
void AddField(std::string_view label, const std::vector<std::string>& values, size_t width,
              std::string* out) {
  const size_t value_width =
      std::max(kMinValueWidth, width > kLabelWidth ? width - kLabelWidth : 0);
  bool first = true;
  for (const std::string& value : values) {
    for (const std::string& line : WrapText(value, value_width)) {
      std::string head = first ? std::string(label) : "";
      head.resize(kLabelWidth, ' ');
      std::string text = head + line;
      while (!text.empty() && text.back() == ' ') text.pop_back();
      absl::StrAppend(out, text, "\n");
      first = false;
    }
  }
}

std::string AttrText(const Attr& attr) { return absl::StrCat(attr.key, ": ", attr.value); }

}  // namespace

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_width = 0;
  const std::string printable = Printable(text);
  size_t pos = 0;
  while (pos < printable.size()) {
    const size_t space = printable.find(' ', pos);
    const size_t end = space == std::string::npos ? printable.size() : space;
    const std::string_view word(printable.data() + pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const size_t word_width = DisplayWidth(word);
    if (!line.empty() && line_width + 1 + word_width > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (!line.empty()) {
      line.push_back(' ');
      ++line_width;
    }
    line.append(word);
    line_width += word_width;
  }
  lines.push_back(std::move(line));
  return lines;
}

std::string FormatEventView(const Event& event, size_t width) {
  std::string out;
  auto field = [&](std::string_view label, std::string_view value) {
    if (!value.empty()) AddField(label, {std::string(value)}, width, &out);
  };
  field("id", event.id);
  field("time", FormatTime(event.time));
  field("type", event.type);
  field("title", event.title);
  std::vector<std::string> actors;
  for (const Actor& actor : event.actors) {
    actors.push_back(actor.role.empty() ? actor.name
                                        : absl::StrCat(actor.name, " (", actor.role, ")"));
  }
  if (!actors.empty()) AddField("actors", actors, width, &out);
  field("location", event.location);
  field("source", event.source);
  if (event.recorded) field("recorded", FormatDate(*event.recorded));
  std::vector<std::string> attrs;
  for (const Attr& attr : event.attrs) attrs.push_back(AttrText(attr));
  if (!attrs.empty()) AddField("attrs", attrs, width, &out);
  if (event.ingested_us != 0) field("stored", FormatInstant(event.ingested_us));
  return out;
}

}  // namespace annals::cli
