// Copyright: the Annals authors.
#include "bench/timeline_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace annals_bench {
namespace {

constexpr int64_t kSecondUs = 1'000'000;
constexpr int64_t kDayUs = 86'400 * kSecondUs;
constexpr int64_t kYearUs = 365 * kDayUs + kDayUs / 4;

// clang-format off
const char* const kRealNames[] = {
    "United States", "Russia", "China", "Ukraine", "European Union", "NATO", "United Nations",
    "Vladimir Putin", "Joe Biden", "Xi Jinping", "Volodymyr Zelensky", "Recep Tayyip Erdoğan",
    "Emmanuel Macron", "Olaf Scholz", "Mark Rutte", "Donald Trump", "Kamala Harris", "Israel",
    "Iran", "India", "Narendra Modi", "Benjamin Netanyahu", "Hamas", "Germany", "France",
    "United Kingdom", "Police (Mexico)", "Citizen (India)", "Military (Syria)", "Japan",
    "Andrés Manuel López Obrador", "Luiz Inácio Lula da Silva", "Brazil", "Turkey", "Taliban",
    "Afghanistan", "Pakistan", "Saudi Arabia", "Abdel Fattah el-Sisi", "Egypt", "African Union",
    "World Health Organization", "International Monetary Fund", "Angela Merkel", "Boris Johnson",
    "Kim Jong Un", "North Korea", "South Korea", "Syria", "Iraq", "Police (India)",
    "Government (Nigeria)", "Protester (France)", "Ministry of Defense (Russia)", "Wagner Group",
    "Hezbollah", "Venezuela", "Nicolás Maduro", "Colombia", "Ethiopia"};
constexpr uint32_t kNumRealNames = sizeof(kRealNames) / sizeof(kRealNames[0]);

// What a CAMEO root code's events do, as a title verb.
const char* const kVerbs[] = {
    "comments on", "appeals to", "expresses intent to cooperate with", "consults",
    "cooperates diplomatically with", "cooperates materially with", "provides aid to", "yields to",
    "investigates", "demands action from", "criticizes", "rejects", "threatens", "protests against",
    "shows force toward", "reduces relations with", "coerces", "assaults", "fights",
    "uses mass violence against"};

// Types that are mostly intervals; the last entries of the type table.
const char* const kIntervalTypes[] = {
    "term-of-office", "occupation", "conflict", "sanctions", "ceasefire", "election"};
constexpr uint32_t kNumIntervalTypes = sizeof(kIntervalTypes) / sizeof(kIntervalTypes[0]);

const char* const kPlaces[] = {
    "Berlin, Germany", "Kyiv, Ukraine", "Moscow, Russia", "Washington, United States",
    "Beijing, China", "Brussels, Belgium", "Paris, France", "London, United Kingdom",
    "Ankara, Turkey", "New Delhi, India", "Tehran, Iran", "Jerusalem, Israel", "Gaza",
    "Damascus, Syria", "Baghdad, Iraq", "Kabul, Afghanistan", "Cairo, Egypt", "Lagos, Nigeria",
    "Addis Ababa, Ethiopia", "Mexico City, Mexico", "Brasília, Brazil", "Caracas, Venezuela",
    "Bogotá, Colombia", "Tokyo, Japan", "Seoul, South Korea", "Pyongyang, North Korea",
    "Geneva, Switzerland", "New York, United States", "Riyadh, Saudi Arabia", "Kharkiv, Ukraine"};

const char* const kDomains[] = {
    "news.example.org", "wire.example.com", "daily.example.net", "press.example.org",
    "globe.example.com", "post.example.net", "times.example.org", "herald.example.com"};
// clang-format on

template <typename T, size_t N>
constexpr uint32_t Count(const T (&)[N]) {
  return N;
}

// JSON string literal of `s` (quotes included), appended to `out`.
void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void AppendPadded(std::string* out, int64_t v, int width) {
  char buf[24];
  int n = std::snprintf(buf, sizeof(buf), "%0*lld", width, static_cast<long long>(v));
  out->append(buf, n);
}

enum class Unit { kYear, kMonth, kDay, kMinute, kSecond };

// The EDTF text of the period of `unit` that contains instant `us`.
void AppendDate(std::string* out, int64_t us, Unit unit) {
  const absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixMicros(us), absl::UTCTimeZone());
  AppendPadded(out, cs.year(), 4);
  if (unit == Unit::kYear) return;
  out->push_back('-');
  AppendPadded(out, cs.month(), 2);
  if (unit == Unit::kMonth) return;
  out->push_back('-');
  AppendPadded(out, cs.day(), 2);
  if (unit == Unit::kDay) return;
  out->push_back('T');
  AppendPadded(out, cs.hour(), 2);
  out->push_back(':');
  AppendPadded(out, cs.minute(), 2);
  if (unit == Unit::kSecond) {
    out->push_back(':');
    AppendPadded(out, cs.second(), 2);
  }
  out->push_back('Z');
}

