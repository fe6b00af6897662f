// Copyright: the Annals authors.
//
// Actor names: the display form (trimmed, inner whitespace collapsed) and the
// lookup key (the display form NFC-normalized and case-folded), so "donald
// TRUMP" and "Donald Trump" are one actor, and "e" + U+0301 equals "é".
//
// Thread safety: pure functions, safe from any thread.
#ifndef ANNALS_INTERNAL_TEXT_ACTOR_NAME_H_
#define ANNALS_INTERNAL_TEXT_ACTOR_NAME_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace annals::internal {

// True iff `text` is well-formed UTF-8 (no overlong forms, surrogates or code
// points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` without leading and trailing whitespace, each inner run of whitespace
// (ASCII or Unicode: categories Zs, Zl, Zp, and U+0085) replaced by one ASCII
// space. Bytes that are not valid UTF-8 are kept as they are.
std::string CollapseWhitespace(std::string_view text);

// A quick check that CollapseWhitespace(text) == text: true iff `text` is ASCII
// with no whitespace other than single spaces between other characters.
bool IsCollapsedAscii(std::string_view text);

// False iff `text` (valid UTF-8) is empty or holds only combining marks (Mn,
// Me), format characters such as zero-width spaces and joiners (Cf) and
// whitespace: a name that shows nothing.
bool HasVisibleCharacter(std::string_view text);

// The key actors are looked up by: CollapseWhitespace, then NFC and Unicode
// case folding. InvalidArgument if `display_name` is not valid UTF-8.
absl::StatusOr<std::string> ActorLookupKey(std::string_view display_name);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_ACTOR_NAME_H_
