// Copyright: the Annals authors.
#include "annals/record_io.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "internal/text/actor_name.h"
#include "internal/text/csv_record.h"
#include "internal/text/json_record.h"
#include "internal/text/record_readers.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals {
namespace {

using internal::IsValidUtf8;

// Actor lists up to this size are deduplicated by linear search.
constexpr size_t kLinearDedupMax = 16;

absl::Status Invalid(std::string_view path, std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(absl::string_view(path.data(), path.size()), ": ",
                                                 absl::string_view(reason.data(), reason.size())));
}

absl::Status CheckUtf8(std::string_view path, const std::string& text) {
  return IsValidUtf8(text) ? absl::OkStatus() : Invalid(path, "invalid UTF-8");
}

absl::Status CheckDate(std::string_view path, const Date& date) {
  if (date.precision > Precision::kMicrosecond || date.qualifiers > (kApproximate | kUncertain)) {
    return Invalid(path, "invalid date (precision or qualifiers out of range)");
  }
  return absl::OkStatus();
}

absl::Status CheckTime(const EventTime& time) {
  if (!time.first && !time.second) return Invalid("time", "missing");
  if (!time.is_interval && !time.first) {
    return Invalid("time", "a single date must be `first`");
  }
  if (!time.is_interval && time.second) {
    return Invalid("time", "a second date needs is_interval");
  }
  if (time.first) RETURN_IF_ERROR(CheckDate("time", *time.first));
  if (time.second) RETURN_IF_ERROR(CheckDate("time", *time.second));
  return absl::OkStatus();
}

std::string ActorPath(size_t i, const char* part) { return absl::StrCat("actors[", i, "].", part); }

// Checks and collapses actors[i]'s name and checks its role.
absl::Status NormalizeActor(size_t i, Actor& actor) {
  if (!IsValidUtf8(actor.name)) {
    return Invalid(ActorPath(i, "name"), "invalid UTF-8");
  }
  if (!IsValidUtf8(actor.role)) {
    return Invalid(ActorPath(i, "role"), "invalid UTF-8");
  }
  if (!internal::IsCollapsedAscii(actor.name)) {
    actor.name = internal::CollapseWhitespace(actor.name);
  }
  if (actor.name.empty()) return Invalid(ActorPath(i, "name"), "empty");
  if (!internal::IsCollapsedAscii(actor.name) && !internal::HasVisibleCharacter(actor.name)) {
    return Invalid(ActorPath(i, "name"), "empty (only combining marks or invisible characters)");
  }
  if (actor.name.size() > kMaxActorNameBytes) {
    return Invalid(ActorPath(i, "name"), absl::StrCat("longer than ", kMaxActorNameBytes,
                                                      " bytes (", actor.name.size(), ")"));
  }
  return absl::OkStatus();
}

// Finds where an actor key was first seen: linear for short lists, hashed for
// long ones.
class FirstSeen {
 public:
  explicit FirstSeen(size_t n) : hashed_(n > kLinearDedupMax) {}
  // The index of the first entry added with `key`, after adding it as `index`
  // if new.
  size_t Find(std::string key, size_t index) {
    if (hashed_) return map_.try_emplace(std::move(key), index).first->second;
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key) return i;
    }
    keys_.push_back(std::move(key));
    return index;
  }

 private:
  bool hashed_;
  std::vector<std::string> keys_;
  absl::flat_hash_map<std::string, size_t> map_;
};