uint64_t Mix(uint64_t a, uint64_t b) {
  Random r(a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL));
  return r.Next64();
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

uint64_t Random::Next64() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Random::Uniform() { return static_cast<double>(Next64() >> 11) * 0x1.0p-53; }

ZipfSampler::ZipfSampler(uint32_t n, double exponent) : cdf_(n) {
  double total = 0;
  for (uint32_t i = 0; i < n; ++i) {
    total += 1.0 / std::pow(static_cast<double>(i) + 1.0, exponent);
    cdf_[i] = total;
  }
  for (double& c : cdf_) c /= total;
}

uint32_t ZipfSampler::Draw(Random& random) const {
  const double u = random.Uniform();
  auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  return it == cdf_.end() ? static_cast<uint32_t>(cdf_.size() - 1)
                          : static_cast<uint32_t>(it - cdf_.begin());
}

double ZipfSampler::Probability(uint32_t rank) const {
  return rank == 0 ? cdf_[0] : cdf_[rank] - cdf_[rank - 1];
}

TimelineGenerator::TimelineGenerator(const TimelineOptions& options)
    : options_(options),
      random_(Mix(options.seed, 1)),
      actor_sampler_(std::max<uint32_t>(options.actors, 2),
                     options.shape == Shape::kShort ? 0.8 : 1.0),
      type_sampler_(1, 1.0) {
  for (int root = 1; root <= 20; ++root) {
    types_.push_back(absl::StrFormat("%02d", root));
    for (int d = 0; d <= 9; ++d) types_.push_back(absl::StrFormat("%02d%d", root, d));
    for (int d = 1; d <= 4; ++d) {
      for (int e = 1; e <= 2; ++e) types_.push_back(absl::StrFormat("%02d%d%d", root, d, e));
    }
  }
  // Popularity order of the CAMEO-like codes: a seeded shuffle.
  Random shuffle(Mix(options.seed, 2));
  for (size_t i = types_.size(); i > 1; --i) std::swap(types_[i - 1], types_[shuffle.Below(i)]);
  for (const char* t : kIntervalTypes) types_.push_back(t);
  type_sampler_ = ZipfSampler(num_types() - kNumIntervalTypes, 1.1);
}

std::string TimelineGenerator::ActorName(uint32_t rank) const {
  if (rank < kNumRealNames) return kRealNames[rank];
  return absl::StrCat("Actor ", rank);
}

bool ApplyShape(const std::string& name, TimelineOptions* options) {
  if (name == "news") {
    options->shape = Shape::kNews;
    options->actors = 50'000;
  } else if (name == "short") {
    options->shape = Shape::kShort;
    options->actors = 500'000;
  } else {
    return false;
  }
  return true;
}

