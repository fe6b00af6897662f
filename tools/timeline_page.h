// Copyright: the Annals authors.
//
// The HTML page of `annals timeline`: one self-contained file (data, script and styles inside, a
// Content-Security-Policy that forbids every network request) that draws the events with the
// embedded vis-timeline (timeline_assets.h) and web/src/timeline.js.
#ifndef ANNALS_TOOLS_TIMELINE_PAGE_H_
#define ANNALS_TOOLS_TIMELINE_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "annals/event.h"
#include "timeline_data.h"

namespace annals::cli {

// The page for `events` (in the order they are given). Ends with a newline.
std::string TimelinePage(const std::vector<Event>& events, const TimelineData& data);

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_TIMELINE_PAGE_H_
