// Copyright: the Annals authors.
#include "timeline_page.h"

#include "absl/strings/str_replace.h"
#include "timeline_assets.h"

namespace annals::cli {

std::string HtmlEscape(std::string_view text) {
  return absl::StrReplaceAll(
      absl::string_view(text.data(), text.size()),
      {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});
}

std::string TimelinePage(const std::vector<Event>& events, const TimelineData& data) {
  auto view = [](std::string_view s) { return absl::string_view(s.data(), s.size()); };
  // One pass: inserted texts are not searched for placeholders again.
  std::string page =
      absl::StrReplaceAll(view(kTimelinePageHtml), {{"@ANNALS_TITLE@", HtmlEscape(data.title)},
                                                    {"@ANNALS_DATA@", TimelineJson(events, data)},
                                                    {"@ANNALS_VIS_CSS@", view(kVisTimelineCss)},
                                                    {"@ANNALS_PAGE_CSS@", view(kTimelinePageCss)},
                                                    {"@ANNALS_VIS_JS@", view(kVisTimelineJs)},
                                                    {"@ANNALS_PAGE_JS@", view(kTimelinePageJs)}});
  if (page.empty() || page.back() != '\n') page.push_back('\n');
  return page;
}

}  // namespace annals::cli
