// Copyright: the Annals authors.
#include "internal/query/aggregate_rows.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

void SetBucket(const BucketList& buckets, int64_t b, CountRow* row) {
  row->bucket = buckets.Label(b);
  row->bucket_start_us = buckets.start(b);
  row->bucket_end_us = buckets.end(b);
}

}  // namespace

absl::StatusOr<std::vector<NamedGroup>> RankGroups(
    const absl::flat_hash_map<uint32_t, uint64_t>& events, std::optional<uint64_t> limit,
    GroupValues* names) {
  std::vector<NamedGroup> out;
  out.reserve(events.size());
  for (const auto& [value, n] : events) out.push_back(NamedGroup{value, "", n});
  // With a limit only the values that can make the cut need a name: those counting at least as
  // many events as the limit-th value.
  if (limit && out.size() > *limit) {
    if (*limit == 0) return std::vector<NamedGroup>();
    std::vector<uint64_t> counts;
    for (const NamedGroup& g : out) counts.push_back(g.events);
    std::nth_element(counts.begin(), counts.begin() + (*limit - 1), counts.end(), std::greater<>());
    const uint64_t cut = counts[*limit - 1];
    out.erase(std::remove_if(out.begin(), out.end(),
                             [cut](const NamedGroup& g) { return g.events < cut; }),
              out.end());
  }
  for (NamedGroup& g : out) {
    ASSIGN_OR_RETURN(g.name, names->Name(g.value));
  }
  std::sort(out.begin(), out.end(), [](const NamedGroup& a, const NamedGroup& b) {
    return std::tie(b.events, a.name, a.value) < std::tie(a.events, b.name, b.value);
  });
  if (limit && out.size() > *limit) out.resize(*limit);
  return out;
}

std::vector<CountRow> TimeRows(const BucketList& buckets, const TimeCounts& counts) {
  std::vector<CountRow> rows;
  rows.reserve(buckets.size());
  counts.ForEach([&](int64_t b, uint64_t starting, uint64_t within, uint64_t overlapping) {
    CountRow row;
    SetBucket(buckets, b, &row);
    row.starting = starting;
    row.within = within;
    row.overlapping = overlapping;
    rows.push_back(std::move(row));
  });
  return rows;
}

std::vector<CountRow> GroupRows(const std::vector<NamedGroup>& groups) {
  std::vector<CountRow> rows;
  for (const NamedGroup& g : groups) {
    CountRow row;
    row.group = g.name;
    row.events = g.events;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CountRow> GroupTimeRows(const BucketList& buckets, const GroupTimeCounts& counts,
                                    const std::vector<NamedGroup>& groups) {
  absl::flat_hash_map<uint32_t, const NamedGroup*> kept;
  for (const NamedGroup& g : groups) kept[g.value] = &g;
  std::vector<std::pair<int64_t, CountRow>> rows;
  counts.ForEach(
      [&](uint32_t value, int64_t b, uint64_t starting, uint64_t within, uint64_t overlapping) {
        auto it = kept.find(value);
        if (it == kept.end()) return;
        CountRow row;
        row.group = it->second->name;
        row.starting = starting;
        row.within = within;
        row.overlapping = overlapping;
        rows.emplace_back(b, std::move(row));
      });
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, b.second.starting, a.second.group) <
           std::tie(b.first, a.second.starting, b.second.group);
  });
  std::vector<CountRow> out;
  out.reserve(rows.size());
  for (auto& [b, row] : rows) {
    SetBucket(buckets, b, &row);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace annals::internal
