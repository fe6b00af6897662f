// Copyright: the Annals authors.
//
// A JSON text parsed into a flat tree of values, for the NDJSON record reader (json_record.h).
// Numbers keep their text as written (`1.50` stays `1.50`, `1e400` is not rounded), strings are
// unescaped, object members keep their order and duplicates. Parsing is RapidJSON's iterative
// reader (no recursion, however deep the input nests), which validates \u escapes (a lone
// surrogate is an error) and rejects anything after the one top-level value. It does not validate
// raw UTF-8: the caller does, once for the whole text (json_record.cc), which costs less.
// RapidJSON is header-only: the CLI that links this stays free of shared C++ libraries.
//
// Thread safety: a JsonTree is not thread-safe; use one per thread.
#ifndef ANNALS_INTERNAL_TEXT_JSON_TREE_H_
#define ANNALS_INTERNAL_TEXT_JSON_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace annals::internal {

class JsonTree {
 public:
  enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Value {
    Type type = Type::kNull;
    bool boolean = false;
    uint32_t text_begin = 0, text_size = 0;  // in text(): a string unescaped, a number as written
    uint32_t key_begin = 0, key_size = 0;    // the member's key, unescaped (in an object)
    uint32_t key_offset = 0;  // byte offset of the key's opening quote in the parsed input
    uint32_t first = kNone;   // the first element or member (arrays, objects)
    uint32_t next = kNone;    // the next sibling
  };

  // Parses `json` (valid UTF-8), replacing what was parsed before. InvalidArgument "invalid JSON
  // at byte N: ..." on a syntax error, an invalid escape, a NUL byte, or anything after the value.
  absl::Status Parse(std::string_view json);

  // After a failed Parse: the member or element being read when it failed (`attrs.k`,
  // `actors[1].name`), or "" at the top level.
  const std::string& error_path() const { return error_path_; }

  // The top-level value (after a successful Parse).
  const Value& root() const { return values_[0]; }
  const Value& at(uint32_t index) const { return values_[index]; }
  std::string_view text(const Value& v) const {
    return std::string_view(arena_).substr(v.text_begin, v.text_size);
  }
  std::string_view key(const Value& v) const {
    return std::string_view(arena_).substr(v.key_begin, v.key_size);
  }

 private:
  friend class JsonTreeBuilder;

  std::vector<Value> values_;
  std::string arena_;   // strings, keys and number texts
  std::string buffer_;  // the input, NUL-terminated for the reader
  std::string error_path_;
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_JSON_TREE_H_
