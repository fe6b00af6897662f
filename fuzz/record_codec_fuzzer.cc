// Copyright: the Annals authors.
//
// The internal record decoder (engine/internal/record_codec.h) on arbitrary bytes, as a damaged
// `events` value would be. Properties: never crashes; errors are DataLoss; what decodes
// re-encodes to a record that decodes to the same stored event.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "internal/storage/record_codec.h"

namespace ai = annals::internal;

bool SameStored(const ai::StoredEvent& a, const ai::StoredEvent& b) {
  return a.event == b.event && a.type_number == b.type_number &&
         a.actor_numbers == b.actor_numbers && a.content_hash == b.content_hash;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<ai::StoredEvent> s = ai::DecodeRecord(in);
  if (!s.ok()) {
    FUZZ_CHECK(s.status().code() == absl::StatusCode::kDataLoss);
    return 0;
  }
  FUZZ_CHECK(s->actor_numbers.size() == s->event.actors.size());
  absl::StatusOr<ai::StoredEvent> back = ai::DecodeRecord(ai::EncodeRecord(*s));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(SameStored(*back, *s));
  ai::HashContent(s->event);
  return 0;
}
