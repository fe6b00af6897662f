// Copyright: the Annals authors.
//
// Union of hit streams.
#include "internal/query/index_stream.h"

namespace annals::internal {
namespace {

absl::Status FirstError(const std::vector<std::unique_ptr<Stream>>& children) {
  for (const auto& c : children) {
    if (!c->status().ok()) return c->status();
  }
  return absl::OkStatus();
}

// Hits in any child, each position once. With few children (span classes, a handful of actors)
// a linear pick of the least child beats a heap. Each child's current position is cached beside
// it, so picking compares plain values; only a child that moves is asked for its next hit. The
// hit itself (which may carry a record) stays in its child, valid until the child moves.
class Union : public Stream {
 public:
  Union(std::vector<std::unique_ptr<Stream>> children, bool reverse)
      : children_(std::move(children)), reverse_(reverse) {
    heads_.reserve(children_.size());
    Seek(FirstTarget(reverse_));
  }

  void Seek(const Hit& target) override {
    heads_.clear();
    for (size_t i = 0; i < children_.size(); ++i) {
      Stream& c = *children_[i];
      if (!c.Valid() || Precedes(c.hit(), target, reverse_)) c.Seek(target);
      if (!Keep(c, i)) return;
    }
    Pick();
  }

  void Next() override {
    const Head at = heads_[current_];
    size_t kept = 0;
    for (const Head& head : heads_) {
      Stream& c = *children_[head.child];
      if (head.start != at.start || head.event_number != at.event_number) {
        heads_[kept++] = head;
        continue;
      }
      c.Next();
      if (c.Valid()) {
        heads_[kept++] = HeadOf(c, head.child);
      } else if (!c.status().ok()) {
        Fail();
        return;
      }
    }
    heads_.resize(kept);
    Pick();
  }

  bool Valid() const override { return current_ < heads_.size(); }
  const Hit& hit() const override { return children_[heads_[current_].child]->hit(); }
  absl::Status status() const override { return FirstError(children_); }

 private:
  // The position of children_[child]->hit().
  struct Head {
    int64_t start;
    uint64_t event_number;
    size_t child;
    bool Precedes(const Head& o, bool reverse) const {
      if (start != o.start) return reverse ? start > o.start : start < o.start;
      return reverse ? event_number > o.event_number : event_number < o.event_number;
    }
  };

  static Head HeadOf(const Stream& c, size_t child) {
    return Head{c.hit().start, c.hit().event_number, child};
  }

  // Adds child `i` to the heads if it has a hit; false (and stops the union) if it failed.
  bool Keep(Stream& c, size_t i) {
    if (c.Valid()) {
      heads_.push_back(HeadOf(c, i));
    } else if (!c.status().ok()) {
      Fail();
      return false;
    }
    return true;
  }

  // A child failed: no more hits; status() reports it.
  void Fail() {
    heads_.clear();
    current_ = 0;
  }

  void Pick() {
    current_ = 0;
    for (size_t i = 1; i < heads_.size(); ++i) {
      if (heads_[i].Precedes(heads_[current_], reverse_)) current_ = i;
    }
  }

  std::vector<std::unique_ptr<Stream>> children_;
  const bool reverse_;
  std::vector<Head> heads_;  // the children with a hit, and its position
  size_t current_ = 0;       // into heads_; == heads_.size() (empty) when done
};

}  // namespace

std::unique_ptr<Stream> NewUnion(std::vector<std::unique_ptr<Stream>> children, bool reverse) {
  return std::make_unique<Union>(std::move(children), reverse);
}

}  // namespace annals::internal
