// Copyright: the Annals authors.
#include "internal/query/planned_query.h"

#include "internal/query/planner.h"
#include "internal/util/status_macros.h"

namespace annals::internal {

PlannedQuery::PlannedQuery(const Store* store) : view(ReadView::AtSnapshot(*store)) {
  ctx.view = &view;
  ctx.store = store;
  ctx.snapshot = view.snapshot();
  ctx.counters = &counters;
}

absl::Status PlannedQuery::Plan(const Query& query) {
  ctx.from_us = query.from_us;
  ctx.to_us = query.to_us;
  ctx.reverse = query.reverse;
  ctx.within = query.within;
  if (query.as_of_us) {
    ASSIGN_OR_RETURN(as_of, ResolveAsOf(view, AsOfEnd(*query.as_of_us)));
    ctx.as_of = &*as_of;
  }
  if (query.limit) remaining = *query.limit;
  ASSIGN_OR_RETURN(root, PlanQuery(query, &ctx));
  return absl::OkStatus();
}

}  // namespace annals::internal