std::string TimelineGenerator::EventId(uint64_t number) {
  return absl::StrCat("ev", 1'000'000'000 + number);
}

uint32_t TimelineGenerator::Partner(uint32_t rank, uint32_t j) const {
  Random r(Mix(options_.seed ^ 0x5151, (static_cast<uint64_t>(rank) << 8) | j));
  const uint32_t p = actor_sampler_.Draw(r);
  return p != rank ? p : (p + 1) % std::max<uint32_t>(options_.actors, 2);
}

uint32_t TimelineGenerator::DrawActor() { return actor_sampler_.Draw(random_); }

void TimelineGenerator::Next(std::string* out) {
  ++emitted_;
  if (!recent_.empty() && random_.Chance(options_.repeat_fraction)) {
    const auto& [info, line] = recent_[random_.Below(recent_.size())];
    last_ = info;
    last_.upsert = false;
    last_.repeat = true;
    out->append(line);
    return;
  }
  const size_t begin = out->size();
  if (next_number_ > 0 && random_.Chance(options_.upsert_fraction)) {
    const uint64_t back = 1 + random_.Below(std::min<uint64_t>(next_number_, 100'000));
    AppendFresh(next_number_ - back, out);
    last_.upsert = true;
  } else {
    AppendFresh(next_number_++, out);
  }
  recent_.emplace_back(last_, out->substr(begin));
  if (recent_.size() > 256) recent_.pop_front();
}

void TimelineGenerator::AppendFresh(uint64_t number, std::string* out) {
  last_ = RecordInfo{};
  last_.number = number;
  const double n_draw = random_.Uniform();
  const int n_actors = options_.shape == Shape::kShort ? (n_draw < 0.5 ? 1 : 2)
                       : n_draw < 0.20                 ? 1
                       : n_draw < 0.80                 ? 2
                       : n_draw < 0.93                 ? 3
                                                       : 4;
  last_.actors.push_back(DrawActor());
  for (int i = 1; i < n_actors; ++i) {
    last_.actors.push_back(i == 1 && random_.Chance(0.45)
                               ? Partner(last_.actors[0], random_.Below(kPartners))
                               : DrawActor());
  }
  absl::StrAppend(out, "{\"id\":\"", EventId(number), "\",\"time\":\"");
  AppendTime(out);  // sets last_.type for intervals of an interval type
  out->push_back('"');
  if (last_.type < 0 && random_.Chance(0.98)) last_.type = type_sampler_.Draw(random_);
  if (last_.type >= 0) {
    out->append(",\"type\":");
    AppendJsonString(out, types_[last_.type]);
  }
  AppendActors(out);
  AppendExtras(out);
  out->append("}\n");
}

void TimelineGenerator::AppendActors(std::string* out) {
  out->append(",\"actors\":[");
  for (size_t i = 0; i < last_.actors.size(); ++i) {
    if (i > 0) out->push_back(',');
    std::string name = ActorName(last_.actors[i]);
    if (IsAscii(name) && random_.Chance(0.005)) absl::AsciiStrToLower(&name);
    const char* role = i == 0 ? "source" : i == 1 ? "target" : nullptr;
    if (i >= 2 && random_.Chance(0.3)) role = "mediator";
    if (role == nullptr) {
      AppendJsonString(out, name);
    } else {
      out->append("{\"name\":");
      AppendJsonString(out, name);
      absl::StrAppend(out, ",\"role\":\"", role, "\"}");
    }
  }
  out->push_back(']');
}

void TimelineGenerator::AppendTime(std::string* out) {
  const double kind = random_.Uniform();
  const bool historical = random_.Chance(0.02);
  const int64_t t =
      historical
          ? kMainPeriodStartUs - static_cast<int64_t>(random_.Uniform() * 200 * kYearUs)
          : kMainPeriodStartUs + static_cast<int64_t>(std::pow(random_.Uniform(), 0.7) *
                                                      (kMainPeriodEndUs - kMainPeriodStartUs));
  const double p = random_.Uniform();
  double f = options_.open_start_fraction;
  if (kind < f) {
    out->append("../");
    AppendDate(out, t, p < 0.7 ? Unit::kDay : Unit::kYear);
    return;
  }
  f += options_.open_end_fraction;
  if (kind < f) {
    AppendDate(out, t, p < 0.8 ? Unit::kDay : Unit::kMonth);
    out->append("/..");
    if (random_.Chance(0.5)) last_.type = num_types() - 1 - random_.Below(kNumIntervalTypes);
    return;
  }
  f += options_.interval_fraction;
  if (kind < f) {
    const Unit unit = p < 0.7 ? Unit::kDay : p < 0.9 ? Unit::kMonth : Unit::kYear;
    const double lo = std::log(static_cast<double>(kDayUs));
    const double hi = std::log(static_cast<double>(8 * kYearUs));
    const int64_t length = static_cast<int64_t>(std::exp(lo + random_.Uniform() * (hi - lo)));
    AppendDate(out, t, unit);
    out->push_back('/');
    AppendDate(out, t + length, unit);
    if (random_.Chance(0.5)) last_.type = num_types() - 1 - random_.Below(kNumIntervalTypes);
    return;
  }
  const Unit unit = p < 0.02   ? Unit::kYear
                    : p < 0.10 ? Unit::kMonth
                    : p < 0.60 ? Unit::kDay
                    : p < 0.85 ? Unit::kMinute
                               : Unit::kSecond;
  AppendDate(out, t, unit);
  const double q = random_.Uniform();
  if (q < 0.005) {
    out->push_back('~');
  } else if (q < 0.009) {
    out->push_back('?');
  } else if (q < 0.010) {
    out->push_back('%');
  }
}

void TimelineGenerator::AppendExtras(std::string* out) {
  if (options_.shape == Shape::kShort) {
    AppendShortExtras(out);
    return;
  }
  const std::string source = ActorName(last_.actors[0]);
  const std::string* target = nullptr;
  std::string target_name;
  if (last_.actors.size() > 1) {
    target_name = ActorName(last_.actors[1]);
    target = &target_name;
  }
  const int root = last_.type >= 0 && types_[last_.type][0] <= '9'
                       ? (types_[last_.type][0] - '0') * 10 + (types_[last_.type][1] - '0')
                       : 1 + static_cast<int>(random_.Below(20));
  std::string title = target != nullptr ? absl::StrCat(source, " ", kVerbs[root - 1], " ", *target)
                                        : absl::StrCat(source, ": ", kVerbs[root - 1], " others");
  out->append(",\"title\":");
  AppendJsonString(out, title);
  if (random_.Chance(0.6)) {
    out->append(",\"location\":");
    AppendJsonString(out, kPlaces[random_.Below(Count(kPlaces))]);
  }
  if (random_.Chance(0.8)) {
    absl::StrAppend(out, ",\"source\":\"https://", kDomains[random_.Below(Count(kDomains))], "/a/",
                    absl::Hex(random_.Next64() & 0xFFFFFFFFFFFF, absl::kZeroPad12), "\"");
  }
  if (!random_.Chance(0.7)) return;
  const int64_t goldstein = static_cast<int64_t>(random_.Below(201)) - 100;
  absl::StrAppend(out, ",\"attrs\":{\"goldstein\":", goldstein < 0 ? "-" : "",
                  std::abs(goldstein) / 10, ".", std::abs(goldstein) % 10,
                  ",\"mentions\":", 1 + static_cast<int64_t>(std::exp(random_.Uniform() * 6)));
  if (random_.Chance(0.3)) {
    absl::StrAppend(out, ",\"tone\":\"", absl::StrFormat("%.2f", random_.Uniform() * 10 - 5), "\"");
  }
  if (random_.Chance(0.05)) out->append(",\"verified\":true");
  out->push_back('}');
}

void TimelineGenerator::AppendShortExtras(std::string* out) {
  static constexpr const char* kWords[] = {"meet", "talk", "visit", "warn", "aid", "fight", "sign"};
  absl::StrAppend(out, ",\"title\":\"", kWords[random_.Below(Count(kWords))], "\"");
  if (!random_.Chance(0.2)) return;
  absl::StrAppend(out, ",\"attrs\":{\"n\":", random_.Below(100), "}");
}

}  // namespace annals_bench
