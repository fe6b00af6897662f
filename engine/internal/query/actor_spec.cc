// Copyright: the Annals authors.
#include "internal/query/actor_spec.h"

#include "internal/storage/dictionary.h"
#include "internal/text/actor_name.h"
#include "internal/util/status_macros.h"

namespace annals::internal {
namespace {

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

ActorSpec ParseActorSpec(std::string_view text) {
  std::optional<size_t> split;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '=') {
      split = i;
    }
  }
  if (!split) return ActorSpec{Unescape(text), std::nullopt};
  return ActorSpec{Unescape(text.substr(0, *split)), Unescape(text.substr(*split + 1))};
}

std::string RoleLookupKey(std::string_view role) {
  absl::StatusOr<std::string> key = ActorLookupKey(role);
  return key.ok() ? *std::move(key) : std::string(role);
}

absl::StatusOr<std::optional<ResolvedSpec>> ResolveActorSpec(const ScanContext& ctx,
                                                             std::string_view text) {
  const ActorSpec spec = ParseActorSpec(text);
  absl::StatusOr<std::string> key = ActorLookupKey(spec.name);
  if (!key.ok()) return std::nullopt;
  ASSIGN_OR_RETURN(std::optional<uint32_t> number,
                   Dictionary::Lookup(*ctx.store, DictKind::kActor, *key, ctx.snapshot));
  if (!number) return std::nullopt;
  ResolvedSpec out{*number, std::nullopt};
  if (spec.role) out.role_key = RoleLookupKey(*spec.role);
  return out;
}

}  // namespace annals::internal
