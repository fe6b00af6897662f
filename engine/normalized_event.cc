// Copyright: the Annals authors.
#include "annals/normalized_event.h"

#include "annals/record_io.h"

namespace annals {

absl::StatusOr<NormalizedEvent> NormalizedEvent::Make(Event event) {
  absl::Status s = NormalizeEvent(event);
  if (!s.ok()) return s;
  return NormalizedEvent(std::move(event));
}

}  // namespace annals
