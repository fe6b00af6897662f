// Copyright: the Annals authors.
//
// ActorSpec text: `NAME` or `NAME=ROLE` (query.h).
#include <string>
#include <string_view>

#include "annals/query.h"

namespace annals {
namespace {

bool IsEscapable(char c) { return c == '=' || c == '\\' || c == ';'; }

// `text` with each escape sequence replaced by the character it stands for.
std::string Unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && IsEscapable(text[i + 1])) ++i;
    out.push_back(text[i]);
  }
  return out;
}

void AppendEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    if (IsEscapable(c)) out->push_back('\\');
    out->push_back(c);
  }
}

}  // namespace

absl::StatusOr<ActorSpec> ParseActorSpec(std::string_view text) {
  size_t split = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && IsEscapable(text[i + 1])) {
      ++i;
    } else if (text[i] == '=') {
      split = i;
    }
  }
  ActorSpec spec;
  spec.name = Unescape(text.substr(0, split));
  if (split != std::string_view::npos) spec.role = Unescape(text.substr(split + 1));
  if (spec.name.find_first_not_of(" \t\r\n") == std::string::npos) {
    return absl::InvalidArgumentError("actor \"" + std::string(text) +
                                      "\": the name before `=` is empty");
  }
  return spec;
}

std::string FormatActorSpec(const ActorSpec& spec) {
  std::string out;
  AppendEscaped(spec.name, &out);
  if (spec.role) {
    out.push_back('=');
    AppendEscaped(*spec.role, &out);
  }
  return out;
}

}  // namespace annals
