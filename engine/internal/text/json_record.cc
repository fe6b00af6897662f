// Copyright: the Annals authors.
#include "internal/text/json_record.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"
#include "simdjson.h"
#include "utf8proc.h"

namespace annals::internal {
namespace {

namespace od = simdjson::ondemand;
using od::json_type;

enum FieldIndex { kId, kTime, kType, kTitle, kActors, kLocation, kSource, kRecorded, kAttrs };
constexpr std::string_view kFieldNames[] = {"id",       "time",   "type",     "title", "actors",
                                            "location", "source", "recorded", "attrs"};
constexpr int kFieldCount = sizeof(kFieldNames) / sizeof(kFieldNames[0]);

// One On Demand parser per thread, and the padded copy of the line it parses.
struct Scratch {
  od::parser parser;
  std::string buffer;

  simdjson::error_code Iterate(std::string_view line, od::document* doc) {
    buffer.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(line.data(), line.size());
    return parser.iterate(buffer.data(), buffer.size(), buffer.capacity()).get(*doc);
  }
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

absl::Status SyntaxError(simdjson::error_code error) {
  return absl::InvalidArgumentError(absl::StrCat("invalid JSON: ", simdjson::error_message(error)));
}

// `status` with its message under `field`; OK stays OK.
absl::Status InField(std::string_view field, const absl::Status& status) {
  if (status.ok()) return status;
  return FieldError(field, std::string(status.message()));
}

std::string_view TrimJsonSpace(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// The value for an error message: its kind and, for a scalar, its text.
std::string Describe(od::value& value, json_type type) {
  switch (type) {
    case json_type::array:
      return "an array";
    case json_type::object:
      return "an object";
    case json_type::string: {
      std::string_view text;
      if (value.get_string().get(text)) return "a string";
      return absl::StrCat("a string (", QuoteForMessage(text), ")");
    }
    case json_type::null:
      return "null";
    default:
      break;
  }
  std::string_view raw = TrimJsonSpace(value.raw_json_token());
  std::string_view text = raw.substr(0, kMaxQuotedBytes);
  return absl::StrCat(type == json_type::number ? "a number (" : "a boolean (",
                      absl::string_view(text.data(), text.size()),
                      text.size() < raw.size() ? "...)" : ")");
}

absl::Status WrongType(od::value& value, json_type type, std::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", absl::string_view(expected.data(), expected.size()), ", got ",
                   Describe(value, type)));
}

absl::StatusOr<json_type> TypeOf(od::value& value) {
  json_type type;
  if (auto error = value.type().get(type)) return SyntaxError(error);
  if (type == json_type::null) {
    bool is_null = false;
    if (auto error = value.is_null().get(is_null)) return SyntaxError(error);
    if (!is_null) return SyntaxError(simdjson::N_ATOM_ERROR);
  }
  return type;
}

// Reads a string into *out. Null is absent (returns false) when `nullable`,
// else an error.
absl::StatusOr<bool> ReadString(od::value& value, bool nullable, std::string* out) {
  ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
  if (type == json_type::null && nullable) return false;
  if (type != json_type::string) return WrongType(value, type, "a string");
  std::string_view text;
  if (auto error = value.get_string().get(text)) return SyntaxError(error);
  out->assign(text.data(), text.size());
  return true;
}

std::string ActorPath(size_t index, std::string_view key = {}) {
  return absl::StrCat("actors[", index, "]", key.empty() ? "" : ".",
                      absl::string_view(key.data(), key.size()));
}

absl::Status ReadActorObject(od::object object, size_t index, Actor* actor) {
  bool seen_name = false, seen_role = false;
  for (auto result : object) {
    od::field field;
    std::string_view key;
    if (auto error = std::move(result).get(field)) return SyntaxError(error);
    if (auto error = field.unescaped_key().get(key)) return SyntaxError(error);
    const bool is_name = key == "name";
    if (!is_name && key != "role") {
      return FieldError(ActorPath(index), absl::StrCat("unknown key ", QuoteForMessage(key),
                                                       " (an actor has \"name\" and \"role\")"));
    }
    bool& seen = is_name ? seen_name : seen_role;
    if (seen) {
      return FieldError(ActorPath(index), absl::StrCat("duplicate key ", QuoteForMessage(key)));
    }
    seen = true;
    absl::StatusOr<bool> read =
        ReadString(field.value(), /*nullable=*/!is_name, is_name ? &actor->name : &actor->role);
    if (!read.ok()) return InField(ActorPath(index, key), read.status());
  }
  if (!seen_name) return FieldError(ActorPath(index, "name"), "missing");
  return absl::OkStatus();
}

absl::Status ReadActor(od::value& value, size_t index, Actor* actor) {
  ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
  if (type == json_type::string) {
    absl::StatusOr<bool> read = ReadString(value, false, &actor->name);
    if (!read.ok()) return InField(ActorPath(index), read.status());
    return absl::OkStatus();
  }
  if (type != json_type::object) {
    return InField(ActorPath(index), WrongType(value, type, "a string or an object"));
  }
  od::object object;
  if (auto error = value.get_object().get(object)) return SyntaxError(error);
  return ReadActorObject(object, index, actor);
}

absl::Status ReadActors(od::value& value, std::vector<Actor>* actors) {
  ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
  if (type == json_type::null) return absl::OkStatus();
  if (type != json_type::array) {
    return InField("actors", WrongType(value, type, "an array"));
  }
  od::array array;
  if (auto error = value.get_array().get(array)) return SyntaxError(error);
  actors->reserve(8);
  for (auto result : array) {
    od::value element;
    if (auto error = result.get(element)) return SyntaxError(error);
    if (actors->size() == kMaxActors) {
      return FieldError("actors", absl::StrCat("more than ", kMaxActors, " actors"));
    }
    const size_t index = actors->size();
    RETURN_IF_ERROR(ReadActor(element, index, &actors->emplace_back()));
  }
  return absl::OkStatus();
}

absl::Status ReadAttrValue(od::value& value, Attr* attr) {
  ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
  switch (type) {
    case json_type::string:
      attr->kind = Attr::Kind::kString;
      return ReadString(value, false, &attr->value).status();
    case json_type::number: {
      const std::string_view raw = TrimJsonSpace(value.raw_json_token());
      if (!IsJsonNumber(raw)) {
        return absl::InvalidArgumentError(absl::StrCat("invalid number ", QuoteForMessage(raw)));
      }
      attr->kind = Attr::Kind::kNumber;
      attr->value.assign(raw.data(), raw.size());
      return absl::OkStatus();
    }
    case json_type::boolean: {
      bool b = false;
      if (auto error = value.get_bool().get(b)) return SyntaxError(error);
      attr->kind = Attr::Kind::kBool;
      attr->value = b ? "true" : "false";
      return absl::OkStatus();
    }
    default:
      return WrongType(value, type, "a string, number or boolean");
  }
}

absl::Status ReadAttrs(od::value& value, std::vector<Attr>* attrs) {
  ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
  if (type == json_type::null) return absl::OkStatus();
  if (type != json_type::object) {
    return InField("attrs", WrongType(value, type, "an object"));
  }
  od::object object;
  if (auto error = value.get_object().get(object)) return SyntaxError(error);
  for (auto result : object) {
    od::field field;
    std::string_view key;
    if (auto error = std::move(result).get(field)) return SyntaxError(error);
    if (auto error = field.unescaped_key().get(key)) return SyntaxError(error);
    Attr& attr = attrs->emplace_back();
    attr.key.assign(key.data(), key.size());
    const absl::Status status = ReadAttrValue(field.value(), &attr);
    if (!status.ok()) return InField(absl::StrCat("attrs.", attr.key), status);
  }
  return absl::OkStatus();
}

// Reads an optional string field; `present` tells whether it was given and not
// null.
absl::Status ReadStringField(od::value& value, std::string_view name, std::string* out,
                             bool* present) {
  absl::StatusOr<bool> read = ReadString(value, true, out);
  if (!read.ok()) return InField(name, read.status());
  *present = *read;
  return absl::OkStatus();
}

absl::Status ReadField(int index, od::value& value, Event* event) {
  std::string text;
  bool present = false;
  switch (index) {
    case kId:
      RETURN_IF_ERROR(ReadStringField(value, "id", &event->id, &present));
      if (present && event->id.empty()) {
        return FieldError("id", "empty (leave the field out to derive an id)");
      }
      return absl::OkStatus();
    case kTime: {
      absl::StatusOr<bool> read = ReadString(value, false, &text);
      if (!read.ok()) return InField("time", read.status());
      ASSIGN_OR_RETURN(event->time, ParseTimeField(text));
      return absl::OkStatus();
    }
    case kType:
      return ReadStringField(value, "type", &event->type, &present);
    case kTitle:
      return ReadStringField(value, "title", &event->title, &present);
    case kActors:
      return ReadActors(value, &event->actors);
    case kLocation:
      return ReadStringField(value, "location", &event->location, &present);
    case kSource:
      return ReadStringField(value, "source", &event->source, &present);
    case kRecorded:
      RETURN_IF_ERROR(ReadStringField(value, "recorded", &text, &present));
      if (present) {
        ASSIGN_OR_RETURN(event->recorded, ParseRecordedField(text));
      }
      return absl::OkStatus();
    default:
      return ReadAttrs(value, &event->attrs);
  }
}

int FindField(std::string_view key) {
  for (int i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == key) return i;
  }
  return -1;
}

absl::StatusOr<Event> ReadDocument(od::document& doc) {
  json_type type;
  if (auto error = doc.type().get(type)) return SyntaxError(error);
  if (type == json_type::array) {
    return absl::InvalidArgumentError(
        "expected one JSON object per line, found a JSON array (NDJSON has no enclosing [ ])");
  }
  if (type != json_type::object) {
    return absl::InvalidArgumentError("not a JSON object");
  }
  od::object object;
  if (auto error = doc.get_object().get(object)) return SyntaxError(error);
  Event event;
  uint32_t seen = 0;
  for (auto result : object) {
    od::field field;
    std::string_view key;
    if (auto error = std::move(result).get(field)) return SyntaxError(error);
    if (auto error = field.unescaped_key().get(key)) return SyntaxError(error);
    const int index = FindField(key);
    if (index < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown field ", QuoteForMessage(key), " (put extra data in attrs)"));
    }
    if (seen & (1u << index)) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate field ", QuoteForMessage(key)));
    }
    seen |= 1u << index;
    RETURN_IF_ERROR(ReadField(index, field.value(), &event));
  }
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return SyntaxError(simdjson::TRAILING_CONTENT);
  }
  if (!(seen & (1u << kTime))) {
    return absl::InvalidArgumentError("missing field \"time\"");
  }
  return event;
}

