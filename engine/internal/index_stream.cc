// Copyright: the Annals authors.
//
// Union and Intersect of hit streams.
#include "internal/index_stream.h"

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

// Hits in every child: each child seeks to the furthest position until all agree.
class Intersect : public Stream {
 public:
  Intersect(std::vector<std::unique_ptr<Stream>> children, bool reverse)
      : children_(std::move(children)), reverse_(reverse) {
    Align();
  }

  void Seek(const Hit& target) override {
    for (auto& c : children_) {
      if (c->Valid() && Precedes(c->hit(), target, reverse_)) c->Seek(target);
    }
    Align();
  }

  void Next() override {
    children_[0]->Next();
    Align();
  }

  bool Valid() const override { return valid_; }
  const Hit& hit() const override { return children_[0]->hit(); }
  absl::Status status() const override { return FirstError(children_); }

 private:
  void Align() {
    valid_ = false;
    while (true) {
      const Stream* furthest = nullptr;
      for (const auto& c : children_) {
        if (!c->Valid()) return;
        if (furthest == nullptr || Precedes(furthest->hit(), c->hit(), reverse_))
          furthest = c.get();
      }
      const Hit target = furthest->hit();
      bool agreed = true;
      for (auto& c : children_) {
        if (Precedes(c->hit(), target, reverse_)) {
          c->Seek(target);
          agreed = false;
          if (!c->Valid()) return;
        }
      }
      if (agreed) {
        valid_ = true;
        return;
      }
    }
  }

  std::vector<std::unique_ptr<Stream>> children_;
  const bool reverse_;
  bool valid_ = false;
};

}  // namespace

std::unique_ptr<Stream> NewUnion(std::vector<std::unique_ptr<Stream>> children, bool reverse) {
  return std::make_unique<Union>(std::move(children), reverse);
}

std::unique_ptr<Stream> NewIntersect(std::vector<std::unique_ptr<Stream>> children, bool reverse) {
  if (children.size() == 1) return std::move(children[0]);
  return std::make_unique<Intersect>(std::move(children), reverse);
}

}  // namespace annals::internal
