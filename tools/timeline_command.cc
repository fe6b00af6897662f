// Copyright: the Annals authors.
//
// `annals timeline`: the events of a query (query's filters, BuildQuery) as one self-contained
// HTML page (timeline_page.h), written to stdout or to -o FILE.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "annals/database.h"
#include "annals/query.h"
#include "cli_common.h"
#include "commands.h"
#include "query_flags.h"
#include "timeline_page.h"

namespace annals::cli {
namespace {

// The most events one page holds; more is an error, not a truncated picture.
constexpr uint64_t kMaxTimelineEvents = 20000;

LaneKind LaneKindFor(const TimelineFlags& flags) {
  if (flags.group == "none") return LaneKind::kNone;
  if (flags.group == "type") return LaneKind::kType;
  if (flags.group == "actor") return LaneKind::kActor;
  bool names_actors = !flags.query.actors.empty() || !flags.query.any_actors.empty();
  return names_actors ? LaneKind::kActor : LaneKind::kType;
}

// The filters as they would be typed, e.g. `--actor NATO --from 2024-07`.
std::string FilterText(const QueryFlags& q) {
  std::vector<std::string> parts;
  for (const std::string& a : q.actors) parts.push_back(absl::StrCat("--actor \"", a, "\""));
  for (const std::string& a : q.any_actors)
    parts.push_back(absl::StrCat("--any-actor \"", a, "\""));
  for (const std::string& t : q.types) parts.push_back(absl::StrCat("--type ", t));
  if (!q.from.empty()) parts.push_back(absl::StrCat("--from ", q.from));
  if (!q.to.empty()) parts.push_back(absl::StrCat("--to ", q.to));
  if (q.limit) parts.push_back(absl::StrCat("--limit ", *q.limit));
  if (q.reverse) parts.push_back("--reverse");
  return absl::StrJoin(parts, " ");
}

// "NATO, 2024-07 to 2024-11" from the filters; "All events" without any.
std::string DefaultTitle(const QueryFlags& q) {
  std::vector<std::string> names = q.actors;
  if (!q.any_actors.empty()) names.push_back(absl::StrJoin(q.any_actors, " or "));
  if (!q.types.empty()) names.push_back(absl::StrJoin(q.types, " or "));
  std::string title = names.empty() ? "All events" : absl::StrJoin(names, ", ");
  if (!q.from.empty() || !q.to.empty()) {
    absl::StrAppend(&title, ", ", q.from.empty() ? ".." : q.from, " to ",
                    q.to.empty() ? ".." : q.to);
  }
  return title;
}

std::string Summary(const TimelineFlags& flags, size_t events, LaneKind kind) {
  static constexpr const char* kLanes[] = {"lanes by actor", "lanes by type", "one lane"};
  std::string filters = FilterText(flags.query);
  return absl::StrCat(WithThousands(events), events == 1 ? " event" : " events", " · ",
                      kLanes[static_cast<int>(kind)], " · ",
                      filters.empty() ? "every event" : "annals timeline " + filters);
}

int WritePage(const std::string& path, const std::string& page) {
  if (path.empty() || path == "-") {
    Stdout::Lines(page);
    return kExitOk;
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return ReportError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)), kExitUser);
  }
  bool ok = std::fwrite(page.data(), 1, page.size(), file) == page.size();
  int write_errno = errno;
  ok = (std::fclose(file) == 0) && ok;
  if (!ok) {
    return ReportError(absl::StrCat("cannot write ", path, ": ", std::strerror(write_errno)),
                       kExitUser);
  }
  return kExitOk;
}

// The matching events, or an exit code after reporting why there are none to draw.
int CollectEvents(Database& db, const Query& query, std::vector<Event>* events) {
  absl::StatusOr<uint64_t> count = db.Count(query);
  if (!count.ok()) return ReportStatus(count.status());
  if (*count > kMaxTimelineEvents) {
    return ReportError(
        absl::StrCat(WithThousands(*count), " events match; a timeline page holds at most ",
                     WithThousands(kMaxTimelineEvents),
                     ": narrow the query (--from/--to, --actor, --type) or add --limit N"),
        kExitUser);
  }
  absl::StatusOr<std::unique_ptr<Cursor>> cursor = db.Query(query);
  if (!cursor.ok()) return ReportStatus(cursor.status());
  while ((*cursor)->Next()) events->push_back((*cursor)->event());
  if (absl::Status status = (*cursor)->status(); !status.ok()) return ReportStatus(status);
  return kExitOk;
}

}  // namespace

int RunTimeline(const std::string& db_path, const TimelineFlags& flags) {
  absl::StatusOr<Query> query = BuildQuery(flags.query);
  if (!query.ok()) return ReportError(query.status().message(), kExitUsage);
  std::unique_ptr<Database> db;
  if (int rc = OpenForRead(db_path, &db); rc != kExitOk) return rc;
  std::vector<Event> events;
  if (int rc = CollectEvents(*db, *query, &events); rc != kExitOk) return rc;
  TimelineData data;
  data.lanes = LaneKindFor(flags);
  data.title = flags.title.empty() ? DefaultTitle(flags.query) : flags.title;
  data.summary = Summary(flags, events.size(), data.lanes);
  return WritePage(flags.output, TimelinePage(events, data));
}

}  // namespace annals::cli
