// Copyright: the Annals authors.
//
// RETURN_IF_ERROR and ASSIGN_OR_RETURN, which abseil 20220623 does not ship.
#ifndef ANNALS_INTERNAL_UTIL_STATUS_MACROS_H_
#define ANNALS_INTERNAL_UTIL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ANNALS_CONCAT_INNER_(a, b) a##b
#define ANNALS_CONCAT_(a, b) ANNALS_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    const ::absl::Status annals_status_ = (expr);    \
    if (!annals_status_.ok()) return annals_status_; \
  } while (0)

// `lhs = value of statusor_expr`, or returns its status from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(ANNALS_CONCAT_(annals_statusor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()

#endif  // ANNALS_INTERNAL_UTIL_STATUS_MACROS_H_
