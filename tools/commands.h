// Copyright: the Annals authors.
//
// The `annals` subcommands, each a function from parsed flags to an exit code
// (cli_common.h). main.cc parses the command line (CLI11) and calls exactly one
// of these. They print data to stdout through Stdout and messages to stderr.
#ifndef ANNALS_TOOLS_COMMANDS_H_
#define ANNALS_TOOLS_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "annals/query.h"

namespace annals::cli {

// How query-like commands print rows. kDefault: table on a terminal, else
// jsonl.
enum class OutputFormat { kDefault, kTable, kJsonl, kCsv };

struct IngestFlags {
  std::vector<std::string> files;  // empty or "-": stdin
  std::string format;              // "" or a name ParseRecordFormat accepts
  bool skip_invalid = false;
  bool sync = false;
  bool bulk = false;  // one bulk load (Database::StartLoad) instead of a commit per batch
};
int RunIngest(const std::string& db_path, const IngestFlags& flags);

struct QueryFlags {
  std::vector<std::string> actors;
  std::vector<std::string> any_actors;
  std::vector<std::string> types;
  std::string from;  // "" when not given; else a valid ParseTime text
  std::string to;
  std::optional<uint64_t> limit;
  bool within = false;  // --within: whole span in the range
  bool reverse = false;
  bool count = false;
  bool stats = false;
  std::string text;                  // words that must occur in the title
  std::string as_of;                 // --as-of: "" or a time SystemTimeEnd accepts
  std::vector<std::string> columns;  // table columns; empty: the default
  bool no_pager = false;
  OutputFormat format = OutputFormat::kDefault;
};
int RunQuery(const std::string& db_path, const QueryFlags& flags);

// `annals timeline`: query's filters (only those; count/stats/format are ignored), lanes, a
// title and the output file ("" or "-": stdout). See docs/timeline.md.
struct TimelineFlags {
  QueryFlags query;
  std::string group;  // "actor", "type", "none"; "": actor when the query names actors, else type
  std::string title;  // "": made from the filters
  std::string output;
};
int RunTimeline(const std::string& db_path, const TimelineFlags& flags);

// `annals count` (by time, group or both) and `annals related` (count by actor, leaving out the
// --actor entries): spec AGGREGATE.md.
struct CountFlags {
  QueryFlags filters;  // reverse, count and stats unused
  std::vector<std::string> by;
  std::optional<uint64_t> limit;
  bool related = false;
  bool canonical = false;  // --canonical: actors counted under canonical names
  OutputFormat format = OutputFormat::kDefault;
};
int RunCount(const std::string& db_path, const CountFlags& flags);

// `as_of`: "" or a time SystemTimeEnd accepts (system_time_text.h), as for QueryFlags::as_of.
int RunGet(const std::string& db_path, const std::vector<std::string>& ids,
           const std::string& as_of);
int RunShow(const std::string& db_path, const std::vector<std::string>& ids, bool no_pager);
int RunDelete(const std::string& db_path, const std::vector<std::string>& ids);
int RunExport(const std::string& db_path, const std::string& as_of);
int RunBackup(const std::string& db_path, const std::string& dest);

struct ActorsFlags {
  std::string prefix;
  std::optional<uint64_t> limit;
  std::string as_of;
  bool no_pager = false;
  OutputFormat format = OutputFormat::kDefault;
};
int RunActors(const std::string& db_path, const ActorsFlags& flags);

int RunTypes(const std::string& db_path, OutputFormat format, bool no_pager);
int RunStats(const std::string& db_path, bool json, const std::string& as_of);

// History (spec HISTORY.md): history_commands.cc.
int RunHistory(const std::string& db_path, const std::string& id);
int RunChanges(const std::string& db_path, const std::string& since, const std::string& until);
int RunPrune(const std::string& db_path, const std::string& before);
int RunCheck(const std::string& db_path);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_COMMANDS_H_
