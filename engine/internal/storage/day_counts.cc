// Copyright: the Annals authors.
#include "internal/storage/day_counts.h"

#include <string_view>

namespace annals::internal {
namespace {

class AddCounts : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    int64_t sum = 0, add = 0;
    if (existing != nullptr && !DecodeDayCount({existing->data(), existing->size()}, &sum)) {
      return false;
    }
    if (!DecodeDayCount({value.data(), value.size()}, &add)) return false;
    *new_value = EncodeDayCount(
        static_cast<int64_t>(static_cast<uint64_t>(sum) + static_cast<uint64_t>(add)));
    return true;
  }
  const char* Name() const override { return "annals.AddCounts"; }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> DayCountMergeOperator() {
  static const auto* op = new std::shared_ptr<rocksdb::MergeOperator>(new AddCounts);
  return *op;
}

}  // namespace annals::internal