// Replaces each byte of *text that is not part of valid UTF-8 with '?'.
// Returns the offset of the first such byte, or text->size() if there is none.
size_t FindInvalidUtf8(std::string* text) {
  size_t first_bad = text->size();
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text->data());
  size_t i = 0;
  while (i < text->size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + i, text->size() - i, &cp);
    if (n > 0) {
      i += n;
      continue;
    }
    if (first_bad == text->size()) first_bad = i;
    (*text)[i++] = '?';
  }
  return first_bad;
}

// The top-level field of the (valid UTF-8) object in `clean` whose key starts
// last at or before byte `offset`, or "" if there is none.
std::string FieldAround(std::string_view clean, size_t offset) {
  Scratch& scratch = ThreadScratch();
  od::document doc;
  od::object object;
  if (scratch.Iterate(clean, &doc) || doc.get_object().get(object)) return "";
  std::string name;
  for (auto result : object) {
    od::field field;
    std::string_view key;
    if (std::move(result).get(field)) break;
    const size_t key_offset = field.key().raw() - scratch.buffer.data();
    if (key_offset > offset || field.unescaped_key().get(key)) break;
    name.assign(key.data(), key.size());
  }
  return name;
}

absl::Status Utf8Error(std::string_view line) {
  std::string clean(line);
  const size_t bad = FindInvalidUtf8(&clean);
  const std::string where = bad < line.size() ? absl::StrCat(" at byte ", bad + 1) : "";
  const std::string field = FieldAround(clean, bad);
  if (field.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid UTF-8", where));
  }
  return FieldError(field, absl::StrCat("invalid UTF-8", where));
}

}  // namespace

