// Copyright: the Annals authors.
//
// The engine Query for the filter flags that `query`, `count` and `related` share.
#ifndef ANNALS_TOOLS_QUERY_FLAGS_H_
#define ANNALS_TOOLS_QUERY_FLAGS_H_

#include "absl/status/statusor.h"
#include "annals/query.h"
#include "commands.h"

namespace annals::cli {

// --from/--to texts were validated while parsing the command line. InvalidArgument (a usage
// error) naming both values when the range is empty or inverted.
absl::StatusOr<Query> BuildQuery(const QueryFlags& flags);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_QUERY_FLAGS_H_
