// Copyright: the Annals authors.
//
// The internal record decoders on arbitrary bytes, as a damaged `events` value or by_actor entry
// would be: the record (engine/internal/storage/record_codec.h) and the covering record
// (covering_record.h). Properties: never crashes; errors are DataLoss; what decodes re-encodes to
// bytes that decode to the same event, and the covering record decodes to an event it can store.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "internal/storage/covering_record.h"
#include "internal/storage/record_codec.h"

namespace ai = annals::internal;

bool SameStored(const ai::StoredEvent& a, const ai::StoredEvent& b) {
  return a.event == b.event && a.type_number == b.type_number &&
         a.actor_numbers == b.actor_numbers && a.content_hash == b.content_hash;
}

void FuzzCoveringRecord(std::string_view in) {
  annals::Event e;
  absl::Status s = ai::DecodeCoveringRecord(in, &e);
  if (!s.ok()) {
    FUZZ_CHECK(s.code() == absl::StatusCode::kDataLoss);
    return;
  }
  FUZZ_CHECK(ai::IsStorableTime(e.time) && e.recorded && ai::IsStorableDate(*e.recorded));
  std::string bytes;
  ai::AppendCoveringRecord(e, &bytes);
  annals::Event back;
  FUZZ_CHECK(ai::DecodeCoveringRecord(bytes, &back).ok());
  FUZZ_CHECK(back == e);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  FuzzCoveringRecord(in);
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