absl::StatusOr<std::vector<Attr>> ParseJsonAttrs(std::string_view json) {
  const std::string wrapped =
      absl::StrCat("{\"attrs\":", absl::string_view(json.data(), json.size()), "}");
  od::document doc;
  od::object object;
  Scratch& scratch = ThreadScratch();
  if (auto error = scratch.Iterate(wrapped, &doc)) return InField("attrs", SyntaxError(error));
  if (auto error = doc.get_object().get(object)) return InField("attrs", SyntaxError(error));
  std::vector<Attr> attrs;
  int fields = 0;
  for (auto result : object) {
    od::field field;
    if (auto error = std::move(result).get(field)) return InField("attrs", SyntaxError(error));
    if (++fields > 1) return InField("attrs", SyntaxError(simdjson::TRAILING_CONTENT));
    od::value value = field.value();
    ASSIGN_OR_RETURN(const json_type type, TypeOf(value));
    if (type != json_type::object) return InField("attrs", WrongType(value, type, "an object"));
    RETURN_IF_ERROR(ReadAttrs(value, &attrs));
  }
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return InField("attrs", SyntaxError(simdjson::TRAILING_CONTENT));
  }
  return attrs;
}

absl::StatusOr<Event> ParseJsonEvent(std::string_view line) {
  if (line.size() > kMaxLineBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("record longer than 1 MiB (", line.size(), " bytes)"));
  }
  od::document doc;
  const simdjson::error_code error = ThreadScratch().Iterate(line, &doc);
  if (error == simdjson::UTF8_ERROR) return Utf8Error(line);
  if (error) return SyntaxError(error);
  return ReadDocument(doc);
}

}  // namespace annals::internal
