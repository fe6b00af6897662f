// Copyright: the Annals authors.
//
// The whole public API of Annals. See each header for its contract.
#ifndef ANNALS_ANNALS_H_
#define ANNALS_ANNALS_H_

#include "annals/aggregate.h"
#include "annals/alias.h"
#include "annals/database.h"
#include "annals/event.h"
#include "annals/history.h"
#include "annals/normalized_event.h"
#include "annals/query.h"
#include "annals/record_io.h"
#include "annals/time.h"

#endif  // ANNALS_ANNALS_H_
