// Copyright: the Annals authors.
//
// Moved: the on-disk layout is format.h. This header stays for branches written before the move.
#ifndef ANNALS_INTERNAL_STORAGE_LAYOUT_H_
#define ANNALS_INTERNAL_STORAGE_LAYOUT_H_

#include "internal/storage/format.h"

#endif  // ANNALS_INTERNAL_STORAGE_LAYOUT_H_
