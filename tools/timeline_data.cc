// Copyright: the Annals authors.
#include "timeline_data.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "annals/time.h"

namespace annals::cli {
namespace {

// The engine's actor lookup key (NFC, case-folded); the name itself if utf8proc refuses it.
std::string LookupKey(const std::string& name) {
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
      static_cast<utf8proc_ssize_t>(name.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0) return name;
  std::string key(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  std::free(folded);
  return key;
}

// The lane keys of one event (each once) and their display names.
std::vector<std::pair<std::string, std::string>> KeysOf(const Event& event, LaneKind kind) {
  std::vector<std::pair<std::string, std::string>> keys;
  if (kind == LaneKind::kType) {
    if (!event.type.empty()) keys.emplace_back(event.type, event.type);
  } else if (kind == LaneKind::kActor) {
    for (const Actor& actor : event.actors) {
      std::string key = LookupKey(actor.name);
      bool seen =
          std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; });
      if (!seen) keys.emplace_back(std::move(key), actor.name);
    }
  }
  return keys;
}

struct Candidate {
  std::string name;
  uint64_t count = 0;
  size_t lane = 0;
};

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '<':
      case '>':
      case '&':
        absl::StrAppendFormat(out, "\\u%04x", c);
        break;
      default:
        if (c < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendField(std::string* out, std::string_view name, std::string_view value) {
  AppendJsonString(out, name);
  out->push_back(':');
  AppendJsonString(out, value);
}

// A span end in milliseconds, or null when open.
std::string MillisOrNull(int64_t us) {
  if (us == kMinusInfinity || us == kPlusInfinity) return "null";
  return absl::StrCat(FloorMillis(us));
}

uint8_t QualifiersOf(const EventTime& time) {
  uint8_t q = 0;
  if (time.first) q |= time.first->qualifiers;
  if (time.second) q |= time.second->qualifiers;
  return q;
}

void AppendEvent(std::string* out, const Event& event, const std::vector<size_t>& lanes) {
  out->push_back('{');
  AppendField(out, "id", event.id);
  out->push_back(',');
  AppendField(out, "time", FormatTime(event.time));
  uint8_t q = QualifiersOf(event.time);
  absl::StrAppend(out, ",\"start\":", MillisOrNull(event.time.start_us()),
                  ",\"end\":", MillisOrNull(event.time.end_us()),
                  ",\"approx\":", (q & kApproximate) ? "true" : "false",
                  ",\"uncertain\":", (q & kUncertain) ? "true" : "false", ",");
  AppendField(out, "type", event.type);
  out->push_back(',');
  AppendField(out, "title", event.title);
  out->append(",\"actors\":[");
  for (size_t i = 0; i < event.actors.size(); ++i) {
    out->append(i ? ",{" : "{");
    AppendField(out, "name", event.actors[i].name);
    out->push_back(',');
    AppendField(out, "role", event.actors[i].role);
    out->push_back('}');
  }
  out->append("],");
  AppendField(out, "location", event.location);
  out->push_back(',');
  AppendField(out, "source", event.source);
  out->append(",\"lanes\":[");
  for (size_t i = 0; i < lanes.size(); ++i) absl::StrAppend(out, i ? "," : "", lanes[i]);
  out->append("]}");
}

std::string_view KindName(LaneKind kind) {
  switch (kind) {
    case LaneKind::kActor:
      return "actor";
    case LaneKind::kType:
      return "type";
    case LaneKind::kNone:
      break;
  }
  return "none";
}

}  // namespace

int64_t FloorMillis(int64_t us) {
  int64_t ms = us / 1000;
  return (us % 1000 < 0) ? ms - 1 : ms;
}

LaneAssignment AssignLanes(const std::vector<Event>& events, LaneKind kind) {
  LaneAssignment result;
  result.of_event.resize(events.size());
  if (kind == LaneKind::kNone) return result;
  absl::flat_hash_map<std::string, Candidate> candidates;
  bool keyless = false;
  for (const Event& event : events) {
    auto keys = KeysOf(event, kind);
    keyless |= keys.empty();
    for (auto& [key, name] : keys) {
      Candidate& c = candidates.try_emplace(key, Candidate{name}).first->second;
      ++c.count;
    }
  }
  std::vector<Candidate*> ranked;
  for (auto& [key, c] : candidates) ranked.push_back(&c);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate* a, const Candidate* b) {
    return a->count != b->count ? a->count > b->count : a->name < b->name;
  });
  bool need_other = keyless || ranked.size() > kMaxLanes;
  size_t named = need_other ? std::min(ranked.size(), kMaxLanes - 1) : ranked.size();
  for (size_t i = 0; i < ranked.size(); ++i) ranked[i]->lane = i < named ? i : named;
  for (size_t i = 0; i < named; ++i) result.lanes.push_back({ranked[i]->name, 0});
  if (need_other) result.lanes.push_back({"other", 0});
  for (size_t e = 0; e < events.size(); ++e) {
    std::vector<size_t>& lanes = result.of_event[e];
    for (auto& [key, name] : KeysOf(events[e], kind)) lanes.push_back(candidates[key].lane);
    if (lanes.empty()) lanes.push_back(named);
    std::sort(lanes.begin(), lanes.end());
    lanes.erase(std::unique(lanes.begin(), lanes.end()), lanes.end());
    for (size_t lane : lanes) ++result.lanes[lane].count;
  }
  return result;
}

std::string TimelineJson(const std::vector<Event>& events, const TimelineData& data) {
  LaneAssignment lanes = AssignLanes(events, data.lanes);
  std::string out = "{";
  AppendField(&out, "title", data.title);
  out.push_back(',');
  AppendField(&out, "summary", data.summary);
  out.push_back(',');
  AppendField(&out, "group", KindName(data.lanes));
  out.append(",\"lanes\":[");
  for (size_t i = 0; i < lanes.lanes.size(); ++i) {
    out.append(i ? ",{" : "{");
    AppendField(&out, "name", lanes.lanes[i].name);
    absl::StrAppend(&out, ",\"count\":", lanes.lanes[i].count, "}");
  }
  out.append("],\n\"events\":[\n");
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out.append(",\n");
    AppendEvent(&out, events[i], lanes.of_event[i]);
  }
  out.append("]}");
  return out;
}

}  // namespace annals::cli
