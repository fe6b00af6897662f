// Copyright: the Annals authors.
//
// An event: the unit Annals stores. A plain value type; copy and move freely.
//
//   annals::Event e;
//   e.id = "us-election-2024";
//   e.time = *annals::ParseTime("2024-11-05");
//   e.type = "election";
//   e.actors = {{"Kamala Harris", ""}, {"Donald Trump", ""}};
//   absl::StatusOr<annals::PutResult> r = db->Put({e});
//
// Field meanings and limits are those of the record format (docs/format.md).
#ifndef ANNALS_EVENT_H_
#define ANNALS_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "annals/time.h"

namespace annals {

// Limits of the record format.
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxActors = 1024;
inline constexpr size_t kMaxActorNameBytes = 1024;
inline constexpr size_t kMaxLineBytes = 1 << 20;

struct Actor {
  std::string name;  // display name
  std::string role;  // free text; empty when none
  friend bool operator==(const Actor&, const Actor&) = default;
};

// One `attrs` entry. A number keeps the JSON text it was given ("1.50" stays "1.50") and must
// fit a double's range, as JSON readers require (1e308 does, 1e309 does not); a boolean is
// "true" or "false".
struct Attr {
  enum class Kind : uint8_t { kString = 0, kNumber = 1, kBool = 2 };  // on-disk format
  std::string key;
  Kind kind = Kind::kString;
  std::string value;
  friend bool operator==(const Attr&, const Attr&) = default;
};

struct Event {
  // The caller's identifier, 1..256 bytes. Empty on Put: derived from the content.
  std::string id;
  EventTime time;
  std::string type;  // empty: none
  std::string title;
  std::vector<Actor> actors;
  std::string location;
  std::string source;
  // When the record was reported. Unset on Put: the ingest time. Always set on events read back.
  std::optional<Date> recorded;
  // Sorted by key, keys unique (NormalizeEvent sorts and rejects duplicates).
  std::vector<Attr> attrs;
  // Set by the engine on events read back: when this version was stored (µs UTC). Ignored on Put.
  int64_t ingested_us = 0;

  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace annals

#endif  // ANNALS_EVENT_H_
