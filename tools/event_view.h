// Copyright: the Annals authors.
//
// One event for a person to read (`annals show`): every field on its own line
// under a label, each actor with its role on a line of its own, attrs as
// `key: value`, long values wrapped at spaces to the terminal width.
//
//   id        rutte-berlin-unity
//   time      2024-10
//   actors    Mark Rutte (speaker)
//             Olaf Scholz
#ifndef ANNALS_TOOLS_EVENT_VIEW_H_
#define ANNALS_TOOLS_EVENT_VIEW_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "annals/event.h"

namespace annals::cli {

// `text` broken at spaces into lines of at most `width` display columns; a
// word wider than `width` gets a line of its own, uncut (URLs stay whole).
// Control characters are shown as spaces. Empty text gives one empty line.
std::vector<std::string> WrapText(std::string_view text, size_t width);

// The readable view of `event`, lines ending in '\n', fitted to `width`
// columns. Empty fields are left out; `stored` is when this version was
// ingested.
std::string FormatEventView(const Event& event, size_t width);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_EVENT_VIEW_H_
