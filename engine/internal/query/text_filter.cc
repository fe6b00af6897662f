// Copyright: the Annals authors.
#include "internal/query/text_filter.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "internal/text/actor_name.h"

namespace annals::internal {
namespace {

// The folded form that words and titles are compared in; text that cannot be
// folded (invalid UTF-8) is compared as it is.
std::string Fold(std::string_view text) {
  absl::StatusOr<std::string> folded = ActorLookupKey(text);
  return folded.ok() ? *std::move(folded) : std::string(text);
}

class TextFilterCursor : public Cursor {
 public:
  TextFilterCursor(std::unique_ptr<Cursor> all, const annals::Query& query)
      : all_(std::move(all)), limit_(query.limit) {
    const std::string folded = Fold(query.text);
    for (absl::string_view word : absl::StrSplit(folded, ' ', absl::SkipEmpty())) {
      words_.emplace_back(word);
    }
  }

  bool Next() override {
    if (limit_ && returned_ >= *limit_) return false;
    while (all_->Next()) {
      if (Matches(all_->event())) {
        ++returned_;
        return true;
      }
    }
    return false;
  }

  const Event& event() const override { return all_->event(); }
  absl::Status status() const override { return all_->status(); }

  QueryCounters counters() const override {
    QueryCounters c = all_->counters();
    c.events_returned = returned_;
    return c;
  }

 private:
  bool Matches(const Event& event) const {
    const std::string title = Fold(event.title);
    for (const std::string& word : words_) {
      if (title.find(word) == std::string::npos) return false;
    }
    return true;
  }

  std::unique_ptr<Cursor> all_;
  std::optional<uint64_t> limit_;
  std::vector<std::string> words_;
  uint64_t returned_ = 0;
};

}  // namespace

annals::Query WithoutText(const annals::Query& query) {
  annals::Query inner = query;
  inner.text.clear();
  inner.limit.reset();
  return inner;
}

std::unique_ptr<Cursor> FilterByText(std::unique_ptr<Cursor> all, const annals::Query& query) {
  return std::make_unique<TextFilterCursor>(std::move(all), query);
}

absl::StatusOr<uint64_t> CountAll(Cursor& cursor) {
  uint64_t n = 0;
  while (cursor.Next()) ++n;
  if (absl::Status s = cursor.status(); !s.ok()) return s;
  return n;
}

}  // namespace annals::internal
