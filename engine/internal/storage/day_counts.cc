// Copyright: the Annals authors.
#include "internal/storage/day_counts.h"

#include <deque>
#include <string>
#include <string_view>

namespace annals::internal {
namespace {

// Sums every operand in one pass: no intermediate value per operand.
class AddCounts : public rocksdb::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in, MergeOperationOutput* out) const override {
    int64_t sum = 0;
    if (in.existing_value != nullptr && !Add(*in.existing_value, &sum)) return false;
    for (const rocksdb::Slice& operand : in.operand_list) {
      if (!Add(operand, &sum)) return false;
    }
    out->new_value = EncodeDayCount(sum);
    return true;
  }
  bool PartialMergeMulti(const rocksdb::Slice& /*key*/, const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value, rocksdb::Logger* /*logger*/) const override {
    int64_t sum = 0;
    for (const rocksdb::Slice& operand : operands) {
      if (!Add(operand, &sum)) return false;
    }
    *new_value = EncodeDayCount(sum);
    return true;
  }
  const char* Name() const override { return "annals.AddCounts"; }

 private:
  static bool Add(const rocksdb::Slice& value, int64_t* sum) {
    int64_t v;
    if (!DecodeDayCount({value.data(), value.size()}, &v)) return false;
    *sum = static_cast<int64_t>(static_cast<uint64_t>(*sum) + static_cast<uint64_t>(v));
    return true;
  }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> DayCountMergeOperator() {
  static const auto* op = new std::shared_ptr<rocksdb::MergeOperator>(new AddCounts);
  return *op;
}

}  // namespace annals::internal
