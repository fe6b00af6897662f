// Copyright: the Annals authors.
#include "internal/text/actor_name.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/status/status.h"
#include "utf8proc.h"

namespace annals::internal {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool IsUnicodeSpace(utf8proc_int32_t cp) {
  if (cp == 0x85) return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return false;
  }
}

// The length of the whitespace character at text[i], or 0 if there is none.
size_t SpaceLength(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return IsAsciiSpace(c) ? 1 : 0;
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                       static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  return n > 0 && IsUnicodeSpace(cp) ? static_cast<size_t>(n) : 0;
}

bool IsAscii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

}  // namespace

bool IsCollapsedAscii(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  char previous = 0;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u != ' ' && IsAsciiSpace(u)) || (c == ' ' && previous == ' ')) return false;
    previous = c;
  }
  return true;
}

bool IsValidUtf8(std::string_view text) {
  if (IsAscii(text)) return true;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + i, text.size() - i, &code_point);
    if (n <= 0) return false;  // truncated, overlong, a surrogate or beyond U+10FFFF
    i += n;
  }
  return true;
}

std::string CollapseWhitespace(std::string_view text) {
  if (IsCollapsedAscii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    const size_t space = SpaceLength(text, i);
    if (space > 0) {
      pending_space = !out.empty();
      i += space;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(text[i++]);
  }
  return out;
}

bool HasVisibleCharacter(std::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + i, text.size() - i, &cp);
    if (n <= 0) return true;  // not UTF-8: shown as something
    i += static_cast<size_t>(n);
    switch (utf8proc_category(cp)) {
      case UTF8PROC_CATEGORY_MN:
      case UTF8PROC_CATEGORY_ME:
      case UTF8PROC_CATEGORY_CF:
      case UTF8PROC_CATEGORY_ZS:
      case UTF8PROC_CATEGORY_ZL:
      case UTF8PROC_CATEGORY_ZP:
        break;
      default:
        if (cp > ' ') return true;
    }
  }
  return false;
}

absl::StatusOr<std::string> ActorLookupKey(std::string_view display_name) {
  std::string collapsed = CollapseWhitespace(display_name);
  if (IsAscii(collapsed)) {
    for (char& c : collapsed) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return collapsed;
  }
  if (!IsValidUtf8(collapsed)) {
    return absl::InvalidArgumentError("actor name: invalid UTF-8");
  }
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(collapsed.data()),
      static_cast<utf8proc_ssize_t>(collapsed.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (n < 0) {
    return absl::InvalidArgumentError(std::string("actor name: ") + utf8proc_errmsg(n));
  }
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
}

}  // namespace annals::internal
