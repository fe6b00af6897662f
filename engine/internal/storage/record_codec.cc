// Copyright: the Annals authors.
#include "internal/storage/record_codec.h"

#include <capnp/message.h>
#include <capnp/serialize-packed.h>
#include <kj/exception.h>
#include <kj/io.h>
#include <xxhash.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "annals/record_io.h"
#include "internal/text/edtf_civil.h"
#include "internal/text/edtf_unspecified.h"
#include "internal/util/status_macros.h"
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

void Assign(std::string* out, capnp::Text::Reader t) { out->assign(t.cStr(), t.size()); }

// What DecodeEvent reads besides the Event; a null field is skipped.
struct RecordExtras {
  std::vector<uint32_t>* actor_numbers = nullptr;
  std::vector<uint32_t>* role_numbers = nullptr;
};

// Decodes the Event part of a record into `e`, reusing the capacity of its strings and vectors.
absl::Status DecodeEvent(schema::Event::Reader r, Event* e, uint32_t* type_number,
                         const RecordExtras& extras) {
  // Lists of empty structs cost no bytes: a damaged length could ask for millions of entries.
  auto actors = r.getActors();
  auto attrs = r.getAttrs();
  if (actors.size() > kMaxActors || attrs.size() > kMaxLineBytes / 8) {
    return absl::DataLossError("record claims more actors or attrs than a record can hold");
  }
  Assign(&e->id, r.getId());
  e->time = GetTime(r.getTime());
  Assign(&e->type, r.getType());
  *type_number = r.getTypeNumber();
  Assign(&e->title, r.getTitle());
  e->actors.resize(actors.size());
  if (extras.actor_numbers != nullptr) extras.actor_numbers->resize(actors.size());
  if (extras.role_numbers != nullptr) extras.role_numbers->resize(actors.size());
  for (unsigned i = 0; i < actors.size(); ++i) {
    Assign(&e->actors[i].name, actors[i].getName());
    Assign(&e->actors[i].role, actors[i].getRole());
    if (extras.actor_numbers != nullptr) (*extras.actor_numbers)[i] = actors[i].getNumber();
    if (extras.role_numbers != nullptr) (*extras.role_numbers)[i] = actors[i].getRoleNumber();
  }
  Assign(&e->location, r.getLocation());
  Assign(&e->source, r.getSource());
  e->recorded = GetDate(r.getRecorded());
  e->ingested_us = r.getIngestedUs();
  e->attrs.resize(attrs.size());
  for (unsigned i = 0; i < attrs.size(); ++i) {
    if (attrs[i].getKind() > static_cast<uint8_t>(Attr::Kind::kBool)) {
      return absl::DataLossError("record has an attr of unknown kind");
    }
    Assign(&e->attrs[i].key, attrs[i].getKey());
    e->attrs[i].kind = static_cast<Attr::Kind>(attrs[i].getKind());
    Assign(&e->attrs[i].value, attrs[i].getValue());
  }
  if (!IsStorableTime(e->time) || !IsStorableDate(*e->recorded)) {
    return absl::DataLossError("record holds an impossible time");
  }
  return absl::OkStatus();
}

// A per-thread buffer the unpacked record is read into; a record larger than it is read into
// memory the reader allocates (at most kTraversalLimitWords: a damaged size is refused first).
kj::ArrayPtr<capnp::word> Scratch() {
  // uint64_t, not capnp::word: word is not copyable, so a vector of it does not compile with
  // every standard library (clang's libstdc++ checks). Both are 8 bytes with 8-byte alignment.
  static_assert(sizeof(capnp::word) == sizeof(uint64_t));
  static_assert(alignof(capnp::word) <= alignof(uint64_t));
  thread_local std::vector<uint64_t> buffer(8 << 10);  // 64 KiB
  return kj::arrayPtr(reinterpret_cast<capnp::word*>(buffer.data()), buffer.size());
}

// Runs `decode` on a reader over the packed message `bytes`, turning every Cap'n Proto failure
// into DataLoss.
template <typename F>
absl::Status WithReader(std::string_view bytes, F decode) {
  if (bytes.empty()) return absl::DataLossError("record is empty");
  capnp::ReaderOptions options;
  options.traversalLimitInWords = kTraversalLimitWords;
  options.nestingLimit = kNestingLimit;
  absl::Status result = absl::DataLossError("record could not be decoded");
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    kj::ArrayInputStream in(
        kj::arrayPtr(reinterpret_cast<const kj::byte*>(bytes.data()), bytes.size()));
    capnp::PackedMessageReader reader(in, options, Scratch());
    result = decode(reader.getRoot<schema::Event>());
  });
  KJ_IF_MAYBE (e, error) {
    return absl::DataLossError(std::string("record is damaged: ") + e->getDescription().cStr());
  }
  return result;
}

}  // namespace

bool IsStorableDate(const Date& d) {
  return static_cast<uint8_t>(d.precision) <= static_cast<uint8_t>(Precision::kMicrosecond) &&
         d.qualifiers <= (kApproximate | kUncertain) && IsAcceptedInstant(d.start_us) &&
         IsValidUnspecified(d);
}

bool IsStorableTime(const EventTime& t) {
  if (t.first && !IsStorableDate(*t.first)) return false;
  if (t.second && !IsStorableDate(*t.second)) return false;
  if ((t.start_unknown && t.first) || (t.end_unknown && t.second)) return false;
  if (!t.is_interval) return t.first && !t.second && !t.start_unknown && !t.end_unknown;
  return t.first || t.second;
}

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
  kj::VectorOutputStream out(512);
  capnp::writePackedMessage(out, message);
  const kj::ArrayPtr<kj::byte> bytes = out.getArray();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

absl::StatusOr<StoredEvent> DecodeRecord(std::string_view bytes) {
  StoredEvent s;
  RETURN_IF_ERROR(WithReader(bytes, [&](schema::Event::Reader r) -> absl::Status {
    RETURN_IF_ERROR(
        DecodeEvent(r, &s.event, &s.type_number, RecordExtras{&s.actor_numbers, &s.role_numbers}));
    auto hash = r.getContentHash();
    if (hash.size() != 16) return absl::DataLossError("record holds an impossible hash");
    s.content_hash.assign(reinterpret_cast<const char*>(hash.begin()), hash.size());
    return absl::OkStatus();
  }));
  return s;
}

absl::Status DecodeRecordInto(std::string_view bytes, Event* event, uint32_t* type_number) {
  return WithReader(bytes, [&](schema::Event::Reader r) {
    return DecodeEvent(r, event, type_number, RecordExtras{});
  });
}

}  // namespace annals::internal

namespace annals::internal {

absl::Status DecodeRecordActors(std::string_view bytes, RecordActors* out) {
  return WithReader(bytes, [&](schema::Event::Reader r) -> absl::Status {
    const EventTime time = GetTime(r.getTime());
    auto actors = r.getActors();
    if (!IsStorableTime(time) || actors.size() > kMaxActors) {
      return absl::DataLossError("record holds an impossible time or too many actors");
    }
    out->start_us = time.start_us();
    out->end_us = time.end_us();
    out->numbers.clear();
    out->role_numbers.clear();
    if (out->roles.size() < actors.size()) out->roles.resize(actors.size());
    for (auto a : actors) {
      capnp::Text::Reader role = a.getRole();
      out->roles[out->numbers.size()].assign(role.cStr(), role.size());
      out->numbers.push_back(a.getNumber());
      out->role_numbers.push_back(a.getRoleNumber());
    }
    return absl::OkStatus();
  });
}

}  // namespace annals::internal
