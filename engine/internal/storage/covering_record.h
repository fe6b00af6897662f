// Copyright: the Annals authors.
//
// The copy of an event that each of its by_actor entries carries (format version 5), so that a
// query by actor reads its results from the index it scans and fetches no record from `events`.
// It holds the Event and nothing else (no type number: the entry's value has it; no actor
// numbers or content hash: only `annals check` needs those, and it reads `events`).
//
// Encoding (on-disk format: do not change; varints and zigzag as in key_codec.h):
//   record := str id, u8 flags, date first?, date second?, date recorded,
//             str type, str title, varint n, n × (str name, str role),
//             str location, str source, zigzag ingested_us,
//             varint n, n × (str key, u8 kind, str value)
//   flags  := 1 first present | 2 second present | 4 interval | 8 start unknown | 16 end unknown
//   date   := zigzag start_us, u8 precision, u8 qualifiers, u8 unspecified digits
//   str    := varint length, bytes
// A stored event always has `recorded` (the writer sets it), so it is always present.
//
//   std::string bytes;
//   AppendCoveringRecord(stored.event, &bytes);
//   Event e;
//   absl::Status s = DecodeCoveringRecord(bytes, &e);  // OK; e == stored.event
#ifndef ANNALS_INTERNAL_STORAGE_COVERING_RECORD_H_
#define ANNALS_INTERNAL_STORAGE_COVERING_RECORD_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "annals/event.h"

namespace annals::internal {

// Appends the encoding of `e` to `*out`. `e.recorded` must be set.
void AppendCoveringRecord(const Event& e, std::string* out);

// Decodes `bytes` (the whole of them) into `*e`, reusing the capacity of its strings and vectors.
// DataLoss on malformed, truncated or trailing input, or on values no writer stores; never
// crashes. On error `*e` is partly overwritten.
absl::Status DecodeCoveringRecord(std::string_view bytes, Event* e);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_COVERING_RECORD_H_
