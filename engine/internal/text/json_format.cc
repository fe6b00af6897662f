// Copyright: the Annals authors.
//
// FormatJsonEvent (declared in json_record.h).
#include <string>
#include <string_view>
#include <vector>

#include "internal/text/json_record.h"
#include "internal/text/record_text.h"

namespace annals::internal {
namespace {

void AppendActors(const std::vector<Actor>& actors, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i > 0) out->push_back(',');
    if (actors[i].role.empty()) {
      AppendJsonString(actors[i].name, out);
      continue;
    }
    out->append("{\"name\":");
    AppendJsonString(actors[i].name, out);
    out->append(",\"role\":");
    AppendJsonString(actors[i].role, out);
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace

std::string FormatJsonEvent(const Event& event) {
  std::string out;
  out.reserve(256);
  out.push_back('{');
  auto key = [&out](std::string_view name) {
    if (out.size() > 1) out.push_back(',');
    AppendJsonString(name, &out);
    out.push_back(':');
  };
  auto string_field = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    key(name);
    AppendJsonString(value, &out);
  };
  string_field("id", event.id);
  if (event.time.first || event.time.second) {
    string_field("time", FormatTime(event.time));
  }
  string_field("type", event.type);
  string_field("title", event.title);
  if (!event.actors.empty()) {
    key("actors");
    AppendActors(event.actors, &out);
  }
  string_field("location", event.location);
  string_field("source", event.source);
  if (event.recorded) string_field("recorded", FormatDate(*event.recorded));
  if (!event.attrs.empty()) {
    key("attrs");
    out.append(FormatAttrsJson(event.attrs));
  }
  out.push_back('}');
  return out;
}

}  // namespace annals::internal
