// Copyright: the Annals authors.
#include "internal/storage/record_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <xxhash.h>

#include <cstring>

#include "annals/record_io.h"
#include "internal/text/edtf_unspecified.h"
#include "schema/event.capnp.h"

namespace annals::internal {
namespace {

// Reader limits for one record: a record holds at most ~1 MiB of text plus overhead.
constexpr uint64_t kTraversalLimitWords = 8 << 20;
constexpr int kNestingLimit = 16;

void SetDate(schema::Date::Builder b, const Date& d) {
  b.setStartUs(d.start_us);
  b.setPrecision(static_cast<uint8_t>(d.precision));
  b.setQualifiers(d.qualifiers);
  b.setUnspecifiedDigits(d.unspecified_digits);
}

Date GetDate(schema::Date::Reader r) {
  return Date{r.getStartUs(), static_cast<Precision>(r.getPrecision()), r.getQualifiers(),
              r.getUnspecifiedDigits()};
}

kj::StringPtr Text(const std::string& s) { return kj::StringPtr(s.data(), s.size()); }
std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

void SetTime(schema::Time::Builder b, const EventTime& t) {
  b.setIsInterval(t.is_interval);
  b.setHasFirst(t.first.has_value());
  b.setHasSecond(t.second.has_value());
  b.setStartUnknown(t.start_unknown);
  b.setEndUnknown(t.end_unknown);
  if (t.first) SetDate(b.initFirst(), *t.first);
  if (t.second) SetDate(b.initSecond(), *t.second);
}

EventTime GetTime(schema::Time::Reader r) {
  EventTime t;
  t.is_interval = r.getIsInterval();
  if (r.getHasFirst()) t.first = GetDate(r.getFirst());
  if (r.getHasSecond()) t.second = GetDate(r.getSecond());
  t.start_unknown = r.getStartUnknown();
  t.end_unknown = r.getEndUnknown();
  return t;
}

// Rejects values that a correct writer never stores, so damage is not mistaken for data.
bool ValidDate(const Date& d) {
  return static_cast<uint8_t>(d.precision) <= static_cast<uint8_t>(Precision::kMicrosecond) &&
         d.qualifiers <= (kApproximate | kUncertain) && IsValidUnspecified(d);
}

bool ValidTime(const EventTime& t) {
  if (t.first && !ValidDate(*t.first)) return false;
  if (t.second && !ValidDate(*t.second)) return false;
  if ((t.start_unknown && t.first) || (t.end_unknown && t.second)) return false;
  if (!t.is_interval) return t.first && !t.second && !t.start_unknown && !t.end_unknown;
  return t.first || t.second;
}

absl::StatusOr<StoredEvent> Decode(capnp::MessageReader& reader) {
  schema::Event::Reader r = reader.getRoot<schema::Event>();
  // Lists of empty structs cost no bytes: a damaged length could ask for millions of entries.
  if (r.getActors().size() > kMaxActors || r.getAttrs().size() > kMaxLineBytes / 8) {
    return absl::DataLossError("record claims more actors or attrs than a record can hold");
  }
  StoredEvent s;
  Event& e = s.event;
  e.id = Str(r.getId());
  e.time = GetTime(r.getTime());
  e.type = Str(r.getType());
  s.type_number = r.getTypeNumber();
  e.title = Str(r.getTitle());
  for (auto a : r.getActors()) {
    e.actors.push_back(Actor{Str(a.getName()), Str(a.getRole())});
    s.actor_numbers.push_back(a.getNumber());
    s.role_numbers.push_back(a.getRoleNumber());
  }
  e.location = Str(r.getLocation());
  e.source = Str(r.getSource());
  e.recorded = GetDate(r.getRecorded());
  e.ingested_us = r.getIngestedUs();
  for (auto a : r.getAttrs()) {
    if (a.getKind() > static_cast<uint8_t>(Attr::Kind::kBool)) {
      return absl::DataLossError("record has an attr of unknown kind");
    }
    e.attrs.push_back(
        Attr{Str(a.getKey()), static_cast<Attr::Kind>(a.getKind()), Str(a.getValue())});
  }
  auto hash = r.getContentHash();
  s.content_hash.assign(reinterpret_cast<const char*>(hash.begin()), hash.size());
  if (!ValidTime(e.time) || !ValidDate(*e.recorded) || s.content_hash.size() != 16) {
    return absl::DataLossError("record holds an impossible time or hash");
  }
  return s;
}

}  // namespace

ContentHash HashContent(const Event& event) {
  const std::string canonical = FormatJsonRecord(event);
  const XXH128_hash_t h = XXH3_128bits(canonical.data(), canonical.size());
  ContentHash out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(h.high64 >> (56 - 8 * i));
    out[8 + i] = static_cast<char>(h.low64 >> (56 - 8 * i));
  }
  return out;
}

std::string EncodeRecord(const StoredEvent& s) {
  capnp::MallocMessageBuilder message;
  schema::Event::Builder b = message.initRoot<schema::Event>();
  const Event& e = s.event;
  b.setId(Text(e.id));
  SetTime(b.initTime(), e.time);
  b.setType(Text(e.type));
  b.setTypeNumber(s.type_number);
  b.setTitle(Text(e.title));
  auto actors = b.initActors(e.actors.size());
  for (size_t i = 0; i < e.actors.size(); ++i) {
    actors[i].setName(Text(e.actors[i].name));
    actors[i].setRole(Text(e.actors[i].role));
    actors[i].setNumber(s.actor_numbers[i]);
    if (i < s.role_numbers.size()) actors[i].setRoleNumber(s.role_numbers[i]);
  }
  b.setLocation(Text(e.location));
  b.setSource(Text(e.source));
  if (e.recorded) SetDate(b.initRecorded(), *e.recorded);
  b.setIngestedUs(e.ingested_us);
  auto attrs = b.initAttrs(e.attrs.size());
  for (size_t i = 0; i < e.attrs.size(); ++i) {
    attrs[i].setKey(Text(e.attrs[i].key));
    attrs[i].setKind(static_cast<uint8_t>(e.attrs[i].kind));
    attrs[i].setValue(Text(e.attrs[i].value));
  }
  b.setContentHash(kj::arrayPtr(reinterpret_cast<const kj::byte*>(s.content_hash.data()),
                                s.content_hash.size()));
  kj::Array<capnp::word> words = capnp::messageToFlatArray(message);
  kj::ArrayPtr<const char> chars = words.asChars();
  return std::string(chars.begin(), chars.size());
}

absl::StatusOr<StoredEvent> DecodeRecord(std::string_view bytes) {
  if (bytes.empty() || bytes.size() % sizeof(capnp::word) != 0) {
    return absl::DataLossError("record is not a whole number of words");
  }
  // RocksDB values are not word-aligned: copy once into an aligned buffer.
  kj::Array<capnp::word> aligned = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(aligned.begin(), bytes.data(), bytes.size());
  capnp::ReaderOptions options;
  options.traversalLimitInWords = kTraversalLimitWords;
  options.nestingLimit = kNestingLimit;
  absl::StatusOr<StoredEvent> result = absl::DataLossError("record could not be decoded");
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    capnp::FlatArrayMessageReader reader(aligned, options);
    result = Decode(reader);
  });
  KJ_IF_MAYBE (e, error) {
    return absl::DataLossError(std::string("record is damaged: ") + e->getDescription().cStr());
  }
  return result;
}

}  // namespace annals::internal
