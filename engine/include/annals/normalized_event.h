// Copyright: the Annals authors.
//
// NormalizedEvent: an Event known to be in its stored form, because the only way to make one is
// to run NormalizeEvent (record_io.h) on it. Database::PutNormalized stores such events without
// normalizing them again; the record readers produce them (RecordReader::NextNormalized), so an
// ingested record is normalized exactly once. The event can be read but not changed in place: a
// change could undo the normalization, so it goes through Release and Make again.
//
//   absl::StatusOr<annals::NormalizedEvent> n = annals::NormalizedEvent::Make(std::move(e));
//   if (!n.ok()) { /* InvalidArgument naming the field, as NormalizeEvent */ }
//   std::vector<annals::NormalizedEvent> batch;
//   batch.push_back(*std::move(n));
//   absl::StatusOr<annals::PutResult> r = db->PutNormalized(std::move(batch));
//
// A plain value type: copy and move freely. A moved-from NormalizedEvent holds a moved-from Event
// and may only be assigned to or destroyed.
// Thread safety: as for any value; const methods are safe from several threads.
#ifndef ANNALS_NORMALIZED_EVENT_H_
#define ANNALS_NORMALIZED_EVENT_H_

#include <utility>

#include "absl/status/statusor.h"
#include "annals/event.h"

namespace annals {
namespace internal {
struct NormalizedEventAccess;
}  // namespace internal

class NormalizedEvent {
 public:
  // Runs NormalizeEvent on `event`. InvalidArgument naming the field, exactly as NormalizeEvent.
  static absl::StatusOr<NormalizedEvent> Make(Event event);

  const Event& event() const& { return event_; }
  // Gives the event up; `*this` is left moved-from.
  Event Release() && { return std::move(event_); }

 private:
  // The engine's readers and writer wrap and take events without copies or moves.
  friend struct internal::NormalizedEventAccess;

  explicit NormalizedEvent(Event event) : event_(std::move(event)) {}

  Event event_;
};

}  // namespace annals

#endif  // ANNALS_NORMALIZED_EVENT_H_