absl::Status NormalizeActors(std::vector<Actor>& actors) {
  if (actors.size() > kMaxActors) {
    return Invalid("actors", absl::StrCat("more than ", kMaxActors, " (", actors.size(), ")"));
  }
  for (size_t i = 0; i < actors.size(); ++i) {
    RETURN_IF_ERROR(NormalizeActor(i, actors[i]));
  }
  if (actors.size() < 2) return absl::OkStatus();
  // Keeps the first entry of each key; `kept` is the number kept so far.
  FirstSeen first_seen(actors.size());
  size_t kept = 0;
  for (size_t i = 0; i < actors.size(); ++i) {
    ASSIGN_OR_RETURN(std::string key, internal::ActorLookupKey(actors[i].name));
    const size_t first = first_seen.Find(std::move(key), kept);
    if (first == kept) {
      if (kept != i) actors[kept] = std::move(actors[i]);
      ++kept;
    } else if (actors[first].role.empty()) {
      actors[first].role = std::move(actors[i].role);
    }
  }
  actors.resize(kept);
  return absl::OkStatus();
}

absl::Status CheckAttr(const Attr& attr) {
  if (!IsValidUtf8(attr.key)) {
    return Invalid("attrs", "a key is not valid UTF-8");
  }
  auto path = [&attr] { return absl::StrCat("attrs.", internal::ShortenForMessage(attr.key)); };
  if (!IsValidUtf8(attr.value)) return Invalid(path(), "invalid UTF-8");
  switch (attr.kind) {
    case Attr::Kind::kString:
      return absl::OkStatus();
    case Attr::Kind::kNumber:
      if (internal::IsJsonNumber(attr.value)) return absl::OkStatus();
      return Invalid(path(),
                     absl::StrCat("not a JSON number: ", internal::QuoteForMessage(attr.value)));
    case Attr::Kind::kBool:
      if (attr.value == "true" || attr.value == "false") {
        return absl::OkStatus();
      }
      return Invalid(path(), "a boolean must be \"true\" or \"false\"");
  }
  return Invalid(path(), "unknown kind");
}

absl::Status NormalizeAttrs(std::vector<Attr>& attrs) {
  for (const Attr& attr : attrs) RETURN_IF_ERROR(CheckAttr(attr));
  auto by_key = [](const Attr& a, const Attr& b) { return a.key < b.key; };
  if (!std::is_sorted(attrs.begin(), attrs.end(), by_key)) {
    std::sort(attrs.begin(), attrs.end(), by_key);
  }
  for (size_t i = 1; i < attrs.size(); ++i) {
    if (attrs[i].key == attrs[i - 1].key) {
      return Invalid("attrs",
                     absl::StrCat("duplicate key ", internal::QuoteForMessage(attrs[i].key)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status NormalizeEvent(Event& event) {
  RETURN_IF_ERROR(CheckUtf8("id", event.id));
  if (event.id.size() > kMaxIdBytes) {
    return Invalid("id",
                   absl::StrCat("longer than ", kMaxIdBytes, " bytes (", event.id.size(), ")"));
  }
  RETURN_IF_ERROR(CheckTime(event.time));
  RETURN_IF_ERROR(CheckUtf8("type", event.type));
  RETURN_IF_ERROR(CheckUtf8("title", event.title));
  RETURN_IF_ERROR(CheckUtf8("location", event.location));
  RETURN_IF_ERROR(CheckUtf8("source", event.source));
  if (event.recorded) RETURN_IF_ERROR(CheckDate("recorded", *event.recorded));
  RETURN_IF_ERROR(NormalizeActors(event.actors));
  return NormalizeAttrs(event.attrs);
}

absl::StatusOr<Event> ParseJsonRecord(std::string_view line) {
  ASSIGN_OR_RETURN(Event event, internal::ParseJsonEvent(line));
  RETURN_IF_ERROR(NormalizeEvent(event));
  return event;
}

std::string FormatJsonRecord(const Event& event) { return internal::FormatJsonEvent(event); }

std::string CsvHeader() { return internal::FormatCsvHeader(); }

std::string FormatCsvRecord(const Event& event) { return internal::FormatCsvEvent(event); }

std::unique_ptr<RecordReader> RecordReader::Json(std::istream& in) {
  return std::make_unique<internal::JsonRecordReader>(in);
}

std::unique_ptr<RecordReader> RecordReader::Csv(std::istream& in) {
  return std::make_unique<internal::CsvRecordReader>(in);
}

}  // namespace annals
