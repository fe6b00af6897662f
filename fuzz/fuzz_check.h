// Copyright: the Annals authors.
//
// FUZZ_CHECK: a property a fuzz target asserts. On failure prints what broke and aborts, which
// libFuzzer reports as a crash with the input that caused it.
#ifndef ANNALS_FUZZ_FUZZ_CHECK_H_
#define ANNALS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

#endif  // ANNALS_FUZZ_FUZZ_CHECK_H_
