// Copyright: the Annals authors.
//
// The commands that select events with query's filters: `query`, `timeline`, `count` and
// `related` (one AddFilterOptions for all of them, so a new filter reaches every one).
#include <memory>
#include <string>

#include "cli_options.h"
#include "commands.h"
#include "event_output.h"

namespace annals::cli {
namespace {

constexpr Help kQueryHelp = {
    "Events by actors, types and time",
    "An event matches if it involves every --actor, at least one --any-actor (if any), has one\n"
    "of the --type values (if any) and its time overlaps [--from, --to). --from X starts at the\n"
    "start of X's period and --to X ends at the end of X's period: --from 2024-10 --to 2024-11\n"
    "is October and November. Actor names ignore case; types match exactly. Results are ordered\n"
    "by start time. An actor is NAME or NAME=ROLE (split at the last `=`; `\\=` and `\\\\` "
    "escape;\n"
    "NAME= means without a role). A malformed --from, --to or --limit value is a usage error\n"
    "(exit 2).\n"
    "--text keeps the events whose title holds every one of its words, ignoring case; it filters\n"
    "the events the other flags find (no text index), so narrow those where you can.\n"
    "The table shows id, time, type, actors and title; --columns chooses among id, time, type,\n"
    "title, actors, location, source and recorded. More than a screenful on a terminal goes\n"
    "through $PAGER (default: less -FRX; --no-pager turns it off).",
    "  annals query --actor \"Mark Rutte\" --from 2024-10 --to 2024-11\n"
    "  annals query --actor RUSSIA=source --actor UKRAINE=target --count\n"
    "  annals query --any-actor \"Kamala Harris\" --any-actor \"Donald Trump\" --type election\n"
    "  annals query --from 2022 --reverse --limit 10 --format table\n"
    "  annals query --actor NATO --count\n"
    "  annals query --text \"victory plan\" --columns id,time,title\n"};

// Query's filters, shared by every command that selects events the way `query` does. `limit`
// receives --limit's text (ParseCount turns it into flags->limit).
// The filters that select events, shared by query, timeline, count and related.
void AddFilterOptions(CLI::App* sub, QueryFlags* flags) {
  sub->add_option("--actor", flags->actors, "an actor that must be involved (repeatable)")
      ->type_name("NAME[=ROLE]");
  sub->add_option("--any-actor", flags->any_actors, "one of these must be involved (repeatable)")
      ->type_name("NAME[=ROLE]");
  sub->add_option("--type", flags->types, "one of these types (repeatable)")->type_name("TYPE");
  sub->add_option("--from", flags->from, "from the start of this time's period, e.g. 2024-10")
      ->type_name("TIME")
      ->check(TimeValidator());
  sub->add_option("--to", flags->to, "to the end of this time's period, e.g. 2024-11-05")
      ->type_name("TIME")
      ->check(TimeValidator());
  sub->add_flag("--within", flags->within,
                "only events whose whole span lies in [--from, --to), not those overlapping it");
  AddAsOfOption(sub, &flags->as_of);
}

// query's and timeline's: the filters, --limit, --reverse and --text (a filter on fetched events).
void AddQueryFilters(CLI::App* sub, QueryFlags* flags, std::string* limit) {
  AddFilterOptions(sub, flags);
  AddCountOption(sub, limit, "at most N events");
  sub->add_flag("--reverse", flags->reverse, "latest first");
  sub->add_option("--text", flags->text,
                  "words that must all occur in the title (any case; a filter on the results)")
      ->type_name("WORDS");
}

}  // namespace

Command AddQuery(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<QueryFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "query", kQueryHelp);
  AddQueryFilters(sub, flags.get(), limit.get());
  sub->add_flag("--count", flags->count, "print only the number of matching events");
  sub->add_flag("--stats", flags->stats, "print the index entries and records read on stderr");
  AddFormatOption(sub, format.get());
  sub->add_option("--columns", flags->columns,
                  "table columns, comma-separated (default: id,time,type,actors,title)")
      ->type_name("LIST")
      ->delimiter(',')
      ->check(CLI::IsMember(TableColumnNames()));
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            flags->no_pager = NoPager();
            return RunQuery(db, *flags);
          }};
}

