// Copyright: the Annals authors.
//
// The engine's own access to a NormalizedEvent's event, without a copy or a move: the record
// readers wrap an event they have just normalized, the writer moves from the event it stores.
// Nothing outside the engine may use this (it would bypass the type's guarantee).
#ifndef ANNALS_INTERNAL_TEXT_NORMALIZED_EVENT_ACCESS_H_
#define ANNALS_INTERNAL_TEXT_NORMALIZED_EVENT_ACCESS_H_

#include <utility>

#include "annals/normalized_event.h"

namespace annals::internal {

struct NormalizedEventAccess {
  // REQUIRES: NormalizeEvent(event) returned OK and `event` was not changed since.
  static NormalizedEvent Adopt(Event&& event) { return NormalizedEvent(std::move(event)); }
  // The writer may move from the result; `e` is then moved-from.
  static Event& Get(NormalizedEvent& e) { return e.event_; }
};

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_TEXT_NORMALIZED_EVENT_ACCESS_H_
