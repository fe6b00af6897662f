// Copyright: the Annals authors.
//
// NormalizeEvent (record_io.h): the checks every stored event passes and its stored form.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "annals/record_io.h"
#include "internal/text/actor_name.h"
#include "internal/text/edtf_unspecified.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"

namespace annals {
namespace {

using internal::IsValidUtf8;

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
  if (!internal::IsValidUnspecified(date)) {
    return Invalid(path, "invalid date (more unspecified digits than its precision has)");
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
  if ((time.start_unknown && (time.first || !time.is_interval)) ||
      (time.end_unknown && (time.second || !time.is_interval))) {
    return Invalid("time", "an unknown end needs an interval without a date on that side");
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

absl::Status NormalizeActors(std::vector<Actor>& actors) {
  if (actors.size() > kMaxActors) {
    return Invalid("actors", absl::StrCat("more than ", kMaxActors, " (", actors.size(), ")"));
  }
  for (size_t i = 0; i < actors.size(); ++i) {
    RETURN_IF_ERROR(NormalizeActor(i, actors[i]));
  }
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
      return Invalid(path(), absl::StrCat(internal::IsJsonNumberSyntax(attr.value)
                                              ? "a number too large for a double: "
                                              : "not a JSON number: ",
                                          internal::QuoteForMessage(attr.value)));
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

}  // namespace annals
