// Copyright: the Annals authors.
#include "internal/text/json_record.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "internal/text/actor_name.h"
#include "internal/text/json_tree.h"
#include "internal/text/record_text.h"
#include "internal/util/status_macros.h"
#include "utf8proc.h"

namespace annals::internal {
namespace {

using Type = JsonTree::Type;
using Value = JsonTree::Value;

enum FieldIndex { kId, kTime, kType, kTitle, kActors, kLocation, kSource, kRecorded, kAttrs };
constexpr std::string_view kFieldNames[] = {"id",       "time",   "type",     "title", "actors",
                                            "location", "source", "recorded", "attrs"};
constexpr int kFieldCount = sizeof(kFieldNames) / sizeof(kFieldNames[0]);

// One tree per thread, reused from line to line.
JsonTree& ThreadTree() {
  thread_local JsonTree tree;
  return tree;
}

// `status` with its message under `field`; OK stays OK.
absl::Status InField(std::string_view field, const absl::Status& status) {
  if (status.ok()) return status;
  return FieldError(field, std::string(status.message()));
}

// A failed Parse's error, under the field being read when it failed, if any; inside `attrs` for
// ParseJsonAttrs.
absl::Status SyntaxError(const JsonTree& tree, const absl::Status& status,
                         std::string_view within = "") {
  std::string field(within);
  const std::string& path = tree.error_path();
  if (!field.empty() && !path.empty() && path.front() != '[') field += '.';
  field += path;
  if (field.empty()) return status;
  return FieldError(field, std::string(status.message()));
}

// The value for an error message: its kind and, for a scalar, its text.
std::string Describe(const JsonTree& tree, const Value& value) {
  switch (value.type) {
    case Type::kArray:
      return "an array";
    case Type::kObject:
      return "an object";
    case Type::kString:
      return absl::StrCat("a string (", QuoteForMessage(tree.text(value)), ")");
    case Type::kNull:
      return "null";
    case Type::kBool:
      return value.boolean ? "a boolean (true)" : "a boolean (false)";
    case Type::kNumber:
      break;
  }
  const std::string_view raw = tree.text(value);
  const std::string_view text = raw.substr(0, kMaxQuotedBytes);
  return absl::StrCat("a number (", absl::string_view(text.data(), text.size()),
                      text.size() < raw.size() ? "...)" : ")");
}

absl::Status WrongType(const JsonTree& tree, const Value& value, std::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", absl::string_view(expected.data(), expected.size()), ", got ",
                   Describe(tree, value)));
}

// Reads a string into *out. Null is absent (returns false) when `nullable`,
// else an error.
absl::StatusOr<bool> ReadString(const JsonTree& tree, const Value& value, bool nullable,
                                std::string* out) {
  if (value.type == Type::kNull && nullable) return false;
  if (value.type != Type::kString) return WrongType(tree, value, "a string");
  const std::string_view text = tree.text(value);
  out->assign(text.data(), text.size());
  return true;
}

std::string ActorPath(size_t index, std::string_view key = {}) {
  return absl::StrCat("actors[", index, "]", key.empty() ? "" : ".",
                      absl::string_view(key.data(), key.size()));
}

absl::Status ReadActorObject(const JsonTree& tree, const Value& object, size_t index,
                             Actor* actor) {
  bool seen_name = false, seen_role = false;
  for (uint32_t i = object.first; i != JsonTree::kNone; i = tree.at(i).next) {
    const Value& member = tree.at(i);
    const std::string_view key = tree.key(member);
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
        ReadString(tree, member, /*nullable=*/!is_name, is_name ? &actor->name : &actor->role);
    if (!read.ok()) return InField(ActorPath(index, key), read.status());
  }
  if (!seen_name) return FieldError(ActorPath(index, "name"), "missing");
  return absl::OkStatus();
}