constexpr Help kTimelineHelp = {
    "Write a self-contained HTML page that draws events on a timeline",
    "Selects events with query's filters and writes one HTML file (no network access needed or\n"
    "made) that draws them with their true extent: 2024-10 covers October, ~ and ? are dashed and\n"
    "faded, open ends run past the view's edge. Lanes (--group): by actor (default when the query\n"
    "names actors; an event appears in each of its actors' lanes), by type (default otherwise) or\n"
    "none; at most 12, the least frequent share `other`. More than 20,000 events (after --limit)\n"
    "is an error (exit 1).",
    "  annals timeline --actor NATO --from 2024-07 --to 2024-11 -o nato.html\n"
    "  annals timeline --any-actor \"Donald Trump\" --any-actor \"Kamala Harris\" -o race.html\n"
    "  annals timeline --type war --group none --title \"Wars\" > wars.html\n"};

Command AddTimeline(CLI::App& app, const std::string& db) {
  auto flags = std::make_shared<TimelineFlags>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub = AddCommand(app, "timeline", kTimelineHelp);
  AddQueryFilters(sub, &flags->query, limit.get());
  sub->add_option("--group", flags->group,
                  "lanes: actor, type or none (default: actor if actors are named, else type)")
      ->type_name("BY")
      ->check(CLI::IsMember({"actor", "type", "none"}));
  sub->add_option("--title", flags->title, "the page's title (default: made from the filters)")
      ->type_name("TEXT");
  sub->add_option("-o,--output", flags->output, "write the page to FILE (default: stdout)")
      ->type_name("FILE");
  return {sub, [&db, flags, limit] {
            flags->query.limit = ParseCount(*limit);
            return RunTimeline(db, *flags);
          }};
}

constexpr Help kCountHelp = {
    "Count events by calendar period, type, actor or role",
    "Takes the filters of `query` and one or two --by keys: a time unit (year, quarter, month,\n"
    "week (ISO), day, hour), a group (type, actor, role), or one of each. Per time bucket:\n"
    "STARTING events start in it (they sum to the total), WITHIN lie wholly in it, OVERLAPPING\n"
    "overlap it: a year-precision event starts in January, lies within no month and overlaps\n"
    "twelve. Every bucket of [--from, --to) is listed, empty ones too; a side not given comes\n"
    "from the matching events. More than 100,000 buckets is a usage error (exit 2). Groups are\n"
    "ordered by count, then value; --limit keeps the first N groups, never time buckets.\n"
    "With --by actor, --canonical counts an alias entry under its canonical name when the\n"
    "event overlaps the alias's period.",
    "  annals count --by month --actor Russia=source --actor Ukraine=target --from 2022 --to 2023\n"
    "  annals count --by type --from 2024-10 --to 2024-10\n"
    "  annals count --by week --by type --any-actor NATO --from 2024 --limit 5\n"};

constexpr Help kRelatedHelp = {
    "Who appears together with an actor, most often first",
    "Counts the events matching the filters by actor, leaving out the entries the --actor specs\n"
    "match (the actor itself, or one of its aliases within the alias's period). --limit keeps the\n"
    "first N actors; --canonical counts aliases under their canonical names.",
    "  annals related --actor \"Mark Rutte\" --from 2024\n"
    "  annals related --actor Russia=source --limit 10 --format csv\n"};

Command AddCount(CLI::App& app, const std::string& db, bool related) {
  auto flags = std::make_shared<CountFlags>();
  auto format = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>();
  CLI::App* sub =
      AddCommand(app, related ? "related" : "count", related ? kRelatedHelp : kCountHelp);
  AddFilterOptions(sub, &flags->filters);
  if (!related) {
    sub->add_option("--by", flags->by, "year|quarter|month|week|day|hour|type|actor|role (1 or 2)")
        ->type_name("KEY")
        ->required();
  }
  AddCountOption(sub, limit.get(), related ? "at most N actors" : "at most N group values");
  sub->add_flag("--canonical", flags->canonical,
                "count actors under their canonical names where an alias applies");
  AddFormatOption(sub, format.get());
  flags->related = related;
  return {sub, [&db, flags, format, limit] {
            flags->format = ParseFormat(*format);
            flags->limit = ParseCount(*limit);
            return RunCount(db, *flags);
          }};
}

}  // namespace annals::cli
