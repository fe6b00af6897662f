// Copyright: the Annals authors.
#include "internal/query/pair_days.h"

#include <algorithm>
#include <memory>
#include <string>

#include "internal/query/day_count_scan.h"
#include "internal/query/match_range.h"
#include "internal/storage/day_counts.h"
#include "internal/util/status_macros.h"

namespace annals::internal {

uint64_t PairDays::Key(uint8_t span_class, int64_t start_day, int64_t span_days) {
  // |day| < 2^27 for any instant in µs, a day span <= MaxSpanDays(9) < 2^16, a class < 2^4.
  return (static_cast<uint64_t>(start_day + (int64_t{1} << 40)) << 20) |
         (static_cast<uint64_t>(span_days) << 4) | span_class;
}

absl::StatusOr<std::optional<PairDays>> PairDays::Read(const ScanContext& ctx, uint32_t a,
                                                       uint32_t b, ClassMask classes) {
  if (ctx.as_of != nullptr || a == b) return std::nullopt;
  ASSIGN_OR_RETURN(uint64_t crowded, ctx.view->Meta(kMetaCrowdedEvents));
  if (crowded != 0) return std::nullopt;
  // The classes answered elsewhere (day counts themselves) are not scanned.
  const auto read = static_cast<ClassMask>(classes & kDayCountedClasses & ~ctx.skip_classes);
  if (read == 0) return std::nullopt;
  const uint32_t lo = std::min(a, b), hi = std::max(a, b);
  PairDays out(read);
  std::unique_ptr<rocksdb::Iterator> it = ctx.view->NewIterator(kDayCountsCf);
  for (uint8_t cls = 0; cls <= kMaxDayCountedClass; ++cls) {
    if ((out.read_ & (1u << cls)) == 0) continue;
    const OrderRange starts = MatchRange(cls, ctx);
    if (starts.empty()) continue;
    const int64_t first_day = starts.lo == kMinusInfinity ? INT64_MIN : DayOf(starts.lo);
    const int64_t end_day = starts.hi == kPlusInfinity ? INT64_MAX : DayOf(starts.hi - 1) + 1;
    std::vector<int64_t>& days = out.start_days_[cls];
    auto shared = [&](const DayCountId& d, int64_t /*count*/) {
      out.days_.insert(Key(cls, d.start_day, d.span_days));
      if (days.empty() || days.back() != d.start_day) days.push_back(d.start_day);
    };
    RETURN_IF_ERROR(ScanDayCounts(ctx, it.get(), cls, PairDayCountSeekKey(lo, hi, cls, first_day),
                                  PairDayCountSeekKey(lo, hi, cls, end_day), shared));
  }
  return out;
}

bool PairDays::MayInvolveBoth(const Hit& h) const {
  if (h.start == kMinusInfinity || h.end == kPlusInfinity) return true;
  const uint8_t cls = SpanClass(h.start, h.end);
  if (cls > kMaxDayCountedClass || (read_ & (1u << cls)) == 0) return true;
  const int64_t first = DayOf(h.start);
  return days_.contains(Key(cls, first, DayOf(h.end - 1) - first));
}

}  // namespace annals::internal