absl::Status ReadActor(const JsonTree& tree, const Value& value, size_t index, Actor* actor) {
  if (value.type == Type::kString) {
    absl::StatusOr<bool> read = ReadString(tree, value, false, &actor->name);
    if (!read.ok()) return InField(ActorPath(index), read.status());
    return absl::OkStatus();
  }
  if (value.type != Type::kObject) {
    return InField(ActorPath(index), WrongType(tree, value, "a string or an object"));
  }
  return ReadActorObject(tree, value, index, actor);
}

absl::Status ReadActors(const JsonTree& tree, const Value& value, std::vector<Actor>* actors) {
  if (value.type == Type::kNull) return absl::OkStatus();
  if (value.type != Type::kArray) {
    return InField("actors", WrongType(tree, value, "an array"));
  }
  actors->reserve(8);
  for (uint32_t i = value.first; i != JsonTree::kNone; i = tree.at(i).next) {
    if (actors->size() == kMaxActors) {
      return FieldError("actors", absl::StrCat("more than ", kMaxActors, " actors"));
    }
    const size_t index = actors->size();
    RETURN_IF_ERROR(ReadActor(tree, tree.at(i), index, &actors->emplace_back()));
  }
  return absl::OkStatus();
}

absl::Status ReadAttrValue(const JsonTree& tree, const Value& value, Attr* attr) {
  switch (value.type) {
    case Type::kString:
      attr->kind = Attr::Kind::kString;
      return ReadString(tree, value, false, &attr->value).status();
    case Type::kNumber: {
      const std::string_view raw = tree.text(value);
      if (!IsJsonNumber(raw)) {
        return absl::InvalidArgumentError(absl::StrCat("invalid number ", QuoteForMessage(raw)));
      }
      attr->kind = Attr::Kind::kNumber;
      attr->value.assign(raw.data(), raw.size());
      return absl::OkStatus();
    }
    case Type::kBool:
      attr->kind = Attr::Kind::kBool;
      attr->value = value.boolean ? "true" : "false";
      return absl::OkStatus();
    default:
      return WrongType(tree, value, "a string, number or boolean");
  }
}

absl::Status ReadAttrs(const JsonTree& tree, const Value& value, std::vector<Attr>* attrs) {
  if (value.type == Type::kNull) return absl::OkStatus();
  if (value.type != Type::kObject) {
    return InField("attrs", WrongType(tree, value, "an object"));
  }
  for (uint32_t i = value.first; i != JsonTree::kNone; i = tree.at(i).next) {
    const Value& member = tree.at(i);
    Attr& attr = attrs->emplace_back();
    const std::string_view key = tree.key(member);
    attr.key.assign(key.data(), key.size());
    const absl::Status status = ReadAttrValue(tree, member, &attr);
    if (!status.ok()) return InField(absl::StrCat("attrs.", attr.key), status);
  }
  return absl::OkStatus();
}

// Reads an optional string field; `present` tells whether it was given and not
// null.
absl::Status ReadStringField(const JsonTree& tree, const Value& value, std::string_view name,
                             std::string* out, bool* present) {
  absl::StatusOr<bool> read = ReadString(tree, value, true, out);
  if (!read.ok()) return InField(name, read.status());
  *present = *read;
  return absl::OkStatus();
}

absl::Status ReadField(int index, const JsonTree& tree, const Value& value, Event* event) {
  std::string text;
  bool present = false;
  switch (index) {
    case kId:
      RETURN_IF_ERROR(ReadStringField(tree, value, "id", &event->id, &present));
      if (present && event->id.empty()) {
        return FieldError("id", "empty (leave the field out to derive an id)");
      }
      return absl::OkStatus();
    case kTime: {
      absl::StatusOr<bool> read = ReadString(tree, value, false, &text);
      if (!read.ok()) return InField("time", read.status());
      ASSIGN_OR_RETURN(event->time, ParseTimeField(text));
      return absl::OkStatus();
    }
    case kType:
      return ReadStringField(tree, value, "type", &event->type, &present);
    case kTitle:
      return ReadStringField(tree, value, "title", &event->title, &present);
    case kActors:
      return ReadActors(tree, value, &event->actors);
    case kLocation:
      return ReadStringField(tree, value, "location", &event->location, &present);
    case kSource:
      return ReadStringField(tree, value, "source", &event->source, &present);
    case kRecorded:
      RETURN_IF_ERROR(ReadStringField(tree, value, "recorded", &text, &present));
      if (present) {
        ASSIGN_OR_RETURN(event->recorded, ParseRecordedField(text));
      }
      return absl::OkStatus();
    default:
      return ReadAttrs(tree, value, &event->attrs);
  }
}

