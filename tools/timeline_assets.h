// Copyright: the Annals authors.
//
// The web assets of `annals timeline` pages, embedded at build time from web/ by
// cmake/EmbedWebAssets.cmake (the generated timeline_assets.cc in the build tree). The build fails
// with a message naming the missing file when web/node_modules was not installed (`npm ci`).
#ifndef ANNALS_TOOLS_TIMELINE_ASSETS_H_
#define ANNALS_TOOLS_TIMELINE_ASSETS_H_

#include <string_view>

namespace annals::cli {

// web/src/page.html: the page, with @ANNALS_TITLE@, @ANNALS_DATA@, @ANNALS_VIS_CSS@,
// @ANNALS_PAGE_CSS@, @ANNALS_VIS_JS@ and @ANNALS_PAGE_JS@ to fill in.
extern const std::string_view kTimelinePageHtml;
extern const std::string_view kTimelinePageJs;   // web/src/timeline.js
extern const std::string_view kTimelinePageCss;  // web/src/timeline.css
extern const std::string_view kVisTimelineJs;    // vis-timeline's standalone script, minified
extern const std::string_view kVisTimelineCss;   // vis-timeline's styles, minified

}  // namespace annals::cli

#endif  // ANNALS_TOOLS_TIMELINE_ASSETS_H_
