// Copyright: the Annals authors.
//
// The stored record of an event (value of the `events` column family, and of `history` after its
// system time): a Cap'n Proto message of schema/event.capnp in Cap'n Proto's packed encoding
// (format version 5; unpacked flat words before).
#ifndef ANNALS_INTERNAL_STORAGE_RECORD_CODEC_H_
#define ANNALS_INTERNAL_STORAGE_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals::internal {

// 128-bit hash of an event's content as given: everything but ingested_us, and `recorded` only
// when set. Stable across processes and versions (on-disk format: do not change).
using ContentHash = std::string;  // 16 bytes
ContentHash HashContent(const Event& event);

// What a correct writer stores: dates of a known precision and qualifiers in the accepted range;
// times whose sides agree with their shape. Decoders reject anything else as damage, so that
// damage is not mistaken for data.
bool IsStorableDate(const Date& d);
bool IsStorableTime(const EventTime& t);

// What the index needs besides the Event itself.
struct StoredEvent {
  Event event;
  uint32_t type_number = 0;             // 0: no type
  std::vector<uint32_t> actor_numbers;  // parallel to event.actors
  std::vector<uint32_t> role_numbers;   // parallel to event.actors; 0: no role
  ContentHash content_hash;
};

std::string EncodeRecord(const StoredEvent& stored);

// DataLoss on any malformed or truncated input; never crashes. Unpacks into a per-thread buffer.
absl::StatusOr<StoredEvent> DecodeRecord(std::string_view bytes);

// The read path's decoder: the Event and its type number only (no actor numbers, no content hash,
// which a damaged record may then carry unnoticed: `annals check` reads them), into `*event`,
// reusing the capacity of its strings and vectors. On error `*event` is partly overwritten.
absl::Status DecodeRecordInto(std::string_view bytes, Event* event, uint32_t* type_number);

// Only what counting by actor or role needs, decoding nothing else (no title, attrs, names).
// Reused between calls: its buffers keep their capacity.
struct RecordActors {
  int64_t start_us = 0;
  int64_t end_us = 0;
  std::vector<uint32_t> numbers;       // per entry, in order
  std::vector<uint32_t> role_numbers;  // parallel to numbers; 0: no role
  std::vector<std::string> roles;  // parallel to numbers; only the first numbers.size() are valid
};
// DataLoss as DecodeRecord.
absl::Status DecodeRecordActors(std::string_view bytes, RecordActors* out);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_RECORD_CODEC_H_
