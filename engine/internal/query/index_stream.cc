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
// a linear pick of the least child beats a heap.
class Union : public Stream {
 public:
  Union(std::vector<std::unique_ptr<Stream>> children, bool reverse)
      : children_(std::move(children)), reverse_(reverse) {
    Seek(FirstTarget(reverse_));
  }

  void Seek(const Hit& target) override {
    for (auto& c : children_) {
      if (!c->Valid() || Precedes(c->hit(), target, reverse_)) c->Seek(target);
    }
    Pick();
  }

  void Next() override {
    const Hit at = children_[current_]->hit();
    for (auto& c : children_) {
      if (c->Valid() && SamePosition(c->hit(), at)) c->Next();
    }
    Pick();
  }

  bool Valid() const override { return current_ < children_.size(); }
  const Hit& hit() const override { return children_[current_]->hit(); }
  absl::Status status() const override { return FirstError(children_); }

 private:
  void Pick() {
    current_ = children_.size();
    if (!FirstError(children_).ok()) return;
    for (size_t i = 0; i < children_.size(); ++i) {
      if (!children_[i]->Valid()) continue;
      if (current_ == children_.size() ||
          Precedes(children_[i]->hit(), children_[current_]->hit(), reverse_)) {
        current_ = i;
      }
    }
  }

  std::vector<std::unique_ptr<Stream>> children_;
  const bool reverse_;
  size_t current_ = 0;
};

}  // namespace

std::unique_ptr<Stream> NewUnion(std::vector<std::unique_ptr<Stream>> children, bool reverse) {
  return std::make_unique<Union>(std::move(children), reverse);
}

}  // namespace annals::internal