int FindField(std::string_view key) {
  for (int i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == key) return i;
  }
  return -1;
}

absl::StatusOr<Event> ReadDocument(const JsonTree& tree) {
  const Value& root = tree.root();
  if (root.type != Type::kObject) return absl::InvalidArgumentError("not a JSON object");
  Event event;
  uint32_t seen = 0;
  for (uint32_t i = root.first; i != JsonTree::kNone; i = tree.at(i).next) {
    const Value& member = tree.at(i);
    const std::string_view key = tree.key(member);
    const int index = FindField(key);
    if (index < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown field ", QuoteForMessage(key), " (put extra data in attrs)"));
    }
    if (seen & (1u << index)) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate field ", QuoteForMessage(key)));
    }
    seen |= 1u << index;
    RETURN_IF_ERROR(ReadField(index, tree, member, &event));
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
// last at or before byte `offset`, or "" if there is none (or `clean` is no JSON object).
std::string FieldAround(std::string_view clean, size_t offset) {
  JsonTree& tree = ThreadTree();
  if (!tree.Parse(clean).ok() || tree.root().type != Type::kObject) return "";
  std::string name;
  for (uint32_t i = tree.root().first; i != JsonTree::kNone; i = tree.at(i).next) {
    const Value& member = tree.at(i);
    if (member.key_offset > offset) break;
    name.assign(tree.key(member));
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

// The first byte that is not JSON white space, or 0 if there is none.
char FirstNonSpace(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
  }
  return 0;
}

}  // namespace

absl::StatusOr<std::vector<Attr>> ParseJsonAttrs(std::string_view json) {
  JsonTree& tree = ThreadTree();
  if (!IsValidUtf8(json)) {
    std::string clean(json);
    return FieldError("attrs", absl::StrCat("invalid UTF-8 at byte ", FindInvalidUtf8(&clean) + 1));
  }
  if (absl::Status parsed = tree.Parse(json); !parsed.ok()) {
    return SyntaxError(tree, parsed, "attrs");
  }
  const Value& root = tree.root();
  if (root.type != Type::kObject) return InField("attrs", WrongType(tree, root, "an object"));
  std::vector<Attr> attrs;
  RETURN_IF_ERROR(ReadAttrs(tree, root, &attrs));
  return attrs;
}

absl::StatusOr<Event> ParseJsonEvent(std::string_view line) {
  if (line.size() > kMaxLineBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("record longer than 1 MiB (", line.size(), " bytes)"));
  }
  // Invalid UTF-8 anywhere is reported as such (with the field it is in), and a line that opens
  // an array gets a word on NDJSON, whatever follows; then the line is parsed whole.
  if (!IsValidUtf8(line)) return Utf8Error(line);
  const char first = FirstNonSpace(line);
  if (first == '[') {
    return absl::InvalidArgumentError(
        "expected one JSON object per line, found a JSON array (NDJSON has no enclosing [ ])");
  }
  if (first != '{' && first != 0) return absl::InvalidArgumentError("not a JSON object");
  JsonTree& tree = ThreadTree();
  if (absl::Status parsed = tree.Parse(line); !parsed.ok()) return SyntaxError(tree, parsed);
  return ReadDocument(tree);
}

}  // namespace annals::internal
