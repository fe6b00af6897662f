// Copyright: the Annals authors.
//
// The internal key codec (engine/internal/key_codec.h) on arbitrary bytes. Properties: decoders
// never read past their input; what decodes re-encodes to exactly the bytes consumed (the
// encoding is canonical), for index keys, event keys, index values and escaped strings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "internal/storage/format.h"
#include "internal/storage/key_codec.h"

namespace ai = annals::internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  for (bool has_prefix : {false, true}) {
    ai::IndexKey k;
    if (ai::DecodeIndexKey(in, has_prefix, &k)) {
      FUZZ_CHECK(ai::EncodeIndexKey(has_prefix, k) == in);
    }
  }
  uint64_t event;
  if (ai::DecodeEventKey(in, &event)) FUZZ_CHECK(ai::EncodeEventKey(event) == in);
  // An index entry: the key is the first 21 bytes, the value the rest.
  if (in.size() >= ai::kPrefixedIndexKeySize) {
    const std::string_view key = in.substr(0, ai::kPrefixedIndexKeySize);
    const std::string_view value = in.substr(ai::kPrefixedIndexKeySize);
    ai::IndexEntry e;
    // Entries whose key's span class agrees with their times round-trip. The decoder does not
    // recompute the class (a hot path); an entry that disagrees is damage that `check` reports
    // against the record.
    if (ai::DecodeIndexEntry(ai::kByTypeCf, key, value, &e) &&
        ai::SpanClass(e.start_us, e.end_us) == e.span_class) {
      FUZZ_CHECK(ai::EncodeIndexValue(ai::kByTypeCf, e.start_us, e.end_us, e.type, {}) == value);
    }
  }
  // A sequence of strings, as keys that hold several.
  std::string_view rest = in;
  std::string s;
  while (ai::GetString(&rest, &s)) {
    const size_t consumed = static_cast<size_t>(rest.data() - in.data());
    FUZZ_CHECK(consumed <= in.size());
    std::string encoded;
    ai::PutString(&encoded, s);
    FUZZ_CHECK(in.substr(consumed - encoded.size(), encoded.size()) == encoded);
  }
  return 0;
}
