// Copyright: the Annals authors.
#include "internal/storage/key_codec.h"

#include <cstring>

namespace annals::internal {
namespace {

constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr char kEscape = '\x00';
constexpr char kEscapedZero = '\xff';
constexpr char kTerminator = '\x01';

template <typename T>
void PutBigEndian(std::string* dst, T v) {
  char buf[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i) {
    buf[i] = static_cast<char>(v >> (8 * (sizeof(T) - 1 - i)));
  }
  dst->append(buf, sizeof(T));
}

template <typename T>
bool GetBigEndian(std::string_view* in, T* v) {
  if (in->size() < sizeof(T)) return false;
  T r = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    r = static_cast<T>(r << 8) | static_cast<uint8_t>((*in)[i]);
  }
  *v = r;
  in->remove_prefix(sizeof(T));
  return true;
}

uint64_t FlipSign(int64_t v) { return static_cast<uint64_t>(v) ^ kSignBit; }
int64_t UnflipSign(uint64_t u) { return static_cast<int64_t>(u ^ kSignBit); }

void AppendIndexKey(std::string* dst, bool has_prefix, const IndexKey& k) {
  if (has_prefix) PutU32(dst, k.prefix);
  PutU8(dst, k.span_class);
  PutI64(dst, k.time);
  PutU64(dst, k.event_number);
}

size_t IndexKeySize(bool has_prefix) {
  return has_prefix ? kPrefixedIndexKeySize : kUnprefixedIndexKeySize;
}

}  // namespace

void PutU8(std::string* dst, uint8_t v) { dst->push_back(static_cast<char>(v)); }
void PutU32(std::string* dst, uint32_t v) { PutBigEndian(dst, v); }
void PutU64(std::string* dst, uint64_t v) { PutBigEndian(dst, v); }
void PutI64(std::string* dst, int64_t v) { PutBigEndian(dst, FlipSign(v)); }

void PutString(std::string* dst, std::string_view s) {
  while (!s.empty()) {
    const void* zero = std::memchr(s.data(), kEscape, s.size());
    if (zero == nullptr) {
      dst->append(s.data(), s.size());
      break;
    }
    const size_t n = static_cast<const char*>(zero) - s.data();
    dst->append(s.data(), n);
    dst->push_back(kEscape);
    dst->push_back(kEscapedZero);
    s.remove_prefix(n + 1);
  }
  dst->push_back(kEscape);
  dst->push_back(kTerminator);
}

bool GetU8(std::string_view* in, uint8_t* v) { return GetBigEndian(in, v); }
bool GetU32(std::string_view* in, uint32_t* v) { return GetBigEndian(in, v); }
bool GetU64(std::string_view* in, uint64_t* v) { return GetBigEndian(in, v); }

bool GetI64(std::string_view* in, int64_t* v) {
  uint64_t u;
  if (!GetBigEndian(in, &u)) return false;
  *v = UnflipSign(u);
  return true;
}

bool GetString(std::string_view* in, std::string* s) {
  s->clear();
  std::string_view rest = *in;
  while (true) {
    if (rest.empty()) return false;
    const void* zero = std::memchr(rest.data(), kEscape, rest.size());
    if (zero == nullptr) return false;
    const size_t n = static_cast<const char*>(zero) - rest.data();
    if (n + 1 >= rest.size()) return false;
    s->append(rest.data(), n);
    const char marker = rest[n + 1];
    rest.remove_prefix(n + 2);
    if (marker == kTerminator) break;
    if (marker != kEscapedZero) return false;
    s->push_back(kEscape);
  }
  *in = rest;
  return true;
}

std::string EncodeIndexKey(bool has_prefix, const IndexKey& k) {
  std::string key;
  key.reserve(IndexKeySize(has_prefix));
  AppendIndexKey(&key, has_prefix, k);
  return key;
}

bool DecodeIndexKey(std::string_view key, bool has_prefix, IndexKey* out) {
  if (key.size() != IndexKeySize(has_prefix)) return false;
  out->prefix = 0;
  if (has_prefix) GetU32(&key, &out->prefix);
  GetU8(&key, &out->span_class);
  GetI64(&key, &out->time);
  GetU64(&key, &out->event_number);
  return true;
}

std::string IndexSeekKey(bool has_prefix, uint32_t prefix, uint8_t span_class, int64_t time) {
  return EncodeIndexKey(has_prefix,
                        IndexKey{.prefix = prefix, .span_class = span_class, .time = time});
}

}  // namespace annals::internal
