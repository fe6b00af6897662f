// Copyright: the Annals authors.
#include "annals/history.h"

namespace annals {

const char* ChangeOpName(ChangeOp op) {
  switch (op) {
    case ChangeOp::kPut:
      return "put";
    case ChangeOp::kReplace:
      return "replace";
    case ChangeOp::kDelete:
      return "delete";
  }
  return "?";
}

}  // namespace annals
