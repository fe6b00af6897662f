// Copyright: the Annals authors.
#include "internal/storage/covering_record.h"

#include <cstdint>

#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"

namespace annals::internal {
namespace {

enum Flags : uint8_t {
  kHasFirst = 1,
  kHasSecond = 2,
  kInterval = 4,
  kStartUnknown = 8,
  kEndUnknown = 16,
  kKnownFlags = 31,
};

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

void PutStr(std::string* out, std::string_view s) {
  PutVarint<uint64_t>(out, s.size());
  out->append(s);
}

void PutDate(std::string* out, const Date& d) {
  PutVarint<uint64_t>(out, ZigZag(d.start_us));
  out->push_back(static_cast<char>(d.precision));
  out->push_back(static_cast<char>(d.qualifiers));
  out->push_back(static_cast<char>(d.unspecified_digits));
}

// Each consumes its field from the front of `*in`; false if it is truncated or malformed.
bool GetStr(std::string_view* in, std::string* s) {
  uint64_t n = 0;
  if (!GetVarint<uint64_t>(in, &n) || n > in->size()) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

bool GetByte(std::string_view* in, uint8_t* b) {
  if (in->empty()) return false;
  *b = static_cast<uint8_t>(in->front());
  in->remove_prefix(1);
  return true;
}

bool GetZigZag(std::string_view* in, int64_t* v) {
  uint64_t u = 0;
  if (!GetVarint<uint64_t>(in, &u)) return false;
  *v = UnZigZag(u);
  return true;
}

bool GetDate(std::string_view* in, Date* d) {
  uint8_t precision = 0;
  if (!GetZigZag(in, &d->start_us) || !GetByte(in, &precision) || !GetByte(in, &d->qualifiers) ||
      !GetByte(in, &d->unspecified_digits)) {
    return false;
  }
  d->precision = static_cast<Precision>(precision);
  return IsStorableDate(*d);
}

// A count of `n` entries of at least `min_bytes` each must fit in what is left: a damaged count
// must not resize a vector to billions.
bool GetCount(std::string_view* in, size_t max, size_t min_bytes, size_t* n) {
  uint64_t v = 0;
  if (!GetVarint<uint64_t>(in, &v) || v > max || v * min_bytes > in->size()) return false;
  *n = static_cast<size_t>(v);
  return true;
}

bool Decode(std::string_view in, Event* e) {
  uint8_t flags = 0;
  if (!GetStr(&in, &e->id) || !GetByte(&in, &flags) || (flags & ~kKnownFlags) != 0) return false;
  e->time.is_interval = (flags & kInterval) != 0;
  e->time.start_unknown = (flags & kStartUnknown) != 0;
  e->time.end_unknown = (flags & kEndUnknown) != 0;
  Date d;
  e->time.first.reset();
  if ((flags & kHasFirst) != 0) {
    if (!GetDate(&in, &d)) return false;
    e->time.first = d;
  }
  e->time.second.reset();
  if ((flags & kHasSecond) != 0) {
    if (!GetDate(&in, &d)) return false;
    e->time.second = d;
  }
  if (!IsStorableTime(e->time) || !GetDate(&in, &d)) return false;
  e->recorded = d;
  size_t n = 0;
  if (!GetStr(&in, &e->type) || !GetStr(&in, &e->title) || !GetCount(&in, kMaxActors, 2, &n)) {
    return false;
  }
  e->actors.resize(n);
  for (Actor& a : e->actors) {
    if (!GetStr(&in, &a.name) || !GetStr(&in, &a.role)) return false;
  }
  if (!GetStr(&in, &e->location) || !GetStr(&in, &e->source) || !GetZigZag(&in, &e->ingested_us) ||
      !GetCount(&in, in.size(), 3, &n)) {
    return false;
  }
  e->attrs.resize(n);
  for (Attr& a : e->attrs) {
    uint8_t kind = 0;
    if (!GetStr(&in, &a.key) || !GetByte(&in, &kind) ||
        kind > static_cast<uint8_t>(Attr::Kind::kBool) || !GetStr(&in, &a.value)) {
      return false;
    }
    a.kind = static_cast<Attr::Kind>(kind);
  }
  return in.empty();
}

}  // namespace

void AppendCoveringRecord(const Event& e, std::string* out) {
  PutStr(out, e.id);
  const EventTime& t = e.time;
  out->push_back(static_cast<char>(
      (t.first ? kHasFirst : 0) | (t.second ? kHasSecond : 0) | (t.is_interval ? kInterval : 0) |
      (t.start_unknown ? kStartUnknown : 0) | (t.end_unknown ? kEndUnknown : 0)));
  if (t.first) PutDate(out, *t.first);
  if (t.second) PutDate(out, *t.second);
  PutDate(out, *e.recorded);
  PutStr(out, e.type);
  PutStr(out, e.title);
  PutVarint<uint64_t>(out, e.actors.size());
  for (const Actor& a : e.actors) {
    PutStr(out, a.name);
    PutStr(out, a.role);
  }
  PutStr(out, e.location);
  PutStr(out, e.source);
  PutVarint<uint64_t>(out, ZigZag(e.ingested_us));
  PutVarint<uint64_t>(out, e.attrs.size());
  for (const Attr& a : e.attrs) {
    PutStr(out, a.key);
    out->push_back(static_cast<char>(a.kind));
    PutStr(out, a.value);
  }
}

absl::Status DecodeCoveringRecord(std::string_view bytes, Event* e) {
  if (!Decode(bytes, e)) return absl::DataLossError("damaged record copy in a by_actor entry");
  return absl::OkStatus();
}

}  // namespace annals::internal
